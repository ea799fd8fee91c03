"""Demo step for ``load_demo_content``: working hours so `make run` offers bookable slots."""

import datetime as dt

from .models import Schedule, WorkingHours


def _minutes(time):
    return time.hour * 60 + time.minute


def _time(minutes):
    return dt.time(minutes // 60, minutes % 60)


def free_periods(opening, taken):
    """``opening`` minus ``taken`` (lists of (start, end) times on one weekday)."""
    periods = [(_minutes(a), _minutes(b)) for a, b in opening]
    for start, end in ((_minutes(a), _minutes(b)) for a, b in taken):
        periods = [
            piece
            for a, b in periods
            for piece in ((a, min(b, start)), (max(a, end), b))
            if piece[1] > piece[0]
        ]
    return [(_time(a), _time(b)) for a, b in sorted(periods)]


def add_demo_working_hours(location, created):
    """Give every therapist at the location hours matching its opening hours, once, except
    the hours they already work at another location (a therapist is in one place at a time).

    A therapist who already has a schedule there is left alone, so a re-run (or an
    editor's changes) is never overwritten.
    """
    opening_hours = list(location.opening_hours.all())
    for therapist in location.therapists.all():
        if Schedule.objects.filter(therapist=therapist, location=location).exists():
            continue
        elsewhere = WorkingHours.objects.filter(schedule__therapist=therapist)
        schedule = Schedule.objects.create(therapist=therapist, location=location)
        rows = []
        for weekday in range(7):
            opening = [(r.opens, r.closes) for r in opening_hours if r.weekday == weekday]
            taken = [(r.starts, r.ends) for r in elsewhere if r.weekday == weekday]
            rows += [
                WorkingHours(schedule=schedule, weekday=weekday, starts=starts, ends=ends)
                for starts, ends in free_periods(opening, taken)
            ]
        WorkingHours.objects.bulk_create(rows)
        created["therapist schedule"] += 1
