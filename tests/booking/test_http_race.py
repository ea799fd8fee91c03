"""The booking race over real HTTP: 16 clients against Django's threaded live server."""

import json
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection

from booking import operations
from booking.models import Booking
from tests.support.booking_api import booking_body

from .utils import build_world, overlapping_bookings

THREADS = 16


def post_json(url, body):
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


@pytest.mark.django_db(transaction=True)
def test_http_race_gives_one_201_and_409s(live_server, monkeypatch, capsys):
    world = build_world()
    monkeypatch.setattr(operations, "pause_before_write", lambda: time.sleep(0.05))
    url = f"{live_server.url}/api/content/booking/bookings/"
    barrier = threading.Barrier(THREADS)
    statuses, lock = [], threading.Lock()

    def client(index):
        body = booking_body(
            world.service.slug, world.short.pk, world.ann.slug,
            f"2026-03-03T18:{15 * (index % 3):02d}:00Z", f"Guest {index}",
            f"guest{index}@example.com",
        )  # fmt: skip
        barrier.wait(timeout=30)
        status, payload = post_json(url, body)
        with lock:
            statuses.append((status, payload.get("code")))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    codes = sorted(status for status, _ in statuses)
    with capsys.disabled():
        print(
            f"\n[http race {connection.vendor}] {THREADS} clients: "
            f"{codes.count(201)} x 201, {codes.count(409)} x 409, "
            f"{len(codes) - codes.count(201) - codes.count(409)} other"
        )
    assert codes == [201] + [409] * (THREADS - 1)
    assert all(code == "slot_taken" for status, code in statuses if status == 409)
    assert Booking.objects.count() == 1
    assert overlapping_bookings() == []
