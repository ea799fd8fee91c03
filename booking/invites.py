"""The calendar invite (.ics) for a booking: TZID + VTIMEZONE, stable UID, SEQUENCE, STATUS."""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from spa_site import public_url

from . import clock, conf, tokens


def uid(booking):
    return f"{booking.public_id}@booking.moonlight-spa"


def build_invite(booking):
    """The invite in the booking's language (its summary, description and manage link)."""
    with translation.override(booking.language):
        return _build_invite(booking)


def _build_invite(booking):
    cancelled = not booking.is_confirmed
    zone = conf.tz()
    calendar = Calendar()
    calendar.add("prodid", "-//wagtail-spa//Booking//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")

    event = Event()
    event.add("uid", uid(booking))
    event.add("dtstamp", clock.now().astimezone(dt.UTC))
    event.add("dtstart", booking.starts_at.astimezone(zone))
    event.add("dtend", booking.ends_at.astimezone(zone))
    event.add("sequence", booking.sequence)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add(
        "summary",
        _("%(service)s with %(therapist)s")
        % {"service": booking.service.name, "therapist": booking.therapist.title},
    )
    location = booking.location
    event.add(
        "location",
        vText(", ".join([location.business_name, *location.address_lines])),
    )
    event.add(
        "description",
        _("Booking reference %(reference)s. %(minutes)s minutes with %(therapist)s.")
        % {
            "reference": booking.reference,
            "minutes": booking.duration_minutes,
            "therapist": booking.therapist.title,
        },
    )
    if not cancelled:  # where the customer can see, move or cancel it, on the public site
        event.add(
            "url", public_url.absolute(reverse("booking:manage", args=[tokens.make_token(booking)]))
        )
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organizer.params["cn"] = vText(location.business_name)
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{booking.customer_email}")
    attendee.params["cn"] = vText(booking.customer_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    event.add("attendee", attendee)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
