"""A booking made in Spanish: the flow, its errors, the record's language, e-mails and .ics."""

import pytest
from django.core import mail

from booking import emails
from booking.models import Booking, BookingEmail
from tests.booking.conftest import frozen_now, world  # noqa: F401 - the booking fixtures
from tests.booking.test_flow import TEN_AM, details_post

pytestmark = pytest.mark.django_db


def test_the_booking_flow_speaks_spanish_under_es(world, client):  # noqa: F811
    html = client.get("/es/book/", {"service": world.service.slug}).content.decode()
    assert '<html lang="es">' in html
    assert "<h1>Reservar una cita</h1>" in html
    assert "¿Cuánto tiempo?" in html and "60 minutos" in html


def test_spanish_form_errors_keep_the_visitors_data(world, client, settings):  # noqa: F811
    from booking.forms import format_start

    response = client.post(
        "/es/book/details/",
        {
            "service": world.service.slug,
            "variant": world.short.pk,
            "therapist": world.ann.slug,
            "start": format_start(TEN_AM),
            "idempotency_key": "k" * 32,
            "name": "",
            "email": "pat@",
            "phone": "12",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Hay un problema" in html
    assert "Escriba su nombre." in html
    assert "Escriba un correo electrónico como nombre@ejemplo.com." in html
    assert 'value="pat@"' in html


def test_a_booking_made_in_spanish_is_confirmed_in_spanish(
    world,  # noqa: F811
    client,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = details_post(world, client, "/es/book/details/", idempotency_key="s" * 32)
    assert response.status_code == 302 and response["Location"].startswith("/es/book/done/")
    booking = Booking.objects.get()
    assert booking.language == "es"
    done = client.get(response["Location"]).content.decode()
    assert "Su cita está reservada" in done
    assert "martes 3 de marzo de 2026, 10:00 a. m. PST" in done
    (message,) = mail.outbox
    assert message.subject.startswith("Su cita está confirmada: Deep tissue massage, mar 3 mar")
    assert "Hola, Pat Lee:" in message.body
    assert "Cuándo: martes 3 de marzo de 2026, 10:00 a. m. PST a 11:00 a. m." in message.body
    assert "http://localhost/es/book/manage/" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="es">' in html and "Cambiar o cancelar su cita" in html
    ics = message.attachments[0][1]
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert "SUMMARY:Deep tissue massage con Ann Able" in ics
    assert "/es/book/manage/" in ics.replace("\r\n ", "")


def test_english_bookings_stay_english_whatever_was_active(world, client):  # noqa: F811
    from django.utils import translation

    from booking import operations
    from tests.booking.utils import request_for

    booking, _ = operations.create_booking(request_for(world, TEN_AM, therapist=world.ann))
    assert booking.language == "en"
    email = BookingEmail.objects.filter(booking=booking).first() or BookingEmail(
        booking=booking, kind=BookingEmail.Kind.CONFIRMATION, sequence=booking.sequence
    )
    with translation.override("es"):  # e.g. a reminder job running after a Spanish request
        message = emails.build_message(email)
    assert message.subject.startswith("Your booking is confirmed")
    assert "Tuesday, March 3, 2026, 10:00 AM PST" in message.body
