"""The one guarded write path for booking, cancelling and moving appointments.

Every change runs in a transaction that first locks the therapist's ``TherapistLock`` row
(``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite ``transaction_mode: IMMEDIATE`` already
serialises writers), then checks the slot, then writes the booking and its ``SlotClaim``
rows. The unique claim per therapist and granule is the database's own backstop: if two
writers ever got past the check together, one insert fails and is reported as taken.
Cancelling and moving also lock the booking's own row and carry on only if it is still the
version the caller looked at (its ``sequence``): of two changes made with one manage link at
once, the first wins and the second gets ``BookingChanged`` (409), so one customer is never
told two different times and one email goes out.
The public flow, the API and the admin all call these functions.
"""

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from spa_site import visibility

from . import availability, clock, conf
from .models import Booking, BookingEmail, HealthScreen, SlotClaim, TherapistLock

logger = logging.getLogger(__name__)

# Tests switch these to prove the race tests can see a race (GUARD_ENABLED = False: the naive
# check-then-write, no stale-version check) and to widen the window between the check and
# the write (pause_before_write).
GUARD_ENABLED = True


def pause_before_write():
    """Hook between "slot is free" and the insert; a no-op outside tests."""


class BookingError(Exception):
    """A request that cannot be carried out, with a message fit for the visitor."""

    status = 400
    code = "invalid"

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class SlotUnavailable(BookingError):
    code = "slot_unavailable"


class SlotTaken(BookingError):
    status = 409
    code = "slot_taken"

    def __init__(self, message=None, field="starts_at", next_free=()):
        super().__init__(message or _("Sorry, that time was just taken."), field)
        self.next_free = list(next_free)


class CutoffPassed(BookingError):
    status = 409
    code = "cutoff_passed"


class NotConfirmed(BookingError):
    status = 409
    code = "not_confirmed"


class BookingChanged(BookingError):
    status = 409
    code = "booking_changed"

    def __init__(self, message=None, field=None):
        super().__init__(
            message
            or _(
                "This booking was changed a moment ago (perhaps in another window), so this "
                "change was not made. Open the link in your latest email to see it as it is "
                "now."
            ),
            field,
        )


class IdempotencyMismatch(BookingError):
    status = 422
    code = "idempotency_key_reused"


@dataclass
class BookingRequest:
    service: object
    variant: object
    therapist: object  # an ProfilePage, or None for "any therapist"
    starts_at: dt.datetime
    name: str
    email: str
    phone: str
    accept_policy: bool
    health: dict = field(default_factory=dict)
    health_notes: str = ""
    idempotency_key: str | None = None
    source_page_id: int | None = None  # the page whose Book link led here (attribution)
    location: object = None  # a LocationPage; None: the service's first location
    staff_notes: str = ""
    language: str = ""  # the customer's language; empty: the request's (``/es/book/``: es)

    def fingerprint(self):
        parts = [
            self.service.pk,
            self.variant.pk,
            self.therapist.pk if self.therapist else "any",
            self.starts_at.astimezone(dt.UTC).isoformat(),
            self.email.strip().lower(),
        ]
        return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def _resolve_location(request):
    """Settle where the booking is: a public location offering the service, whose lengths
    and prices include the chosen variant (a moved booking keeps its own location)."""
    offered = {loc.pk: loc for loc in request.service.offered_at}
    if request.location is None:
        request.location = availability.location_for(request.service)
    if request.location is None or request.location.pk not in offered:
        raise BookingError(f"{request.service.name} is not offered there.", "location")
    if request.variant.pk is not None and request.variant.pk not in {
        v.pk for v in request.service.variants_at(request.location)
    }:
        raise BookingError(_("That length is not offered at this location."), "variant")


def _candidates(request):
    team = availability.bookable_therapists(request.service, request.location)
    if request.therapist is None:
        return sorted(team, key=lambda t: t.pk)
    if request.therapist.pk not in {t.pk for t in team}:
        raise BookingError(
            f"{request.therapist.title} does not perform {request.service.name}.", "therapist"
        )
    return [request.therapist]


def _lock(therapist_ids):
    """Take the per-therapist locks in id order (a fixed order cannot deadlock)."""
    for therapist_id in sorted(therapist_ids):
        TherapistLock.objects.select_for_update().get(pk=therapist_id)


def _ensure_lock_rows(therapist_ids):
    for therapist_id in therapist_ids:
        TherapistLock.objects.get_or_create(therapist_id=therapist_id)


