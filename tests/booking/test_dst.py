"""Daylight saving time: 2026-03-08 has 23 hours, 2026-11-01 has 25 (America/Los_Angeles)."""

import datetime as dt

import pytest
from icalendar import Calendar

from booking import availability, invites, operations
from booking.models import Booking

from .utils import LA, UTC, build_world, local, request_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [(dt.date(2026, 3, 7), 17), (dt.date(2026, 3, 8), 16), (dt.date(2026, 3, 9), 16)],
)
def test_nine_local_maps_to_the_right_utc_instant(day, utc_hour, world):
    assert availability.local_instant(day, dt.time(9)) == dt.datetime(
        day.year, day.month, day.day, utc_hour, tzinfo=UTC
    )
    booking, _ = operations.create_booking(
        request_for(world, dt.datetime.combine(day, dt.time(9), tzinfo=LA), world.ann)
    )
    booking.refresh_from_db()
    assert booking.starts_at == dt.datetime(day.year, day.month, day.day, utc_hour, tzinfo=UTC)
    assert booking.local_starts_at.hour == 9
    assert booking.local_starts_at.tzname() == ("PST" if day.day == 7 else "PDT")


def _starts(world, day):
    result = availability.compute(world.service, 60, day, day, {world.ann.pk})
    return [s.astimezone(LA) for s in result.starts_for(world.ann.pk)]


@pytest.mark.parametrize("day", [dt.date(2026, 3, 7), dt.date(2026, 3, 8), dt.date(2026, 3, 9)])
def test_spring_forward_day_offers_the_slots_its_daytime_hours_allow(day, world):
    starts = _starts(world, day)
    assert len(starts) == 29  # 09:00 … 16:00 every 15 minutes, same as any other day
    assert starts[0].hour == 9 and starts[-1].hour == 16


def test_night_shift_across_the_spring_gap_offers_only_real_time(frozen_now):
    world = build_world(therapist_count=1, hours=(("00:00", "06:00"),))
    starts = _starts(world, dt.date(2026, 3, 8))
    # 00:00–06:00 local on a 23-hour day is five real hours: 17 quarter-hour starts of 60 min.
    assert len(starts) == 17
    assert all(s.hour != 2 for s in starts)  # 02:xx does not exist that night
    assert (starts[-1] + dt.timedelta(hours=1)).astimezone(LA).hour == 6


def test_fall_back_day_offers_the_slots_its_hours_allow(frozen_now):
    frozen_now(local(2026, 10, 25, 8))
    world = build_world(therapist_count=1, hours=(("00:00", "06:00"), ("09:00", "17:00")))
    starts = _starts(world, dt.date(2026, 11, 1))
    night = [s for s in starts if s.hour < 9]
    day = [s for s in starts if s.hour >= 9]
    # 00:00–06:00 on the 25-hour day lasts seven real hours: 25 starts; 01:xx happens twice.
    assert len(night) == 25
    assert len([s for s in night if s.hour == 1]) == 8
    assert len(day) == 29
    assert day[0].tzname() == "PST"


def test_invite_has_tzid_vtimezone_uid_and_sequence(world):
    booking, _ = operations.create_booking(request_for(world, local(2026, 3, 8, 9), world.ann))
    ics = invites.build_invite(booking).decode()
    assert "DTSTART;TZID=America/Los_Angeles:20260308T090000" in ics
    assert "BEGIN:VTIMEZONE" in ics and "TZID:America/Los_Angeles" in ics
    assert "TZNAME:PDT" in ics and "TZNAME:PST" in ics
    event = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(event["UID"]) == f"{booking.public_id}@booking.moonlight-spa"
    assert event["SEQUENCE"] == 0
    assert event["DTSTART"].dt.astimezone(UTC) == dt.datetime(2026, 3, 8, 16, tzinfo=UTC)

    moved = operations.reschedule_booking(booking, local(2026, 3, 9, 10).astimezone(UTC))
    moved_event = Calendar.from_ical(invites.build_invite(moved)).walk("VEVENT")[0]
    assert str(moved_event["UID"]) == str(event["UID"])
    assert moved_event["SEQUENCE"] == 1
    cancelled = operations.cancel_booking(moved)
    cancelled_ics = Calendar.from_ical(invites.build_invite(cancelled))
    cancelled_event = cancelled_ics.walk("VEVENT")[0]
    assert cancelled_event["STATUS"] == "CANCELLED"
    assert cancelled_event["SEQUENCE"] == 2
    assert cancelled_ics["METHOD"] == "CANCEL"
    assert Booking.objects.get().status == Booking.Status.CANCELLED
