"""The booking API's operations (``/api/content/booking/``)."""

import datetime as dt
import re

from django.http import HttpResponse
from ninja import Header, Query, Router, Status

from services.models import Service
from spa_site import visibility
from spa_site.api.endpoints import context, listing
from spa_site.api.params import ListParams

from .. import availability, clock, conf, operations
from ..models import Booking
from .errors import ApiError, guard, guard_write
from .lookups import (
    booking_for_token,
    location_named,
    service_named,
    therapist_named,
    utc,
    variant_named,
)
from .schemas import (
    Availability,
    AvailabilityQuery,
    BookableServiceList,
    BookingDetail,
    BookingProblem,
    NewBooking,
    Reschedule,
)
from .serializers import bookable_services, booking_out

router = Router(tags=["booking"])
IDEMPOTENCY_KEY_RE = re.compile(r"[A-Za-z0-9_\-]{8,64}")


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
        lambda items, ctx: bookable_services(items, audience),
        "services",
    )


@router.get(
    "/availability/",
    response={200: Availability, 400: BookingProblem, 404: BookingProblem, 422: BookingProblem},
    summary="Free start times for a service",
)
def get_availability(request, query: Query[AvailabilityQuery]):
    def run():
        service = service_named(query.service)
        location = location_named(service, query.location)
        variant = variant_named(service, query.variant_id, location)
        team = availability.bookable_therapists(service, location)
        therapist = therapist_named(service, query.therapist, team)
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

    return guard(run)


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
        starts_at = utc(payload.starts_at)
        service = service_named(payload.service)
        location = location_named(service, payload.location)
        variant = variant_named(service, payload.variant_id, location)
        therapist = therapist_named(
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

    return guard_write(request, response, run)


@router.get(
    "/bookings/{token}/",
    response={200: BookingDetail, 404: BookingProblem},
    summary="View a booking by its manage token",
)
def get_booking(request, token: str):
    return guard(lambda: booking_out(request, booking_for_token(token)))


@router.post(
    "/bookings/{token}/cancel/",
    response={200: BookingDetail, 404: BookingProblem, 409: BookingProblem, 429: BookingProblem},
    summary="Cancel a booking (before the cut-off)",
)
def cancel_booking(request, response: HttpResponse, token: str):
    def run():
        booking = operations.cancel_booking(
            booking_for_token(token, change=True), actor=Booking.Actor.CUSTOMER
        )
        return booking_out(request, booking)

    return guard_write(request, response, run)


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
        starts_at = utc(payload.starts_at)
        booking = booking_for_token(token, change=True)
        therapist = therapist_named(booking.service, payload.therapist) or booking.therapist
        moved = operations.reschedule_booking(
            booking,
            starts_at,
            therapist=therapist,
            actor=Booking.Actor.CUSTOMER,
        )
        return booking_out(request, moved)

    return guard_write(request, response, run)