def _validate_time(request, candidates):
    """Bad input (past, too soon, outside hours) is a 400; only a real clash is "taken"."""
    starts_at = request.starts_at
    if starts_at.tzinfo is None:
        raise SlotUnavailable(_("Give the start time with its time zone."), "starts_at")
    if starts_at <= clock.now():
        raise SlotUnavailable(_("That time is in the past. Choose a later time."), "starts_at")
    earliest, horizon_end = availability.bookable_window()
    if starts_at < earliest:
        raise SlotUnavailable(
            _("Bookings need at least %(minutes)s minutes' notice.")
            % {"minutes": conf.get("BOOKING_MIN_NOTICE_MINUTES")},
            "starts_at",
        )
    if starts_at >= horizon_end:
        raise SlotUnavailable(
            _("Bookings open %(days)s days ahead. Choose an earlier date.")
            % {"days": conf.get("BOOKING_HORIZON_DAYS")},
            "starts_at",
        )
    if not any(
        availability.is_bookable(
            request.service,
            request.variant.duration_minutes,
            therapist.pk,
            starts_at,
            ignore_bookings=True,
            therapists=candidates,
            location=request.location,
        )
        for therapist in candidates
    ):
        raise SlotUnavailable(
            _(
                "That time cannot be booked (outside working hours, off the time grid, time "
                "off or a closure). Choose one of the offered times."
            ),
            "starts_at",
        )


def _is_free(service, duration_minutes, therapist, starts_at, location, exclude_booking_id=None):
    return availability.is_bookable(
        service,
        duration_minutes,
        therapist.pk,
        starts_at,
        exclude_booking_id=exclude_booking_id,
        therapists=[therapist],
        location=location,
    )


def _claim(booking):
    SlotClaim.objects.bulk_create(
        SlotClaim(therapist_id=booking.therapist_id, granule=granule, booking=booking)
        for granule in availability.granules(
            booking.starts_at, booking.duration_minutes + booking.buffer_minutes
        )
    )


def _queue_email(booking, kind):
    email = BookingEmail.objects.create(booking=booking, kind=kind, sequence=booking.sequence)
    transaction.on_commit(lambda: enqueue_email(email.pk))
    return email


def enqueue_email(email_id):
    """Hand one outbox email to the task backend; a failure here leaves it for the retry command."""
    from .tasks import send_booking_email

    try:
        send_booking_email.enqueue(email_id)
    except Exception:  # the booking stands; `send_booking_emails` retries the outbox
        logger.exception("Could not enqueue booking email %s", email_id)


def _slot_taken(service, duration_minutes, therapist_id, starts_at, location=None):
    return SlotTaken(
        next_free=availability.next_free(
            service, duration_minutes, therapist_id, starts_at, location=location
        )
    )


def _insert(request, therapist, claim):
    variant = request.variant
    now = clock.now()
    block = variant.duration_minutes + request.service.buffer_minutes
    booking = Booking.objects.create(
        service=request.service,
        variant=variant,
        therapist=therapist,
        location_id=request.location.pk,
        duration_minutes=variant.duration_minutes,
        buffer_minutes=request.service.buffer_minutes,
        price=variant.price,
        starts_at=request.starts_at,
        ends_at=request.starts_at + dt.timedelta(minutes=variant.duration_minutes),
        blocked_until=request.starts_at + dt.timedelta(minutes=block),
        customer_name=request.name.strip(),
        customer_email=request.email.strip(),
        customer_phone=request.phone.strip(),
        policy_accepted_at=now,
        idempotency_key=request.idempotency_key or None,
        request_fingerprint=request.fingerprint(),
        source_page_id=request.source_page_id,
        staff_notes=request.staff_notes.strip(),
        language=visibility.content_language(request.language or None),
    )
    if claim:
        _claim(booking)
    if request.health is not None:  # None: not asked (a phone booking may skip it)
        HealthScreen.objects.create(
            booking=booking,
            notes=request.health_notes.strip(),
            **{name: bool(request.health.get(name)) for name, _ in HealthScreen.QUESTIONS},
        )
    _queue_email(booking, BookingEmail.Kind.CONFIRMATION)
    return booking


def _replay(request):
    """The booking an earlier request with the same idempotency key made, if any."""
    if not request.idempotency_key:
        return None
    existing = Booking.objects.filter(idempotency_key=request.idempotency_key).first()
    if existing and existing.request_fingerprint != request.fingerprint():
        raise IdempotencyMismatch(
            "This idempotency key was already used for a different booking request.",
            "idempotency_key",
        )
    return existing


