"""Time the availability computation: 14 days x 5 therapists, with a realistic calendar.

Runs against a throwaway test database (SQLite file by default, PostgreSQL when
DATABASE_URL is set), books about three appointments per therapist per day, then computes
the free 60-minute starts for all five therapists over 14 days, several times.

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
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spa_site.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "20"))
DAYS, THERAPISTS = 14, 5


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run():
    from booking import availability, clock, operations
    from tests.booking.utils import NOW, build_world, local, request_for

    clock.now = lambda: NOW
    world = build_world(therapist_count=THERAPISTS, hours=(("09:00", "13:00"), ("14:00", "19:00")))
    first_day = dt.date(2026, 3, 3)
    booked = 0
    for day_offset in range(DAYS):
        day = first_day + dt.timedelta(days=day_offset)
        for n, therapist in enumerate(world.therapists):
            for hour in (9 + n % 2, 12 + (n % 2) // 2, 16):
                start = local(day.year, day.month, day.day, hour)
                operations.create_booking(
                    request_for(world, start, therapist, email=f"b{booked}@example.com")
                )
                booked += 1
    last_day = first_day + dt.timedelta(days=DAYS - 1)

    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            result = availability.compute(world.service, 60, first_day, last_day)
            merged = result.any_therapist()
        timings.append((time.perf_counter() - started) * 1000)
    slots = sum(len(s) for s in result.by_therapist.values())
    print(
        f"availability {DAYS} days x {THERAPISTS} therapists on {connection.vendor} "
        f"({booked} bookings in range): median {statistics.median(timings):.1f} ms, "
        f"min {min(timings):.1f} ms, max {max(timings):.1f} ms over {RUNS} runs; "
        f"{len(queries)} queries; {slots} free therapist-starts, {len(merged)} distinct starts"
    )


if __name__ == "__main__":
    main()
