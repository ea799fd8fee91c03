"""Booking writes only from where they should come: JSON only (415), this site or configured
origins only (403, with CORS for those); the HTML form keeps Django's CSRF protection."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from booking.models import Booking

from .test_api import BASE, payload

pytestmark = pytest.mark.django_db
ALLOWED = "https://front.example"


@pytest.fixture(autouse=True)
def cors(settings):
    settings.API_CORS_ALLOWED_ORIGINS = [ALLOWED]


def create(client, content_type="application/json", body=None, **headers):
    return client.post(f"{BASE}/bookings/", body, content_type=content_type, headers=headers)


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""],
)
def test_a_body_that_is_not_json_is_415_and_books_nothing(client, world, content_type):
    response = create(client, content_type, json.dumps(payload(world)))
    assert response.status_code == 415
    assert response["Content-Type"] == "application/problem+json"
    assert "application/json" in response.json()["detail"]
    assert not Booking.objects.exists()


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://testserver.evil"])
def test_a_write_from_another_origin_is_403_and_books_nothing(client, world, origin):
    for content_type in ("text/plain", "application/json"):
        response = create(client, content_type, json.dumps(payload(world)), Origin=origin)
        assert response.status_code == 403
        assert response.json()["code"] == "origin_not_allowed"
        assert "Access-Control-Allow-Origin" not in response
    assert not Booking.objects.exists()


def test_cancel_from_another_origin_is_refused(client, world):
    token = create(client, body=json.dumps(payload(world))).json()["manage_token"]
    refused = client.post(
        f"{BASE}/bookings/{token}/cancel/", content_type="text/plain", headers={"Origin": "null"}
    )
    assert refused.status_code == 403
    assert Booking.objects.get().is_confirmed


@pytest.mark.parametrize("origin", [None, "http://testserver", ALLOWED])
def test_json_from_the_site_a_server_or_a_configured_origin_books(client, world, origin):
    headers = {"Origin": origin} if origin else {}
    response = create(client, body=json.dumps(payload(world)), **headers)
    assert response.status_code == 201
    assert response.get("Access-Control-Allow-Origin") == (origin if origin == ALLOWED else None)
    assert "no-store" in response["Cache-Control"]


def test_preflight_for_a_configured_origin_only(client, world):
    def preflight(origin):
        return client.options(
            f"{BASE}/bookings/",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type, idempotency-key",
            },
        )

    allowed = preflight(ALLOWED)
    assert allowed.status_code == 204
    assert allowed["Access-Control-Allow-Origin"] == ALLOWED
    assert "POST" in allowed["Access-Control-Allow-Methods"]
    assert "Idempotency-Key" in allowed["Access-Control-Allow-Headers"]
    refused = preflight("https://evil.example")
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    assert "Access-Control-Allow-Origin" not in refused


def test_reads_from_any_origin_work_without_cors_headers(client, world):
    response = client.get(f"{BASE}/services/", headers={"Origin": "https://evil.example"})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_the_html_form_keeps_csrf_protection(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("booking:details"),
        {"service": world.service.slug, "name": "Pat"},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert not Booking.objects.exists()
