"""Builders shared by the booking tests."""

import datetime as dt
import threading
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import connection

from booking import operations
from booking.models import Schedule, WorkingHours
from tests.factories import (
    LocationPageFactory,
    ProfilePageFactory,
    ServiceFactory,
    ServiceVariantFactory,
    build_site_tree,
    ensure_root_page,
)

LA = ZoneInfo("America/Los_Angeles")
UTC = dt.UTC
# A Monday in PST, a week before the spring-forward day (2026-03-08).
NOW = dt.datetime(2026, 3, 2, 8, 0, tzinfo=LA)
HEALTH_MARKER = "zq-private-health-note-7731"


def local(year, month, day, hour, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=LA)


def give_hours(therapist, location, ranges=(("09:00", "17:00"),), weekdays=range(7)):
    schedule, _ = Schedule.objects.get_or_create(therapist=therapist, location=location)
    for weekday in weekdays:
        for starts, ends in ranges:
            WorkingHours.objects.create(
                schedule=schedule,
                weekday=weekday,
                starts=dt.time.fromisoformat(starts),
                ends=dt.time.fromisoformat(ends),
            )
    return schedule


@dataclass
class World:
    location: object
    service: object
    short: object  # 60-minute variant
    long: object  # 90-minute variant
    therapists: list = field(default_factory=list)

    @property
    def ann(self):
        return self.therapists[0]

    @property
    def ben(self):
        return self.therapists[1]


def build_world(therapist_count=2, buffer_minutes=15, hours=(("09:00", "17:00"),)):
    ensure_root_page()
    tree = build_site_tree()
    location = LocationPageFactory(parent=tree["locations"], slug="long-beach")
    names = ["Ann Able", "Ben Baker", "Cleo Cruz", "Dev Dunn", "Eve Ek", "Fay Fox"]
    therapists = [
        ProfilePageFactory(parent=tree["team"], title=name, slug=name.lower().replace(" ", "-"))
        for name in names[:therapist_count]
    ]
    service = ServiceFactory(
        name="Deep tissue massage",
        slug="deep-tissue-massage",
        location=location,
        buffer_minutes=buffer_minutes,
    )
    short = ServiceVariantFactory(
        service=service, duration_minutes=60, price="115.00", sort_order=0
    )
    long = ServiceVariantFactory(service=service, duration_minutes=90, price="160.00", sort_order=1)
    service.therapists.set(therapists)
    service.save()
    for therapist in therapists:
        give_hours(therapist, location, hours)
    return World(location=location, service=service, short=short, long=long, therapists=therapists)


def request_for(
    world, starts_at, therapist=None, variant=None, key=None, email="pat@example.com", **extra
):
    values = {
        "service": world.service,
        "variant": variant or world.short,
        "therapist": therapist,
        "starts_at": starts_at.astimezone(UTC),
        "name": "Pat Lee",
        "email": email,
        "phone": "(562) 555-0199",
        "accept_policy": True,
        "health": {},
        "idempotency_key": key,
    }
    values.update(extra)
    return operations.BookingRequest(**values)


def race(count, call):
    """Run ``call(i)`` in ``count`` threads released together by a barrier.

    Returns (results, errors): results are ("ok", value), ("taken", exc) or ("conflict", exc)
    (a cancel or move of a booking another thread changed first, 409); any other exception
    lands in errors. Each thread closes its own database connection.
    """
    barrier = threading.Barrier(count)
    results, errors = [], []
    lock = threading.Lock()

    def worker(index):
        try:
            barrier.wait(timeout=30)
            value = call(index)
            outcome = ("ok", value)
        except operations.SlotTaken as exc:
            outcome = ("taken", exc)
        except (operations.BookingChanged, operations.NotConfirmed) as exc:
            outcome = ("conflict", exc)
        except Exception as exc:  # noqa: BLE001 - every other failure is what the test counts
            with lock:
                errors.append(repr(exc))
            return
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def overlapping_bookings():
    """Confirmed bookings that overlap another confirmed booking of the same therapist."""
    from booking.models import Booking

    return list(Booking.objects.overlapping().values_list("pk", flat=True))


def add_location(
    world, slug="bixby", title="Bixby", people=("Cleo Cruz",), ranges=(("09:00", "17:00"),)
):
    """A second location offering the world's service, with therapists of its own."""
    location = LocationPageFactory(parent=world.location.get_parent(), slug=slug, title=title)
    team = [
        ProfilePageFactory(
            parent=world.ann.get_parent(), title=name, slug=name.lower().replace(" ", "-")
        )
        for name in people
    ]
    world.service.therapists.add(*team)
    world.service.locations.add(location)
    world.service.save()
    for person in team:
        give_hours(person, location, ranges)
    return location, team
