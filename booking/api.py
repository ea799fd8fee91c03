"""The booking API (a django-ninja router of the site's one API, at /api/content/booking/):
services, availability, create, view, cancel, move.

It follows the API's one contract (docs/api.md): paths end in a slash, listings are
``{count, limit, offset, items}``, every error is an RFC 9457 problem
(``application/problem+json``, the shared ``Problem`` schema with ``code`` and ``field``, plus
``next_free`` when a slot was taken). Unlike the delivery endpoints its answers are personal
and change by the second, so they are never cacheable (``Cache-Control: no-store``, set by
``spa_site.api.http.json_api_view`` with the write checks).

Times are ISO 8601 instants; responses give UTC and the local wall time with its PST/PDT
abbreviation. Problems: 400 bad input, 403 a write from an origin not configured, 404 unknown
service or link, 409 slot taken, the booking changed meanwhile or a change no longer allowed,
413 body too large, 415 a body that is not JSON, 422 malformed body or a reused idempotency
key, 429 too many writes from one client (with ``Retry-After``). Text fields refuse control
characters; one-line fields (name, phone, email) refuse line breaks. Health-screen answers
are accepted but never returned.
"""

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.http import HttpResponse
from django.urls import reverse
from ninja import Field, Header, Query, Router, Schema, Status
from pydantic import field_validator

from services.models import Service
from spa_site import visibility
from spa_site.api.endpoints import context, listing
from spa_site.api.params import SLUG_PATTERN, ListParams, MultiLine, SingleLine
from spa_site.api.problems import problem
from spa_site.api.schemas import Problem, paginated
from spa_site.ratelimits import MESSAGE as RATE_LIMIT_MESSAGE
from spa_site.ratelimits import RETRY_AFTER_SECONDS, over_limit

from . import availability, clock, conf, operations, tokens
from .forms import PHONE_RE, deliverable_email
from .models import Booking

router = Router(tags=["booking"])
IDEMPOTENCY_KEY_RE = re.compile(r"[A-Za-z0-9_\-]{8,64}")
ServiceSlug = Annotated[
    str, Field(pattern=SLUG_PATTERN, max_length=120, description="Service slug")
]
TherapistSlug = Annotated[
    str, Field(pattern=SLUG_PATTERN, max_length=255, description='Therapist slug, or "any"')
]
LocationSlug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        max_length=255,
        description="Slug of a location offering the service (default: the first one)",
    ),
]


class BookingProblem(Problem):
    """The shared problem shape; a taken slot (409 ``slot_taken``) lists the next free times."""

    next_free: list[dt.datetime] = Field(
        default_factory=list, description="The next free start times (409 slot_taken)."
    )


class BookingPerson(Schema):
    slug: str
    name: str


class BookableVariant(Schema):
    id: int
    duration_minutes: int
    price: Decimal


class BookableService(Schema):
    """A bookable service with its lengths, prices and therapists."""

    slug: str
    name: str
    description: str
    buffer_minutes: int
    location: BookingPerson
    variants: list[BookableVariant]
    therapists: list[BookingPerson]


class Slot(Schema):
    starts_at: dt.datetime = Field(description="UTC instant")
    local_start: str = Field(description="Wall time at the spa, ISO 8601 with offset")
    time_zone_abbreviation: str = Field(examples=["PST", "PDT"])
    therapists: list[str] = Field(description="Slugs of the therapists free at this time")


class Availability(Schema):
    service: str
    variant_id: int
    duration_minutes: int
    therapist: str
    time_zone: str
    first_day: dt.date
    last_day: dt.date
    slots: list[Slot]


class AvailabilityQuery(Schema):
    service: ServiceSlug
    variant_id: int | None = Field(None, description="Default: the service's first variant")
    therapist: TherapistSlug = "any"
    location: LocationSlug | None = None
    start: dt.date | None = Field(None, description="First local day (default today)")
    days: int = Field(7, ge=1, le=31)


