"""Customer emails built from the outbox: text + HTML + invite, never any health answer.

Customer text is shown as text: the name is one line (``spa_site.text.one_line``, whatever an
older record holds), the HTML part escapes it, and nothing a customer typed goes into a
header (the subject names the service and time; the address is validated as one line).
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from spa_site import languages, public_url
from spa_site.text import one_line

from . import clock, conf, invites, tokens
from .models import BookingEmail

logger = logging.getLogger(__name__)

SUBJECTS = {
    BookingEmail.Kind.CONFIRMATION: gettext_noop("Your booking is confirmed"),
    BookingEmail.Kind.RESCHEDULED: gettext_noop("Your booking has moved"),
    BookingEmail.Kind.CANCELLATION: gettext_noop("Your booking is cancelled"),
    BookingEmail.Kind.REMINDER: gettext_noop("Reminder: your appointment tomorrow"),
}
CLAIM_TIMEOUT_MINUTES = 10


def manage_url(booking):
    """The manage link, in the booking's language (``/es/book/manage/…``)."""
    with translation.override(booking.language):
        return public_url.absolute(reverse("booking:manage", args=[tokens.make_token(booking)]))


def subject_for(email):
    booking = email.booking
    start = booking.local_starts_at
    when = f"{languages.long_date(start, kind='short')}, {languages.clock(start)} {start:%Z}"
    return f"{gettext(SUBJECTS[email.kind])}: {booking.service.name}, {when}"


def build_message(email):
    """The e-mail in the language the customer booked in (texts, dates, links, invite)."""
    with translation.override(email.booking.language):
        return _build_message(email)


def _build_message(email):
    booking = email.booking
    context = {
        "booking": booking,
        "customer_name": one_line(booking.customer_name),
        "kind": email.kind,
        "local_start": booking.local_starts_at,
        "local_end": booking.local_ends_at,
        "manage_url": manage_url(booking) if booking.is_confirmed else "",
        "cutoff_hours": conf.get("BOOKING_CANCELLATION_CUTOFF_HOURS"),
    }
    subject = subject_for(email)
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("booking/email/booking.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[booking.customer_email],
    )
    message.attach_alternative(render_to_string("booking/email/booking.html", context), "text/html")
    method = "CANCEL" if not booking.is_confirmed else "REQUEST"
    message.attach(
        "appointment.ics", invites.build_invite(booking), f"text/calendar; method={method}"
    )
    return message


def _claim(email_id):
    """Mark the row as being sent; False when it is sent already or someone else is sending."""
    now = clock.now()
    stale = now - dt.timedelta(minutes=CLAIM_TIMEOUT_MINUTES)
    return bool(
        BookingEmail.objects.filter(pk=email_id, status=BookingEmail.Status.PENDING)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
        .update(claimed_at=now)
    )


def deliver(email_id):
    """Send one pending email at most once. Returns True when sent."""
    if not _claim(email_id):
        return False
    email = BookingEmail.objects.select_related(
        "booking__service", "booking__therapist", "booking__location"
    ).get(pk=email_id)
    if email.sequence < email.booking.sequence:
        email.status = BookingEmail.Status.SUPERSEDED
        email.save(update_fields=["status"])
        return False
    try:
        build_message(email).send()
    except Exception as exc:  # noqa: BLE001 - any failure is recorded, the row retried
        email.attempts += 1
        email.last_error = f"{type(exc).__name__}: {exc}"[:200]
        email.claimed_at = None
        if email.attempts >= conf.get("BOOKING_EMAIL_MAX_ATTEMPTS"):
            email.status = BookingEmail.Status.FAILED
        email.save(update_fields=["attempts", "last_error", "claimed_at", "status"])
        logger.warning(
            "Booking email %s (%s, booking %s) failed, attempt %s: %s",
            email.pk,
            email.kind,
            email.booking.reference,
            email.attempts,
            type(exc).__name__,
        )
        raise
    email.attempts += 1
    email.status = BookingEmail.Status.SENT
    email.sent_at = clock.now()
    email.last_error = ""
    email.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    return True
