"""Free start times, computed in UTC from wall-clock schedules in the booking time zone.

Working hours are wall-clock times (09:00 means 09:00 local, in PST or PDT alike); each
working period is turned into a pair of UTC instants for its date, and candidate starts
step through that real interval. So a 23-hour or 25-hour day offers exactly the slots its
hours allow. Everything else (notice, horizon, time off, bookings plus buffers) is
compared as UTC instants. A fixed number of queries, whatever the range or team size.
"""

import bisect
import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from author_profiles.models import ProfilePage
from services.models import Closure
from spa_site import visibility

from . import clock, conf
from .models import Booking, TimeOff, WorkingHours

UTC = dt.UTC
GRANULE = dt.timedelta(minutes=conf.GRANULE_MINUTES)
_EPOCH = dt.datetime(2000, 1, 1, tzinfo=UTC)


def floor_granule(moment):
    return moment - (moment - _EPOCH) % GRANULE


def ceil_granule(moment):
    floored = floor_granule(moment)
    return floored if floored == moment else floored + GRANULE


def blocked_span(starts_at, minutes):
    """The granule-aligned interval a booking of ``minutes`` (treatment + buffer) holds."""
    return floor_granule(starts_at), ceil_granule(starts_at + dt.timedelta(minutes=minutes))


def granules(starts_at, minutes):
    start, end = blocked_span(starts_at, minutes)
    while start < end:
        yield start
        start += GRANULE


def local_midnight(day):
    return dt.datetime.combine(day, dt.time(0), tzinfo=conf.tz()).astimezone(UTC)


def local_instant(day, time):
    """UTC instant of a wall-clock time on a local date (a time skipped by DST moves forward)."""
    return dt.datetime.combine(day, time, tzinfo=conf.tz()).astimezone(UTC)


def bookable_window(now=None):
    """(earliest start, end of the last bookable day) as UTC instants."""
    now = now or clock.now()
    earliest = now + dt.timedelta(minutes=conf.get("BOOKING_MIN_NOTICE_MINUTES"))
    last_day = now.astimezone(conf.tz()).date() + dt.timedelta(
        days=conf.get("BOOKING_HORIZON_DAYS")
    )
    return earliest, local_midnight(last_day + dt.timedelta(days=1))


def location_for(service, location=None):
    """The location a booking of ``service`` is made at: ``location`` if given, else the
    first public location offering the service (the only one, for most services)."""
    return location if location is not None else service.location


def location_named(service, slug=None):
    """The public location offering ``service`` with this slug (no slug: its first), or None."""
    if not slug:
        return location_for(service)
    return next((loc for loc in service.offered_at if loc.slug == slug), None)


def bookable_therapists(service, location=None):
    """Public therapists who perform the service and have working hours at the location
    (read from the database, not the form state): a person whose profile visitors cannot
    see is not offered, and "any therapist" never leaves the chosen location."""
    location = location_for(service, location)
    if location is None:
        return []
    return list(
        visibility.current()
        .records()
        .pages(ProfilePage)
        .filter(services=service.pk, booking_schedules__location=location.pk)
        .distinct()
        .order_by("title", "pk")
    )


@dataclass
class Availability:
    """Free start times (UTC) per therapist id, plus the pages those ids stand for."""

    by_therapist: dict = field(default_factory=dict)
    therapists: dict = field(default_factory=dict)

    def starts_for(self, therapist_id):
        return self.by_therapist.get(therapist_id, [])

    def any_therapist(self):
        """Sorted [(start, [therapist ids free then])] across the team."""
        merged = defaultdict(list)
        for therapist_id, starts in self.by_therapist.items():
            for start in starts:
                merged[start].append(therapist_id)
        return sorted(merged.items())

    def starts(self, therapist_id=None):
        if therapist_id is None:
            return [start for start, _ in self.any_therapist()]
        return self.starts_for(therapist_id)

    def by_local_date(self, therapist_id=None):
        days = defaultdict(list)
        zone = conf.tz()
        for start in self.starts(therapist_id):
            local = start.astimezone(zone)
            days[local.date()].append(local)
        return dict(days)


