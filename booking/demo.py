"""Demo step for ``load_demo_content``: working hours so `make run` offers bookable slots."""

from .models import Schedule, WorkingHours


def add_demo_working_hours(location, created):
    """Give every therapist at the location hours matching its opening hours, once.

    A therapist who already has a schedule there is left alone, so a re-run (or an
    editor's changes) is never overwritten.
    """
    opening_hours = list(location.opening_hours.all())
    for therapist in location.staff.all():
        if Schedule.objects.filter(therapist=therapist, location=location).exists():
            continue
        schedule = Schedule.objects.create(therapist=therapist, location=location)
        WorkingHours.objects.bulk_create(
            WorkingHours(schedule=schedule, weekday=row.weekday, starts=row.opens, ends=row.closes)
            for row in opening_hours
        )
        created["therapist schedule"] += 1
