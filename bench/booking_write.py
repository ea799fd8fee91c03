"""Server time of one booking through the API, with its e-mail sent in the request (the
immediate task backend) and queued for the worker (django-tasks-db), in one run.

Runs in-process against a throwaway test database (SQLite by default, PostgreSQL when
DATABASE_URL is set): each booking is a POST to ``/api/content/booking/bookings/`` for a new
slot, timed from the request to the response, rate limits off. E-mails go to Django's
in-memory backend, so the in-request figure leaves out a real mail server's round trip.

    python bench/booking_write.py [--bookings 40]
"""

import argparse
import datetime as dt
import json
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
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from tests.support.booking_api import booking_body  # noqa: E402

BACKENDS = {
    "e-mail sent in the request (immediate backend)": "django_tasks.backends.immediate.ImmediateBackend",
    "e-mail queued for the worker (django-tasks-db)": "django_tasks_db.DatabaseBackend",
}


def book(client, world, starts_at, n):
    body = booking_body(
        world.service.slug, world.short.pk, world.ann.slug, starts_at.isoformat(),
        f"Guest {n}", f"guest{n}@example.com",
    )  # fmt: skip
    start = time.perf_counter()
    response = client.post(
        "/api/content/booking/bookings/", json.dumps(body), content_type="application/json"
    )
    elapsed = time.perf_counter() - start
    if response.status_code != 201:
        sys.exit(f"booking at {starts_at} failed: {response.status_code} {response.content[:300]}")
    return elapsed


def run(bookings):
    from booking import clock
    from tests.booking.utils import NOW, build_world, local

    clock.now = lambda: NOW
    world = build_world(therapist_count=1, hours=(("08:00", "20:00"),))
    client = Client()
    results = {}
    slot = 0  # across both backends, so the second never books the first's slots
    for label, backend in BACKENDS.items():
        with override_settings(TASKS={"default": {"BACKEND": backend}}, RATELIMIT_ENABLE=False):
            times = []
            for _ in range(bookings):
                # Two hours apart: a slot plus the therapist's buffer never touches the next.
                day, hour = divmod(slot, 6)
                starts_at = local(2026, 3, 3, 8) + dt.timedelta(days=day, hours=2 * hour)
                times.append(book(client, world, starts_at, slot))
                slot += 1
            results[label] = statistics.median(times[2:]) * 1000
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=40)
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        results = run(args.bookings)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"{connection.vendor}, {args.bookings} bookings each, median server time:")
    for label, ms in results.items():
        print(f"  {label:55} {ms:6.1f} ms")


if __name__ == "__main__":
    main()
