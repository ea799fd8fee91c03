"""The booking API: typed, documented, 4xx with a message on bad input, 409 on a clash."""

import json

import pytest

from booking import operations
from booking.models import Booking, HealthScreen

from .utils import HEALTH_MARKER, local, request_for

pytestmark = pytest.mark.django_db
BASE = "/api/content/booking"


def payload(world, **overrides):
    data = {
        "service": world.service.slug,
        "variant_id": world.short.pk,
        "therapist": world.ann.slug,
        "starts_at": "2026-03-03T18:00:00Z",
        "name": "Pat Lee",
        "email": "pat@example.com",
        "phone": "+1 562 555 0199",
        "accept_policy": True,
        "health": {
            "pregnant": False,
            "blood_clots": True,
            "cancer_treatment": False,
            "recent_surgery": False,
            "notes": HEALTH_MARKER,
        },
    }
    data.update(overrides)
    return data


def post(client, data, key=None):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(
        f"{BASE}/bookings/", json.dumps(data), content_type="application/json", headers=headers
    )


def test_openapi_documents_the_endpoints(client, world):
    schema = client.get("/api/content/openapi.json").json()
    paths = schema["paths"]
    assert {
        f"{BASE}/availability/",
        f"{BASE}/bookings/",
        f"{BASE}/bookings/{{token}}/",
        f"{BASE}/bookings/{{token}}/cancel/",
        f"{BASE}/bookings/{{token}}/reschedule/",
    } <= set(paths)
    create = paths[f"{BASE}/bookings/"]["post"]
    assert {"201", "409", "400"} <= set(create["responses"])
    assert any(p["name"] == "Idempotency-Key" for p in create["parameters"])
    assert "BookingDetail" in schema["components"]["schemas"]
    assert "health" not in json.dumps(schema["components"]["schemas"]["BookingDetail"])


def test_services_lists_variants_and_therapists(client, world):
    services = client.get(f"{BASE}/services/").json()["items"]
    assert services[0]["slug"] == world.service.slug
    assert [v["duration_minutes"] for v in services[0]["variants"]] == [60, 90]
    assert {t["slug"] for t in services[0]["therapists"]} == {world.ann.slug, world.ben.slug}


def test_availability_for_any_and_one_therapist(client, world):
    operations.create_booking(request_for(world, local(2026, 3, 3, 10), world.ann))
    response = client.get(
        f"{BASE}/availability/",
        {"service": world.service.slug, "start": "2026-03-03", "days": 1},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["time_zone"] == "America/Los_Angeles"
    ten = next(s for s in data["slots"] if s["local_start"] == "2026-03-03T10:00:00-08:00")
    assert ten["therapists"] == [world.ben.slug]
    assert ten["time_zone_abbreviation"] == "PST"
    assert ten["starts_at"].startswith("2026-03-03T18:00:00")
    ann = client.get(
        f"{BASE}/availability/",
        {
            "service": world.service.slug,
            "start": "2026-03-03",
            "days": 1,
            "therapist": world.ann.slug,
        },
    ).json()
    assert "2026-03-03T10:00:00-08:00" not in [s["local_start"] for s in ann["slots"]]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"service": "nope"}, 404),
        ({"service": "deep-tissue-massage", "days": 99}, 422),
        ({"service": "deep-tissue-massage", "start": "not-a-date"}, 422),
        ({"service": "deep-tissue-massage", "start": "2020-01-01"}, 400),
        ({"service": "deep-tissue-massage", "start": "9999-12-31"}, 400),
        ({"service": "deep-tissue-massage", "variant_id": 9223372036854775808}, 400),
        ({"service": "deep-tissue-massage", "therapist": "nobody"}, 400),
        ({"service": "deep-tissue-massage", "variant_id": 999999}, 400),
        ({}, 422),
    ],
)
def test_availability_bad_input_is_4xx(client, world, params, status):
    response = client.get(f"{BASE}/availability/", params)
    assert response.status_code == status
    assert response.json()["detail"]


def test_create_returns_201_without_health_answers(client, world):
    response = post(client, payload(world), key="key-00000001")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "confirmed"
    assert body["local_start"] == "2026-03-03T10:00:00-08:00"
    assert body["therapist"]["slug"] == world.ann.slug
    assert "health" not in json.dumps(body) and HEALTH_MARKER not in response.content.decode()
    assert HealthScreen.objects.get().blood_clots is True
    view = client.get(f"{BASE}/bookings/{body['manage_token']}/")
    assert view.status_code == 200
    assert HEALTH_MARKER not in view.content.decode() and "blood" not in view.content.decode()