class HealthScreen(Schema):
    pregnant: bool
    blood_clots: bool
    cancer_treatment: bool
    recent_surgery: bool
    notes: MultiLine = Field("", max_length=500)


class NewBooking(Schema):
    service: ServiceSlug
    variant_id: int
    therapist: TherapistSlug = "any"
    location: LocationSlug | None = None
    starts_at: dt.datetime
    name: SingleLine = Field(min_length=1, max_length=100)
    email: SingleLine = Field(max_length=254)
    phone: SingleLine = Field(max_length=30)
    accept_policy: bool
    health: HealthScreen

    @field_validator("name")
    @classmethod
    def name_not_blank(cls, value):
        if not value.strip():
            raise ValueError("Enter a name.")
        return value

    @field_validator("email")
    @classmethod
    def email_valid(cls, value):
        try:
            validate_email(value)
            deliverable_email(value)
        except DjangoValidationError:
            raise ValueError("Enter a valid email address.") from None
        return value

    @field_validator("phone")
    @classmethod
    def phone_valid(cls, value):
        if not PHONE_RE.fullmatch(value.strip()) or sum(c.isdigit() for c in value) < 7:
            raise ValueError("Enter a phone number with at least 7 digits.")
        return value


class Reschedule(Schema):
    starts_at: dt.datetime
    therapist: TherapistSlug | None = Field(None, description="Default: same therapist")


class BookingDetail(Schema):
    reference: str
    status: str
    service: str
    service_name: str
    duration_minutes: int
    price: Decimal
    therapist: BookingPerson
    location: BookingPerson
    starts_at: dt.datetime
    ends_at: dt.datetime
    local_start: str
    local_end: str
    time_zone: str
    sequence: int
    changes_allowed_until: dt.datetime
    manage_token: str
    manage_url: str
    invite_url: str


class ApiError(Exception):
    def __init__(self, status, detail, code, field=None):
        super().__init__(detail)
        self.status, self.detail, self.code, self.field = status, detail, code, field


def _error(status, detail, code, field=None, next_free=()):
    return Status(
        status, problem(status, detail, code=code, field=field, next_free=list(next_free))
    )


def _from_booking_error(exc):
    return _error(exc.status, exc.message, exc.code, exc.field, getattr(exc, "next_free", ()))


def _person(page):
    return {"slug": page.slug, "name": page.title}


def _local(moment):
    return moment.astimezone(conf.tz()).isoformat()


def booking_out(request, booking):
    token = tokens.make_token(booking)
    return {
        "reference": booking.reference,
        "status": booking.status,
        "service": booking.service.slug,
        "service_name": booking.service.name,
        "duration_minutes": booking.duration_minutes,
        "price": booking.price,
        "therapist": _person(booking.therapist),
        "location": _person(booking.location),
        "starts_at": booking.starts_at,
        "ends_at": booking.ends_at,
        "local_start": _local(booking.starts_at),
        "local_end": _local(booking.ends_at),
        "time_zone": conf.get("BOOKING_TIME_ZONE"),
        "sequence": booking.sequence,
        "changes_allowed_until": booking.starts_at
        - dt.timedelta(hours=conf.get("BOOKING_CANCELLATION_CUTOFF_HOURS")),
        "manage_token": token,
        "manage_url": request.build_absolute_uri(reverse("booking:manage", args=[token])),
        "invite_url": request.build_absolute_uri(reverse("booking:invite", args=[token])),
    }


def _service(slug):
    service = Service.objects.bookable(visibility.current()).filter(slug=slug).first()
    if service is None:
        raise ApiError(
            404, f"No bookable service with slug {slug!r}.", "unknown_service", "service"
        )
    return service


def _location(service, slug):
    location = availability.location_named(service, slug)
    if location is None:
        raise ApiError(
            400, f"{service.name} is not offered at {slug!r}.", "unknown_location", "location"
        )
    return location


