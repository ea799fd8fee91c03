"""Confirmation emails: sent after commit by a django-tasks task, retried, never a rollback."""

import smtplib

import pytest
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar

from booking import emails, operations
from booking.models import Booking, BookingEmail

from .utils import HEALTH_MARKER, local, request_for

pytestmark = pytest.mark.django_db


class FailingBackend:
    """An email backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("connection refused")


def book(world, **extra):
    return operations.create_booking(
        request_for(
            world,
            local(2026, 3, 3, 10),
            world.ann,
            health={"pregnant": True},
            health_notes=HEALTH_MARKER,
            **extra,
        )
    )[0]


def test_email_is_sent_only_after_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        booking = book(world)
        assert len(mail.outbox) == 0
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
    assert BookingEmail.objects.get(booking=booking).status == BookingEmail.Status.SENT


def test_confirmation_has_text_html_and_a_correct_invite(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(world)
    message = mail.outbox[0]
    assert message.to == ["pat@example.com"]
    assert "confirmed" in message.subject and "PST" in message.subject
    assert "Tuesday, March 3, 2026, 10:00 AM PST" in message.body
    assert "/book/manage/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and booking.reference in html
    name, ics, ics_type = message.attachments[0]
    assert name == "appointment.ics" and ics_type.startswith("text/calendar")
    event = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert event["STATUS"] == "CONFIRMED" and event["SEQUENCE"] == 0
    everything = message.message().as_string()
    for secret in (HEALTH_MARKER, "pregnan", "Pregnan", "blood", "surgery"):
        assert secret not in everything
        assert secret not in str(ics)


def test_reschedule_and_cancel_send_updates_with_rising_sequence(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(world)
    with django_capture_on_commit_callbacks(execute=True):
        booking = operations.reschedule_booking(booking, local(2026, 3, 4, 11))
    with django_capture_on_commit_callbacks(execute=True):
        operations.cancel_booking(booking)
    kinds = [m.subject.split(":")[0] for m in mail.outbox]
    assert kinds == [
        "Your booking is confirmed",
        "Your booking has moved",
        "Your booking is cancelled",
    ]
    sequences = [
        Calendar.from_ical(m.attachments[0][1]).walk("VEVENT")[0]["SEQUENCE"] for m in mail.outbox
    ]
    assert sequences == [0, 1, 2]
    last = Calendar.from_ical(mail.outbox[-1].attachments[0][1])
    assert last["METHOD"] == "CANCEL" and last.walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def test_failed_send_keeps_the_booking_and_is_retried(
    world, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "tests.booking.test_emails.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(world)  # the task fails inside the immediate backend: no exception here
    assert Booking.objects.filter(pk=booking.pk, status="confirmed").exists()
    email = BookingEmail.objects.get()
    assert (email.status, email.attempts) == (BookingEmail.Status.PENDING, 1)
    assert "SMTPServerDisconnected" in email.last_error
    assert HEALTH_MARKER not in caplog.text

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_booking_emails", verbosity=0)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (BookingEmail.Status.SENT, 2)
    assert len(mail.outbox) == 1
    call_command("send_booking_emails", verbosity=0)
    assert len(mail.outbox) == 1  # never twice


def test_gives_up_after_the_maximum_attempts(world, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.booking.test_emails.FailingBackend"
    settings.BOOKING_EMAIL_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        book(world)
    call_command("send_booking_emails", verbosity=0)
    email = BookingEmail.objects.get()
    assert (email.status, email.attempts) == (BookingEmail.Status.FAILED, 2)
    assert Booking.objects.get().is_confirmed


def test_deliver_sends_each_outbox_row_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        book(world)
    email = BookingEmail.objects.get()
    assert emails.deliver(email.pk) is True
    assert emails.deliver(email.pk) is False
    assert len(mail.outbox) == 1


def test_a_pending_email_is_superseded_by_a_later_change(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        booking = book(world)
    with django_capture_on_commit_callbacks(execute=True):
        operations.cancel_booking(booking)
    call_command("send_booking_emails", verbosity=0)
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Your booking is cancelled"]
    statuses = dict(BookingEmail.objects.values_list("kind", "status"))
    assert statuses == {"confirmation": "superseded", "cancellation": "sent"}