def compute(
    service,
    duration_minutes,
    first_day,
    last_day,
    therapist_ids=None,
    *,
    exclude_booking_id=None,
    ignore_bookings=False,
    now=None,
    therapists=None,
    location=None,
):
    """Free starts for a treatment of ``duration_minutes`` between two local dates (inclusive)
    at ``location`` (default: ``location_for(service)``).

    Working hours and closures are the location's; time off and bookings are the therapist's
    wherever they are, so a therapist booked at one location is busy at every other.
    ``therapist_ids`` narrows the team (default: everyone who performs the service there);
    ``exclude_booking_id`` ignores one booking (the one being moved); ``ignore_bookings``
    answers "would this be bookable on an empty calendar?" to tell bad input from a taken slot.
    """
    location = location_for(service, location)
    if therapists is None:
        therapists = bookable_therapists(service, location)
    team = {t.pk: t for t in therapists if therapist_ids is None or t.pk in therapist_ids}
    result = Availability(therapists=team)
    if not team or location is None or last_day < first_day:
        return result

    earliest, horizon_end = bookable_window(now)
    window_start = max(local_midnight(first_day), earliest)
    window_end = min(local_midnight(last_day + dt.timedelta(days=1)), horizon_end)
    if window_start >= window_end:
        return result

    hours = defaultdict(lambda: defaultdict(list))
    for therapist_id, weekday, starts, ends in WorkingHours.objects.filter(
        schedule__location_id=location.pk, schedule__therapist_id__in=team
    ).values_list("schedule__therapist_id", "weekday", "starts", "ends"):
        hours[therapist_id][weekday].append((starts, ends))
    closed = closed_dates(location, first_day, last_day)
    time_off = defaultdict(list)
    for therapist_id, starts_at, ends_at in TimeOff.objects.filter(
        therapist_id__in=team, starts_at__lt=window_end, ends_at__gt=window_start
    ).values_list("therapist_id", "starts_at", "ends_at"):
        time_off[therapist_id].append((starts_at, ends_at))
    busy = defaultdict(list)
    if not ignore_bookings:
        bookings = Booking.objects.confirmed().filter(
            therapist_id__in=team,
            starts_at__lt=window_end + dt.timedelta(days=1),
            blocked_until__gt=window_start - dt.timedelta(days=1),
        )
        if exclude_booking_id:
            bookings = bookings.exclude(pk=exclude_booking_id)
        for therapist_id, starts_at, blocked_until in bookings.values_list(
            "therapist_id", "starts_at", "blocked_until"
        ):
            busy[therapist_id].append((_seconds(starts_at), _seconds(blocked_until)))

    # The candidate loop runs thousands of times per request: it works in seconds since the
    # epoch (datetime arithmetic cost most of the request before).
    step = conf.get("BOOKING_SLOT_STEP_MINUTES") * 60
    treatment = duration_minutes * 60
    block = (duration_minutes + service.buffer_minutes) * 60
    start_s, end_s = _seconds(window_start), _seconds(window_end)
    days = [
        first_day + dt.timedelta(days=n)
        for n in range((last_day - first_day).days + 1)
        if first_day + dt.timedelta(days=n) not in closed
    ]
    periods = {}
    for therapist_id in team:
        intervals = sorted((_floor_s(a), _ceil_s(b)) for a, b in busy[therapist_id])
        interval_starts = [start for start, _ in intervals]
        reach = list(itertools.accumulate((end for _, end in intervals), max))
        away = [(_seconds(a), _seconds(b)) for a, b in time_off[therapist_id]]
        starts = set()
        for day in days:
            for period in sorted(hours[therapist_id][day.weekday()]):
                key = (day, period)
                if key not in periods:
                    periods[key] = (
                        _seconds(local_instant(day, period[0])),
                        _seconds(local_instant(day, period[1])),
                    )
                candidate, period_end = periods[key]
                while candidate + treatment <= period_end and candidate < end_s:
                    if (
                        candidate >= start_s
                        and not (away and _overlaps_any(candidate, candidate + treatment, away))
                        and not _overlaps_sorted(
                            _floor_s(candidate), _ceil_s(candidate + block), interval_starts, reach
                        )
                    ):
                        starts.add(candidate)
                    candidate += step
        result.by_therapist[therapist_id] = [_instant(seconds) for seconds in sorted(starts)]
    return result


def closed_dates(location, first_day, last_day):
    """The location's closure dates in the range: from its prefetched closures when it was
    loaded with them (the request's public locations are), else one query."""
    if "closures" in getattr(location, "_prefetched_objects_cache", {}):
        return {c.date for c in location.closures.all() if first_day <= c.date <= last_day}
    return set(
        Closure.objects.filter(
            location_id=location.pk, date__range=(first_day, last_day)
        ).values_list("date", flat=True)
    )


def _seconds(moment):
    """Seconds since the epoch as a float: whole for slot times, exact to the microsecond."""
    return moment.timestamp()


def _instant(seconds):
    return dt.datetime.fromtimestamp(seconds, UTC)


_EPOCH_S = _EPOCH.timestamp()
_GRANULE_S = GRANULE.total_seconds()


def _floor_s(seconds):
    """``floor_granule`` in seconds (the same granules as the booking locks)."""
    return seconds - (seconds - _EPOCH_S) % _GRANULE_S


def _ceil_s(seconds):
    floored = _floor_s(seconds)
    return floored if floored == seconds else floored + _GRANULE_S


def _overlaps_any(start, end, intervals):
    return any(start < other_end and other_start < end for other_start, other_end in intervals)


def _overlaps_sorted(start, end, interval_starts, reach):
    """``reach[i]``: the latest end among the first i+1 intervals (sorted by start)."""
    index = bisect.bisect_left(interval_starts, end) - 1
    return index >= 0 and reach[index] > start


def is_bookable(service, duration_minutes, therapist_id, starts_at, **kwargs):
    day = starts_at.astimezone(conf.tz()).date()
    availability = compute(service, duration_minutes, day, day, {therapist_id}, **kwargs)
    return starts_at in availability.starts_for(therapist_id)


def next_free(service, duration_minutes, therapist_id, after, count=5, days=7, location=None):
    """The next few free starts after ``after`` (for "that slot was just taken" messages)."""
    first_day = after.astimezone(conf.tz()).date()
    availability = compute(
        service,
        duration_minutes,
        first_day,
        first_day + dt.timedelta(days=days),
        None if therapist_id is None else {therapist_id},
        location=location,
    )
    return [start for start in availability.starts(therapist_id) if start > after][:count]