def _variant(service, variant_id, location=None):
    variants = service.variants_at(location)
    if variant_id is None and variants:
        return variants[0]
    for variant in variants:
        if variant.pk == variant_id:
            return variant
    raise ApiError(
        400, "That length is not offered for this service.", "unknown_variant", "variant_id"
    )


def _therapist(service, slug, team=None):
    if slug in (None, "", "any"):
        return None
    team = team if team is not None else availability.bookable_therapists(service)
    for therapist in team:
        if therapist.slug == slug:
            return therapist
    raise ApiError(
        400, f"{slug!r} does not perform {service.name}.", "unknown_therapist", "therapist"
    )


def _utc(moment, field="starts_at"):
    if moment.tzinfo is None:
        raise ApiError(400, f"{field} needs a time zone offset, e.g. Z.", "naive_datetime", field)
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        raise ApiError(400, f"{field} is out of range.", "out_of_range", field) from None


def _booking(token, change=False):
    booking = tokens.booking_for_token(
        token, Booking.objects.select_related("service", "therapist", "location")
    )
    if booking is None:
        if change and tokens.is_outdated(token):
            changed = operations.BookingChanged()
            raise ApiError(409, changed.message, changed.code, "token")
        raise ApiError(404, "Unknown or outdated manage token.", "unknown_token", "token")
    return booking


def _guard(call):
    try:
        return call()
    except ApiError as exc:
        return _error(exc.status, exc.detail, exc.code, exc.field)
    except operations.BookingError as exc:
        return _from_booking_error(exc)


def _guard_write(request, response, call):
    """A write counts against the client's rate limit before it touches anything."""
    if over_limit(request, "booking-api"):
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return _error(429, RATE_LIMIT_MESSAGE, "rate_limited")
    return _guard(call)


BookableServiceList = paginated(BookableService, "BookableServiceList")


@router.get(
    "/services/",
    response={200: BookableServiceList, 400: BookingProblem, 422: BookingProblem},
    summary="Bookable services",
)
def list_services(request, params: ListParams = Query(...)):
    audience = visibility.for_request(request)
    services = Service.objects.bookable(audience).prefetch_related("therapists")
    return listing(
        context(request),
        services,
        params,
        lambda items, ctx: _services(items, audience),
        "services",
    )


def _services(services, audience):
    return [
        {
            "slug": s.slug,
            "name": s.name,
            "description": s.description,
            "buffer_minutes": s.buffer_minutes,
            "location": _person(s.location),
            "variants": [
                {"id": v.pk, "duration_minutes": v.duration_minutes, "price": v.price}
                for v in s.variants.all()
            ],
            "therapists": [_person(t) for t in s.therapists.all() if audience.can_see(t)],
        }
        for s in services
    ]


@router.get(
    "/availability/",
    response={200: Availability, 400: BookingProblem, 404: BookingProblem, 422: BookingProblem},
    summary="Free start times for a service",
)
def get_availability(request, query: Query[AvailabilityQuery]):
    def run():
        service = _service(query.service)
        location = _location(service, query.location)
        variant = _variant(service, query.variant_id, location)
        team = availability.bookable_therapists(service, location)
        therapist = _therapist(service, query.therapist, team)
        today = clock.now().astimezone(conf.tz()).date()
        first_day = query.start or today
        if first_day < today:
            raise ApiError(400, "start is in the past.", "past_date", "start")
        if (first_day - today).days > conf.get("BOOKING_HORIZON_DAYS"):
            raise ApiError(400, "start is beyond the booking horizon.", "beyond_horizon", "start")
        last_day = first_day + dt.timedelta(days=query.days - 1)
        result = availability.compute(
            service,
            variant.duration_minutes,
            first_day,
            last_day,
            None if therapist is None else {therapist.pk},
            therapists=team,
            location=location,
        )
        slugs = {t.pk: t.slug for t in team}
        if therapist is None:
            pairs = result.any_therapist()
        else:
            pairs = [(start, [therapist.pk]) for start in result.starts_for(therapist.pk)]
        zone = conf.tz()
        return {
            "service": service.slug,
            "variant_id": variant.pk,
            "duration_minutes": variant.duration_minutes,
            "therapist": therapist.slug if therapist else "any",
            "time_zone": conf.get("BOOKING_TIME_ZONE"),
            "first_day": first_day,
            "last_day": last_day,
            "slots": [
                {
                    "starts_at": start,
                    "local_start": start.astimezone(zone).isoformat(),
                    "time_zone_abbreviation": start.astimezone(zone).tzname(),
                    "therapists": [slugs[t] for t in ids],
                }
                for start, ids in pairs
            ],
        }

    return _guard(run)


