"""Bookings and bookable services as the API answers them."""

import datetime as dt

from django.urls import reverse

from .. import conf, tokens


def person(page):
    return {"slug": page.slug, "name": page.title}


def local(moment):
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
        "therapist": person(booking.therapist),
        "location": person(booking.location),
        "starts_at": booking.starts_at,
        "ends_at": booking.ends_at,
        "local_start": local(booking.starts_at),
        "local_end": local(booking.ends_at),
        "time_zone": conf.get("BOOKING_TIME_ZONE"),
        "sequence": booking.sequence,
        "changes_allowed_until": booking.starts_at
        - dt.timedelta(hours=conf.get("BOOKING_CANCELLATION_CUTOFF_HOURS")),
        "manage_token": token,
        "manage_url": request.build_absolute_uri(reverse("booking:manage", args=[token])),
        "invite_url": request.build_absolute_uri(reverse("booking:invite", args=[token])),
    }


def bookable_services(services, audience):
    return [
        {
            "slug": s.slug,
            "name": s.name,
            "description": s.description,
            "buffer_minutes": s.buffer_minutes,
            "location": person(s.location),
            "variants": [
                {"id": v.pk, "duration_minutes": v.duration_minutes, "price": v.price}
                for v in s.variants.all()
            ],
            "therapists": [person(t) for t in s.therapists.all() if audience.can_see(t)],
        }
        for s in services
    ]