def create_booking(request):
    """Book the slot; returns (booking, created). Raises a ``BookingError`` otherwise."""
    if not request.accept_policy:
        raise BookingError(_("Please accept the cancellation policy to book."), "accept_policy")
    existing = _replay(request)
    if existing:
        return existing, False
    _resolve_location(request)
    candidates = _candidates(request)
    _validate_time(request, candidates)
    duration = request.variant.duration_minutes
    wanted = request.therapist.pk if request.therapist else None
    where = request.location

    if not GUARD_ENABLED:
        # The naive check-then-write, kept only so a test can show the race it loses.
        for therapist in candidates:
            if _is_free(request.service, duration, therapist, request.starts_at, where):
                pause_before_write()
                with transaction.atomic():
                    return _insert(request, therapist, claim=False), True
        raise _slot_taken(request.service, duration, wanted, request.starts_at, where)

    _ensure_lock_rows(t.pk for t in candidates)
    try:
        with transaction.atomic():
            for therapist in candidates:
                _lock([therapist.pk])
                existing = _replay(request)  # a double submit that queued behind the first
                if existing:
                    return existing, False
                if _is_free(request.service, duration, therapist, request.starts_at, where):
                    pause_before_write()
                    return _insert(request, therapist, claim=True), True
    except IntegrityError:
        existing = _replay(request)
        if existing:
            return existing, False
        logger.warning("Slot claim clash for therapist choice %s", wanted)
    raise _slot_taken(request.service, duration, wanted, request.starts_at, where)


def cutoff_passed(booking, now=None):
    cutoff = dt.timedelta(hours=conf.get("BOOKING_CANCELLATION_CUTOFF_HOURS"))
    return booking.starts_at - (now or clock.now()) < cutoff


def _check_customer_cutoff(booking, actor):
    if actor == Booking.Actor.CUSTOMER and cutoff_passed(booking):
        hours = conf.get("BOOKING_CANCELLATION_CUTOFF_HOURS")
        raise CutoffPassed(
            _("Changes online close %(hours)s hours before the appointment. Please call us.")
            % {"hours": hours},
        )


def _lock_unchanged(booking):
    """The booking's row, locked, if it is still the version the caller saw; else 409."""
    locked = Booking.objects.select_for_update().get(pk=booking.pk)
    if GUARD_ENABLED and locked.sequence != booking.sequence:
        raise BookingChanged()
    return locked


def cancel_booking(booking, actor=Booking.Actor.CUSTOMER):
    """Cancel and free the slot. A booking already cancelled is a 409 and sends nothing."""
    _ensure_lock_rows([booking.therapist_id])
    with transaction.atomic():
        _lock([booking.therapist_id])
        booking = _lock_unchanged(booking)
        if not booking.is_confirmed:
            raise NotConfirmed(_("This booking is already cancelled."))
        _check_customer_cutoff(booking, actor)
        pause_before_write()
        booking.claims.all().delete()
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = clock.now()
        booking.cancelled_by = actor
        booking.sequence += 1
        booking.save()
        _queue_email(booking, BookingEmail.Kind.CANCELLATION)
    return booking


def reschedule_booking(booking, starts_at, therapist=None, actor=Booking.Actor.CUSTOMER):
    """Move a confirmed booking (optionally to another therapist) under the same guard."""
    therapist = therapist or booking.therapist
    if not booking.is_confirmed:
        raise NotConfirmed(_("This booking was cancelled and cannot be moved."))
    _check_customer_cutoff(booking, actor)
    request = BookingRequest(
        service=booking.service,
        variant=VariantSnapshot(booking),  # the booked length, even if the service changed since
        therapist=therapist,
        starts_at=starts_at,
        name=booking.customer_name,
        email=booking.customer_email,
        phone=booking.customer_phone,
        accept_policy=True,
        location=booking.location,
    )
    candidates = _candidates(request)
    _validate_time(request, candidates)
    ids = {booking.therapist_id, therapist.pk}
    _ensure_lock_rows(ids)
    try:
        with transaction.atomic():
            _lock(ids)
            booking = _lock_unchanged(booking)
            if not booking.is_confirmed:
                raise NotConfirmed(_("This booking was cancelled and cannot be moved."))
            if not _is_free(
                booking.service,
                booking.duration_minutes,
                therapist,
                starts_at,
                booking.location,
                exclude_booking_id=booking.pk,
            ):
                raise _slot_taken(
                    booking.service,
                    booking.duration_minutes,
                    therapist.pk,
                    starts_at,
                    booking.location,
                )
            pause_before_write()
            booking.claims.all().delete()
            booking.therapist = therapist
            booking.starts_at = starts_at
            booking.ends_at = starts_at + dt.timedelta(minutes=booking.duration_minutes)
            booking.blocked_until = booking.ends_at + dt.timedelta(minutes=booking.buffer_minutes)
            booking.sequence += 1
            booking.token_version += 1
            booking.save()
            _claim(booking)
            _queue_email(booking, BookingEmail.Kind.RESCHEDULED)
    except IntegrityError:
        raise _slot_taken(
            booking.service, booking.duration_minutes, therapist.pk, starts_at, booking.location
        ) from None
    return booking


class VariantSnapshot:
    """The length and price a booking was made with (the variant may have changed or gone since)."""

    def __init__(self, booking):
        self.pk = None
        self.duration_minutes = booking.duration_minutes
        self.price = booking.price
