"""What a request names, found or refused with an ``ApiError``: the service, its location,
length and therapist, an instant, a booking by its manage token."""

import datetime as dt

from services.models import Service
from spa_site import visibility

from .. import availability, operations, tokens
from ..models import Booking
from .errors import ApiError


def service_named(slug):
    service = Service.objects.bookable(visibility.current()).filter(slug=slug).first()
    if service is None:
        raise ApiError(
            404, f"No bookable service with slug {slug!r}.", "unknown_service", "service"
        )
    return service


def location_named(service, slug):
    location = availability.location_named(service, slug)
    if location is None:
        raise ApiError(
            400, f"{service.name} is not offered at {slug!r}.", "unknown_location", "location"
        )
    return location


def variant_named(service, variant_id, location=None):
    variants = service.variants_at(location)
    if variant_id is None and variants:
        return variants[0]
    for variant in variants:
        if variant.pk == variant_id:
            return variant
    raise ApiError(
        400, "That length is not offered for this service.", "unknown_variant", "variant_id"
    )


def therapist_named(service, slug, team=None):
    if slug in (None, "", "any"):
        return None
    team = team if team is not None else availability.bookable_therapists(service)
    for therapist in team:
        if therapist.slug == slug:
            return therapist
    raise ApiError(
        400, f"{slug!r} does not perform {service.name}.", "unknown_therapist", "therapist"
    )


def utc(moment, field="starts_at"):
    if moment.tzinfo is None:
        raise ApiError(400, f"{field} needs a time zone offset, e.g. Z.", "naive_datetime", field)
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        raise ApiError(400, f"{field} is out of range.", "out_of_range", field) from None


def booking_for_token(token, change=False):
    booking = tokens.booking_for_token(
        token, Booking.objects.select_related("service", "therapist", "location")
    )
    if booking is None:
        if change and tokens.is_outdated(token):
            changed = operations.BookingChanged()
            raise ApiError(409, changed.message, changed.code, "token")
        raise ApiError(404, "Unknown or outdated manage token.", "unknown_token", "token")
    return booking
