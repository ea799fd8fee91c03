"""The front desk's day at one location: who is booked when, the gaps, time off.

One grid per location and local date: a row per slot step (``BOOKING_SLOT_STEP_MINUTES``)
from the earliest working or opening time to the latest, a column per therapist with
working hours there. Each cell says what the therapist is doing then: booked (with the
booking), buffer after a booking, free, time off, working at another location, or not
working. Five queries, whatever the team size.
"""

import datetime as dt
from dataclasses import dataclass, field

from author_profiles.models import ProfilePage
from services.models import Closure

from . import conf
from .availability import local_instant, local_midnight
from .forms import format_start
from .models import Booking, TimeOff, WorkingHours

BOOKED, BUFFER, FREE, TIME_OFF, ELSEWHERE, OFF, CLOSED = (
    "booked",
    "buffer",
    "free",
    "time-off",
    "elsewhere",
    "off",
    "closed",
)


@dataclass
class Cell:
    state: str
    booking: object = None
    first: bool = False  # the booking's first row (the one that names it)
    note: str = ""
    starts_at: dt.datetime | None = None  # the slot's start (UTC), for "book here" links
    therapist: object = None

    @property
    def start_param(self):
        return format_start(self.starts_at) if self.starts_at else ""


@dataclass
class DayGrid:
    location: object
    day: dt.date
    therapists: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # [(local time, [Cell per therapist])]
    closure: object = None
    bookings: list = field(default_factory=list)

    def summary(self, therapist_index):
        column = [cells[therapist_index] for _, cells in self.rows]
        return {
            "booked": sum(1 for c in column if c.state == BOOKED and c.first),
            "free": sum(1 for c in column if c.state == FREE),
        }


def therapists_at(location):
    return list(
        ProfilePage.objects.filter(booking_schedules__location=location)
        .distinct()
        .order_by("title", "pk")
    )


def _minutes(time):
    return time.hour * 60 + time.minute


def day_grid(location, day):
    therapists = therapists_at(location)
    grid = DayGrid(location=location, day=day, therapists=therapists)
    grid.closure = Closure.objects.filter(location=location, date=day).first()
    ids = [t.pk for t in therapists]
    hours = {}  # therapist id -> [(location id, location title, starts, ends)]
    for therapist_id, location_id, title, starts, ends in WorkingHours.objects.filter(
        schedule__therapist_id__in=ids, weekday=day.weekday()
    ).values_list(
        "schedule__therapist_id",
        "schedule__location_id",
        "schedule__location__title",
        "starts",
        "ends",
    ):
        hours.setdefault(therapist_id, []).append((location_id, title, starts, ends))
    day_start, day_end = local_midnight(day), local_midnight(day + dt.timedelta(days=1))
    time_off = {}
    for row in TimeOff.objects.filter(
        therapist_id__in=ids, starts_at__lt=day_end, ends_at__gt=day_start
    ):
        time_off.setdefault(row.therapist_id, []).append(row)
    grid.bookings = list(
        Booking.objects.confirmed()
        .filter(therapist_id__in=ids, starts_at__lt=day_end, blocked_until__gt=day_start)
        .select_related("service", "location")
        .order_by("starts_at")
    )
    by_therapist = {}
    for booking in grid.bookings:
        by_therapist.setdefault(booking.therapist_id, []).append(booking)

    here = [
        (starts, ends)
        for rows in hours.values()
        for location_id, _, starts, ends in rows
        if location_id == location.pk
    ]
    opening = [
        (r.opens, r.closes) for r in location.opening_hours.all() if r.weekday == day.weekday()
    ]
    spans = here + opening
    if not spans:
        return grid
    step = conf.get("BOOKING_SLOT_STEP_MINUTES")
    first = min(_minutes(s) for s, _ in spans) // step * step
    last = max(_minutes(e) for _, e in spans)
    shown = set()
    for minute in range(first, last, step):
        wall = dt.time(minute // 60, minute % 60)
        moment = local_instant(day, wall)
        cells = []
        for therapist in therapists:
            cell = _cell(
                moment,
                wall,
                location,
                hours.get(therapist.pk, []),
                time_off.get(therapist.pk, []),
                by_therapist.get(therapist.pk, []),
                shown,
            )
            cell.therapist = therapist
            cells.append(cell)
        grid.rows.append((moment.astimezone(conf.tz()), cells))
    if grid.closure is not None:  # nobody can be booked here that day
        reason = grid.closure.reason or "Closed"
        for _, cells in grid.rows:
            for n, cell in enumerate(cells):
                if cell.state == FREE:
                    cells[n] = Cell(CLOSED, note=reason, therapist=cell.therapist)
    return grid


def _cell(moment, wall, location, hours, time_off, bookings, shown):
    for booking in bookings:
        if booking.starts_at <= moment < booking.ends_at:
            first = booking.pk not in shown
            shown.add(booking.pk)
            return Cell(BOOKED, booking=booking, first=first)
        if booking.ends_at <= moment < booking.blocked_until:
            return Cell(BUFFER, booking=booking)
    for row in time_off:
        if row.starts_at <= moment < row.ends_at:
            return Cell(TIME_OFF, note=row.reason)
    working = [(location_id, title) for location_id, title, s, e in hours if s <= wall < e]
    if any(location_id == location.pk for location_id, _ in working):
        return Cell(FREE, starts_at=moment)
    if working:
        return Cell(ELSEWHERE, note=working[0][1])
    return Cell(OFF)