@router.post(
    "/bookings/",
    response={
        200: BookingDetail,
        201: BookingDetail,
        400: BookingProblem,
        404: BookingProblem,
        409: BookingProblem,
        422: BookingProblem,
        429: BookingProblem,
    },
    summary="Book a slot",
    description=(
        "Creates a confirmed booking (201). Send an `Idempotency-Key` header (8-64 letters, "
        "digits, - or _): repeating a request with the same key returns the same booking "
        "(200) instead of booking twice. 409 when the slot was taken, with `next_free` times."
    ),
)
def create_booking(
    request,
    response: HttpResponse,
    payload: NewBooking,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
):
    def run():
        if idempotency_key is not None and not IDEMPOTENCY_KEY_RE.fullmatch(idempotency_key):
            raise ApiError(
                400,
                "Idempotency-Key must be 8-64 letters, digits, - or _.",
                "bad_idempotency_key",
                "Idempotency-Key",
            )
        starts_at = _utc(payload.starts_at)
        service = _service(payload.service)
        location = _location(service, payload.location)
        variant = _variant(service, payload.variant_id, location)
        therapist = _therapist(
            service, payload.therapist, availability.bookable_therapists(service, location)
        )
        booking, created = operations.create_booking(
            operations.BookingRequest(
                service=service,
                variant=variant,
                therapist=therapist,
                starts_at=starts_at,
                name=payload.name,
                email=payload.email,
                phone=payload.phone,
                accept_policy=payload.accept_policy,
                health=payload.health.model_dump(exclude={"notes"}),
                health_notes=payload.health.notes,
                idempotency_key=idempotency_key,
                location=location,
            )
        )
        return Status(201 if created else 200, booking_out(request, booking))

    return _guard_write(request, response, run)


@router.get(
    "/bookings/{token}/",
    response={200: BookingDetail, 404: BookingProblem},
    summary="View a booking by its manage token",
)
def get_booking(request, token: str):
    return _guard(lambda: booking_out(request, _booking(token)))


@router.post(
    "/bookings/{token}/cancel/",
    response={200: BookingDetail, 404: BookingProblem, 409: BookingProblem, 429: BookingProblem},
    summary="Cancel a booking (before the cut-off)",
)
def cancel_booking(request, response: HttpResponse, token: str):
    def run():
        booking = operations.cancel_booking(
            _booking(token, change=True), actor=Booking.Actor.CUSTOMER
        )
        return booking_out(request, booking)

    return _guard_write(request, response, run)


@router.post(
    "/bookings/{token}/reschedule/",
    response={
        200: BookingDetail,
        400: BookingProblem,
        404: BookingProblem,
        409: BookingProblem,
        422: BookingProblem,
        429: BookingProblem,
    },
    summary="Move a booking (before the cut-off); the response carries the new manage token",
)
def reschedule_booking(request, response: HttpResponse, token: str, payload: Reschedule):
    def run():
        starts_at = _utc(payload.starts_at)
        booking = _booking(token, change=True)
        therapist = _therapist(booking.service, payload.therapist) or booking.therapist
        moved = operations.reschedule_booking(
            booking,
            starts_at,
            therapist=therapist,
            actor=Booking.Actor.CUSTOMER,
        )
        return booking_out(request, moved)

    return _guard_write(request, response, run)
