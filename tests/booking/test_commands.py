"""Management commands: health-screen purge and 24-hour reminders, both safe to re-run."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from booking import operations
from booking.models import Booking, BookingEmail, HealthScreen

from .utils import HEALTH_MARKER, build_world, local, race, request_for


def run(name, *args):
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
class TestPurgeHealthScreens:
    def test_purges_only_after_the_retention_and_is_idempotent(self, world, frozen_now, settings):
        settings.BOOKING_HEALTH_RETENTION_DAYS = 30
        old, _ = operations.create_booking(
            request_for(world, local(2026, 3, 3, 10), world.ann, health_notes=HEALTH_MARKER)
        )
        recent, _ = operations.create_booking(
            request_for(world, local(2026, 3, 20, 10), world.ann, email="r@example.com")
        )
        frozen_now(local(2026, 4, 10, 12))  # 38 days after the first, 21 after the second
        assert "Would purge health-screen answers of 1 booking(s)" in run(
            "purge_health_screens", "--dry-run"
        )
        assert HealthScreen.objects.count() == 2
        assert "Purged health-screen answers of 1 booking(s)" in run("purge_health_screens")
        assert not HealthScreen.objects.filter(booking=old).exists()
        assert HealthScreen.objects.filter(booking=recent).exists()
        assert Booking.objects.count() == 2  # the bookings stay
        assert "of 0 booking(s)" in run("purge_health_screens")

    def test_cancelled_bookings_are_purged_from_their_cancellation(self, world, frozen_now):
        booking, _ = operations.create_booking(
            request_for(world, local(2026, 4, 25, 10), world.ann)
        )
        operations.cancel_booking(booking)
        frozen_now(NOW_PLUS(31))
        run("purge_health_screens")
        assert HealthScreen.objects.count() == 0

    def test_bad_retention_is_a_readable_error(self, world):
        with pytest.raises(CommandError, match="0 days or more"):
            call_command("purge_health_screens", "--days", "-3")


def NOW_PLUS(days):  # noqa: N802 - reads like the constant it offsets
    from .utils import NOW

    return NOW + dt.timedelta(days=days)


@pytest.mark.django_db
class TestReminders:
    def test_reminds_within_24_hours_exactly_once(
        self, world, frozen_now, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            soon, _ = operations.create_booking(
                request_for(world, local(2026, 3, 5, 10), world.ann, health_notes=HEALTH_MARKER)
            )
            operations.create_booking(
                request_for(world, local(2026, 3, 6, 12), world.ann, email="later@example.com")
            )
        mail.outbox.clear()
        frozen_now(local(2026, 3, 4, 11))
        assert "1 queued" in run("send_booking_reminders")
        assert len(mail.outbox) == 1
        reminder = mail.outbox[0]
        assert reminder.subject.startswith("Reminder") and reminder.to == ["pat@example.com"]
        assert HEALTH_MARKER not in reminder.message().as_string()
        assert "0 queued" in run("send_booking_reminders")
        frozen_now(local(2026, 3, 4, 20))
        run("send_booking_reminders")
        assert len(mail.outbox) == 1
        assert BookingEmail.objects.filter(booking=soon, kind="reminder").count() == 1

    def test_cancelled_bookings_get_no_reminder(self, world, frozen_now):
        booking, _ = operations.create_booking(request_for(world, local(2026, 3, 5, 10), world.ann))
        operations.cancel_booking(booking)
        frozen_now(local(2026, 3, 4, 11))
        assert "0 queued" in run("send_booking_reminders")

    def test_bad_window_is_a_readable_error(self, world):
        with pytest.raises(CommandError, match="between 1 and 336 hours"):
            call_command("send_booking_reminders", "--hours", "0")


@pytest.mark.django_db(transaction=True)
def test_concurrent_reminder_runs_send_one_email(frozen_now):
    world = build_world()
    for n in range(3):
        operations.create_booking(
            request_for(world, local(2026, 3, 5, 10 + 2 * n), world.ann, email=f"c{n}@example.com")
        )
    mail.outbox.clear()
    frozen_now(local(2026, 3, 4, 15))  # all three start within 24 hours
    results, errors = race(4, lambda i: call_command("send_booking_reminders", stdout=StringIO()))
    assert errors == []
    reminders = [m for m in mail.outbox if m.subject.startswith("Reminder")]
    assert sorted(m.to[0] for m in reminders) == [
        "c0@example.com",
        "c1@example.com",
        "c2@example.com",
    ]
    assert BookingEmail.objects.filter(kind="reminder").count() == 3
