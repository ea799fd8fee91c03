"""Time availability at several locations: 14 days x 5 therapists at each of 3 locations.

Runs against a throwaway test database (SQLite file by default, PostgreSQL when
DATABASE_URL is set). One service is offered at three locations, each with its own five
therapists (split shifts, about three bookings per therapist per day); then, per location,
it times

- ``availability.compute`` for 14 days and the "any therapist" merge;
- the API request ``GET /api/content/booking/availability/?days=14&location=…``;
- the HTML time step ``/book/?…&location=…&therapist=any`` (14 days shown),

through Django's test client in-process (no network, no response cache). Target: under 50
ms per request.

    python bench/booking_availability.py            # SQLite
    DATABASE_URL=postgres://... python bench/booking_availability.py
"""

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moonlight.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "20"))
DAYS, THERAPISTS, LOCATIONS = 14, 5, 3
TARGET_MS = 50


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def build():
    from booking import operations
    from tests.booking.utils import build_world, give_hours, local, request_for
    from tests.factories import LocationPageFactory, ProfilePageFactory

    world = build_world(therapist_count=THERAPISTS, hours=(("09:00", "13:00"), ("14:00", "19:00")))
    locations = [world.location]
    team = {world.location.pk: list(world.therapists)}
    parent = world.location.get_parent()
    for n in range(1, LOCATIONS):
        location = LocationPageFactory(parent=parent, title=f"Site {n}", slug=f"site-{n}")
        people = [
            ProfilePageFactory(parent=world.ann.get_parent(), title=f"T{n}-{k}", slug=f"t-{n}-{k}")
            for k in range(THERAPISTS)
        ]
        for person in people:
            give_hours(person, location, (("09:00", "13:00"), ("14:00", "19:00")))
        world.service.therapists.add(*people)
        world.service.locations.add(location)
        world.service.save()
        locations.append(location)
        team[location.pk] = people
    first_day = dt.date(2026, 3, 3)
    booked = 0
    for location in locations:
        for day_offset in range(DAYS):
            day = first_day + dt.timedelta(days=day_offset)
            for n, therapist in enumerate(team[location.pk]):
                for hour in (9 + n % 2, 12, 16):
                    start = local(day.year, day.month, day.day, hour)
                    operations.create_booking(
                        request_for(
                            world,
                            start,
                            therapist,
                            email=f"b{booked}@example.com",
                            location=location,
                        )
                    )
                    booked += 1
    return world, locations, first_day, booked


def timed(call):
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            result = call()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), max(timings), len(queries), result


def run():
    from django.test import Client

    from booking import availability, clock
    from tests.booking.utils import NOW

    clock.now = lambda: NOW
    world, locations, first_day, booked = build()
    last_day = first_day + dt.timedelta(days=DAYS - 1)
    client = Client()
    print(
        f"availability, {LOCATIONS} locations x {THERAPISTS} therapists x {DAYS} days on "
        f"{connection.vendor}, {booked} bookings, {RUNS} runs each (median / max ms, queries):"
    )
    worst = 0.0
    for location in locations:

        def compute(location=location):
            result = availability.compute(world.service, 60, first_day, last_day, location=location)
            return result.any_therapist()

        def api(location=location):
            response = client.get(
                "/api/content/booking/availability/",
                {
                    "service": world.service.slug,
                    "days": DAYS,
                    "start": first_day,
                    "location": location.slug,
                },
            )
            assert response.status_code == 200, response.content[:300]
            return len(response.json()["slots"])

        def page(location=location):
            response = client.get(
                "/book/",
                {
                    "service": world.service.slug,
                    "variant": world.short.pk,
                    "therapist": "any",
                    "location": location.slug,
                },
            )
            assert response.status_code == 200
            return response.content.count(b"/book/details/")

        c_med, c_max, c_q, merged = timed(compute)
        a_med, a_max, a_q, slots = timed(api)
        p_med, p_max, p_q, links = timed(page)
        worst = max(worst, a_med, p_med)
        print(
            f"  {location.title:<12} compute {c_med:5.1f} / {c_max:5.1f} ({c_q} q, "
            f"{len(merged)} starts) | API {a_med:5.1f} / {a_max:5.1f} ({a_q} q, {slots} slots) "
            f"| page {p_med:5.1f} / {p_max:5.1f} ({p_q} q, {links} times shown)"
        )
    verdict = "within" if worst < TARGET_MS else "OVER"
    print(f"slowest request median {worst:.1f} ms: {verdict} the {TARGET_MS} ms target")


if __name__ == "__main__":
    main()
