"""Rate limits on booking writes: a clear 429 that keeps what the visitor typed."""

import pytest
from django.test import override_settings
from django.urls import reverse

from booking import operations, tokens
from booking.models import Booking

from .test_api import payload, post
from .test_flow import details_post
from .utils import local, request_for

pytestmark = pytest.mark.django_db
TWO_A_MINUTE = {"booking-form": "2/m", "booking-api": "2/m"}


@override_settings(RATELIMITS=TWO_A_MINUTE)
def test_booking_form_over_the_limit_is_429_with_the_form_and_data_kept(world, client):
    assert details_post(world, client, name="").status_code == 400
    assert details_post(world, client, name="").status_code == 400
    response = details_post(world, client, name="Pat Limit")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert "Too many attempts from your network" in html
    assert 'value="Pat Limit"' in html and 'value="pat@example.com"' in html
    assert not Booking.objects.exists()


@override_settings(RATELIMITS=TWO_A_MINUTE)
def test_booking_form_counts_per_client_address(world, client):
    for _ in range(2):
        details_post(world, client, name="")
    assert details_post(world, client, name="").status_code == 429
    other = client.post(
        reverse("booking:details"), {"service": world.service.slug}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code != 429


@override_settings(RATELIMITS=TWO_A_MINUTE)
def test_manage_link_changes_are_limited_too(world, client):
    booking, _ = operations.create_booking(request_for(world, local(2026, 3, 5, 10), world.ann))
    token = tokens.make_token(booking)
    cancel = reverse("booking:cancel", args=[token])
    move = reverse("booking:reschedule", args=[token])
    client.post(move, {"start": "not a time"})
    client.post(move, {"start": "not a time"})
    moved = client.post(move, {"start": "not a time"})
    assert moved.status_code == 429
    assert "Too many attempts" in moved.content.decode()
    cancelled = client.post(cancel)
    assert cancelled.status_code == 429
    booking.refresh_from_db()
    assert booking.is_confirmed


@override_settings(RATELIMITS=TWO_A_MINUTE)
def test_booking_api_writes_over_the_limit_are_429_json(world, client):
    # Malformed bodies are refused (422) before they reach the limiter; well-formed writes count.
    assert post(client, payload(world, name="")).status_code == 422
    assert post(client, payload(world, service="no-such-service")).status_code == 404
    assert post(client, payload(world, service="no-such-service")).status_code == 404
    response = post(client, payload(world))
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response.json()["code"] == "rate_limited"
    assert "Too many attempts" in response.json()["detail"]
    assert not Booking.objects.exists()
    # Reads are not limited.
    assert client.get("/api/content/booking/services/").status_code == 200


def test_openapi_documents_the_429(client, world):
    paths = client.get("/api/content/openapi.json").json()["paths"]
    assert "429" in paths["/api/content/booking/bookings/"]["post"]["responses"]


@override_settings(RATELIMITS=TWO_A_MINUTE, RATELIMIT_ENABLE=False)
def test_the_limiter_can_be_switched_off(world, client):
    for _ in range(3):
        assert details_post(world, client, name="").status_code == 400
