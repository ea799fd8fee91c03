"""Health-screen answers stay in the health-screen table: not in emails, invites, logs,
public pages, API responses, exports, or admin screens without the permission."""

import json
import logging

import pytest
from django.core import mail
from django.urls import reverse

from booking import operations, tokens
from booking.models import Booking, HealthScreen

from .test_flow import details_post
from .utils import HEALTH_MARKER, local, request_for

pytestmark = pytest.mark.django_db

HEALTH_WORDS = (HEALTH_MARKER, "pregnan", "blood clot", "cancer", "surgery")


def assert_no_health(text):
    lowered = text.lower()
    for word in HEALTH_WORDS:
        assert word.lower() not in lowered, word


def test_booking_view_logs_and_pages_carry_no_health_answers(
    world, client, caplog, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.booking.test_emails.FailingBackend"  # exercise error logging
    caplog.set_level(logging.DEBUG)
    operations.create_booking(
        request_for(world, local(2026, 3, 3, 14), world.ann, email="x@example.com")
    )
    answers = {"pregnant": "yes", "cancer_treatment": "yes", "health_notes": HEALTH_MARKER}
    with django_capture_on_commit_callbacks(execute=True):
        booked = details_post(world, client, **answers)
        taken = details_post(
            world, client, start="2026-03-03T22:00:00Z", idempotency_key="z" * 32, **answers
        )
        invalid = details_post(world, client, email="bad", idempotency_key="y" * 32, **answers)
    assert (booked.status_code, taken.status_code, invalid.status_code) == (302, 409, 400)
    assert (
        HealthScreen.objects.get(booking__customer_email="pat@example.com").notes == HEALTH_MARKER
    )
    assert caplog.records, "the failing email should have logged something"
    assert HEALTH_MARKER not in caplog.text
    assert "pregnan" not in caplog.text.lower()

    booking = Booking.objects.get(customer_email="pat@example.com")
    token = tokens.make_token(booking)
    for name in ("done", "manage", "reschedule", "invite"):
        page = client.get(reverse(f"booking:{name}", args=[token]))
        assert page.status_code == 200
        assert_no_health(page.content.decode())


def test_api_responses_and_emails_carry_no_health_answers(
    world, client, django_capture_on_commit_callbacks
):
    body = {
        "service": world.service.slug,
        "variant_id": world.short.pk,
        "therapist": "any",
        "starts_at": "2026-03-03T18:00:00Z",
        "name": "Pat Lee",
        "email": "pat@example.com",
        "phone": "5625550100",
        "accept_policy": True,
        "health": {
            "pregnant": True,
            "blood_clots": True,
            "cancer_treatment": True,
            "recent_surgery": True,
            "notes": HEALTH_MARKER,
        },
    }
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(
            "/api/content/booking/bookings/", json.dumps(body), content_type="application/json"
        )
    assert created.status_code == 201
    assert_no_health(created.content.decode())
    token = created.json()["manage_token"]
    for url in (f"/api/content/booking/bookings/{token}/",):
        assert_no_health(client.get(url).content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = client.post(
            f"/api/content/booking/bookings/{token}/cancel/", content_type="application/json"
        )
    assert_no_health(cancelled.content.decode())
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert_no_health(message.message().as_string())