def test_same_idempotency_key_returns_the_same_booking(client, world):
    first = post(client, payload(world), key="key-00000002")
    second = post(client, payload(world), key="key-00000002")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["reference"] == second.json()["reference"]
    assert Booking.objects.count() == 1
    other = post(client, payload(world, starts_at="2026-03-03T22:00:00Z"), key="key-00000002")
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"


def test_slot_taken_is_409_with_next_free_times(client, world):
    assert post(client, payload(world)).status_code == 201
    response = post(client, payload(world, email="other@example.com"))
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "slot_taken"
    assert body["next_free"][0].startswith("2026-03-03T19:15:00")
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "status"),
    [
        ({"starts_at": "2026-03-01T18:00:00Z"}, 400),  # past
        ({"starts_at": "2026-03-03T04:00:00Z"}, 400),  # 20:00 the evening before: outside hours
        ({"starts_at": "2026-03-03T10:00:00"}, 400),  # no offset
        ({"starts_at": "soon"}, 422),
        ({"starts_at": "9999-12-31T23:59:59Z"}, 400),  # beyond the horizon
        ({"starts_at": "0001-01-01T00:00:00+14:00"}, 400),  # out of range in UTC
        ({"variant_id": 9223372036854775808}, 400),
        ({"service": "no-such-service"}, 404),
        ({"variant_id": 999999}, 400),
        ({"therapist": "nobody"}, 400),
        ({"name": "x" * 101}, 422),
        ({"name": "   "}, 422),
        ({"email": "not-an-email"}, 422),
        ({"phone": "12"}, 422),
        ({"accept_policy": False}, 400),
        ({"health": {"pregnant": False}}, 422),
    ],
)
def test_bad_input_is_4xx_and_stores_nothing(client, world, overrides, status):
    response = post(client, payload(world, **overrides))
    assert response.status_code == status, response.content
    assert response.json()["detail"]
    assert Booking.objects.count() == 0


def test_bad_idempotency_key_and_malformed_json_are_4xx(client, world):
    assert post(client, payload(world), key="x").status_code == 400
    response = client.post(f"{BASE}/bookings/", "{not json", content_type="application/json")
    assert 400 <= response.status_code < 500
    assert Booking.objects.count() == 0


def test_cancel_and_reschedule_with_the_manage_token(client, world):
    token = post(client, payload(world)).json()["manage_token"]
    moved = client.post(
        f"{BASE}/bookings/{token}/reschedule/",
        json.dumps({"starts_at": "2026-03-04T17:00:00Z"}),
        content_type="application/json",
    )
    assert moved.status_code == 200
    new_token = moved.json()["manage_token"]
    assert moved.json()["sequence"] == 1 and moved.json()["local_start"].startswith(
        "2026-03-04T09:00"
    )
    assert client.get(f"{BASE}/bookings/{token}/").status_code == 404
    # A change with the old link: the booking moved since, so 409 "changed", not "unknown".
    stale = client.post(f"{BASE}/bookings/{token}/cancel/", content_type="application/json")
    assert stale.status_code == 409 and stale.json()["code"] == "booking_changed"
    cancelled = client.post(f"{BASE}/bookings/{new_token}/cancel/", content_type="application/json")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = client.post(f"{BASE}/bookings/{new_token}/cancel/", content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "not_confirmed"


def test_cancel_after_the_cutoff_is_409(client, world, frozen_now):
    token = post(client, payload(world)).json()["manage_token"]
    frozen_now(local(2026, 3, 3, 9))
    response = client.post(f"{BASE}/bookings/{token}/cancel/", content_type="application/json")
    assert response.status_code == 409 and response.json()["code"] == "cutoff_passed"
    assert Booking.objects.get().is_confirmed


def test_framework_refusals_use_the_documented_error_shape(client, world):
    """Malformed JSON, wrong types and missing bodies answer like the API's own errors."""
    broken = client.post(f"{BASE}/bookings/", "{not json", content_type="application/json")
    assert broken.status_code == 400
    assert broken.json()["code"] == "bad_request" and broken.json()["detail"]
    wrong_type = post(client, payload(world, variant_id="sixty"))
    assert wrong_type.status_code == 422
    assert wrong_type.json()["code"] == "invalid"
    assert wrong_type.json()["field"] == "variant_id"
    assert wrong_type.json()["detail"].startswith("variant_id: ")
    missing = client.post(
        f"{BASE}/bookings/some-token/reschedule/", content_type="application/json"
    )
    assert missing.status_code == 422 and isinstance(missing.json()["detail"], str)
