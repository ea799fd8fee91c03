"""No double booking under concurrency: threads released by a barrier, a pause injected
between the availability check and the write, on whichever database the suite runs on."""

import datetime as dt
import os
import random
import time

import pytest
from django.db import connection

from booking import operations
from booking.models import Booking, SlotClaim

from .utils import UTC, build_world, local, overlapping_bookings, race, request_for

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 16
RUNS = int(os.environ.get("BOOKING_RACE_RUNS", "1"))


@pytest.fixture
def slow_write(monkeypatch):
    """Widen the check-to-write window so every thread checks before anyone writes."""

    def set_pause(seconds):
        monkeypatch.setattr(operations, "pause_before_write", lambda: time.sleep(seconds))

    set_pause(0.05)
    return set_pause


def _book_overlapping(world, run):
    """Thread i asks for 10:00 + 5·(i mod 3) minutes: every request overlaps every other."""
    day = dt.date(2026, 3, 3) + dt.timedelta(days=run)

    def call(index):
        start = dt.datetime.combine(day, dt.time(10, 0), tzinfo=local(2026, 1, 1, 0).tzinfo)
        start += dt.timedelta(minutes=15 * (index % 3))
        booking, _ = operations.create_booking(
            request_for(world, start, world.ann, email=f"guest{index}@example.com")
        )
        return booking.pk

    return call


def test_sixteen_threads_one_winner(slow_write, capsys):
    world = build_world()
    for run in range(RUNS):
        results, errors = race(THREADS, _book_overlapping(world, run))
        winners = [value for kind, value in results if kind == "ok"]
        taken = [value for kind, value in results if kind == "taken"]
        with capsys.disabled():
            print(
                f"\n[race {connection.vendor}] run {run + 1}/{RUNS}: {THREADS} threads, "
                f"{len(winners)} winner(s), {len(taken)} slot taken, {len(errors)} error(s)"
            )
        assert errors == []
        assert len(winners) == 1
        assert len(taken) == THREADS - 1
        assert all(exc.status == 409 for _, exc in results if _ == "taken")
    assert Booking.objects.count() == RUNS
    assert overlapping_bookings() == []


def test_without_the_guard_the_same_race_double_books(slow_write, monkeypatch, capsys):
    """Proves the race test can see a race: the naive check-then-write lets several win."""
    monkeypatch.setattr(operations, "GUARD_ENABLED", False)
    slow_write(0.5)
    world = build_world()
    results, errors = race(THREADS, _book_overlapping(world, 0))
    winners = [value for kind, value in results if kind == "ok"]
    with capsys.disabled():
        print(
            f"\n[race {connection.vendor}, guard off] {THREADS} threads: "
            f"{len(winners)} winner(s), {len(errors)} error(s)"
        )
    assert errors == []
    assert len(winners) > 1
    assert Booking.objects.count() == len(winners)
    assert len(overlapping_bookings()) > 1


def test_any_therapist_race_fills_each_therapist_once(slow_write):
    world = build_world(therapist_count=2)
    start = local(2026, 3, 3, 11)

    def call(index):
        booking, _ = operations.create_booking(
            request_for(world, start, None, email=f"any{index}@example.com")
        )
        return booking.therapist_id

    results, errors = race(6, call)
    assert errors == []
    winners = sorted(value for kind, value in results if kind == "ok")
    assert winners == sorted(t.pk for t in world.therapists)
    assert overlapping_bookings() == []


def test_reschedule_racing_a_new_booking_has_one_winner(slow_write):
    world = build_world()
    booking, _ = operations.create_booking(request_for(world, local(2026, 3, 4, 9), world.ann))
    target = local(2026, 3, 4, 14).astimezone(UTC)

    def call(index):
        if index == 0:
            return operations.reschedule_booking(booking, target, actor=Booking.Actor.STAFF).pk
        other, _ = operations.create_booking(
            request_for(world, target, world.ann, email=f"new{index}@example.com")
        )
        return other.pk

    results, errors = race(4, call)
    assert errors == []
    assert len([1 for kind, _ in results if kind == "ok"]) == 1
    at_target = Booking.objects.confirmed().filter(therapist=world.ann, starts_at=target)
    assert at_target.count() == 1
    assert overlapping_bookings() == []


def test_concurrent_mix_of_book_cancel_and_move_keeps_the_invariant():
    world = build_world(therapist_count=2)
    rng = random.Random(7)
    day = dt.date(2026, 3, 5)
    zone = local(2026, 1, 1, 0).tzinfo
    slots = [
        dt.datetime.combine(day, dt.time(9), tzinfo=zone) + dt.timedelta(minutes=15 * n)
        for n in range(0, 24)
    ]
    seeded = [
        operations.create_booking(
            request_for(world, slots[n], world.ann, email=f"s{n}@example.com")
        )[0]
        for n in (0, 10)
    ]
    plan = []
    for index in range(16):
        kind = ["book", "book", "cancel", "move"][index % 4]
        plan.append((kind, rng.choice(slots), rng.choice([world.ann, world.ben, None])))

    def call(index):
        kind, start, therapist = plan[index]
        if kind == "book":
            return operations.create_booking(
                request_for(world, start, therapist, email=f"m{index}@example.com")
            )[0].pk
        target = seeded[index % 2]
        if kind == "cancel":
            return operations.cancel_booking(target, actor=Booking.Actor.STAFF).pk
        return operations.reschedule_booking(
            target, start, therapist=therapist or world.ann, actor=Booking.Actor.STAFF
        ).pk

    results, errors = race(16, call)
    assert errors == [], errors
    assert overlapping_bookings() == []
    # Claims mirror confirmed bookings exactly: none left behind by cancels or moves.
    confirmed = Booking.objects.confirmed()
    assert SlotClaim.objects.exclude(booking__in=confirmed).count() == 0
    for booking in confirmed:
        assert booking.claims.count() == (booking.duration_minutes + booking.buffer_minutes) // 5
