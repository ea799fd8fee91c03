"""One contract for every endpoint, booking included (docs/api.md, "The contract"): paths end
in a slash, listings share one envelope, every error is a problem, booking is never cached,
and the old paths (the booking API's, people as ``team/``) answer 308 to the new ones."""

import json

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]
PROBLEM_JSON = "application/problem+json"


@pytest.fixture
def schema(client):
    return client.get("/api/content/openapi.json").json()


def _operations(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def _resolve(schema, node):
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def test_one_document_holds_every_api_and_every_path_ends_in_a_slash(schema):
    paths = set(schema["paths"])
    assert any(path.startswith("/api/content/booking/") for path in paths)
    assert any(path == "/api/content/articles/" for path in paths)
    assert [path for path in paths if not path.endswith("/")] == []


def test_every_error_of_every_operation_is_a_problem(schema):
    for path, method, operation in _operations(schema):
        for status, response in operation["responses"].items():
            if int(status) < 400:
                continue
            content = response.get("content", {})
            assert set(content) == {PROBLEM_JSON}, (path, method, status)
            problem = _resolve(schema, content[PROBLEM_JSON]["schema"])
            assert {"type", "title", "status", "detail"} <= set(problem["properties"]), (
                path,
                method,
                status,
            )


def test_every_listing_has_the_one_envelope(schema):
    listings = 0
    for path, method, operation in _operations(schema):
        ok = operation["responses"].get("200", {}).get("content", {}).get("application/json")
        if not ok:
            continue
        body = _resolve(schema, ok["schema"])
        assert body.get("type") != "array", f"{method} {path} answers a bare array"
        if "items" in body.get("properties", {}):
            listings += 1
            assert {"count", "limit", "offset", "items"} <= set(body["required"]), path
            names = {p["name"] for p in operation.get("parameters", [])}
            assert {"limit", "offset"} <= names, path
    assert listings >= 8


def test_booking_listing_uses_the_envelope(client, demo_site):
    body = client.get("/api/content/booking/services/", {"limit": 1}).json()
    assert body["count"] >= 2 and body["limit"] == 1 and body["offset"] == 0
    assert len(body["items"]) == 1 and body["items"][0]["variants"]
    rest = client.get("/api/content/booking/services/", {"offset": 1, "limit": 50}).json()
    assert len(rest["items"]) == body["count"] - 1


def test_booking_answers_are_never_cacheable_and_reads_are(client, demo_site):
    booking = client.get("/api/content/booking/services/")
    assert "no-store" in booking["Cache-Control"] and "ETag" not in booking
    availability = client.get("/api/content/booking/availability/", {"service": "nope"})
    assert "no-store" in availability["Cache-Control"]
    assert availability["Content-Type"] == PROBLEM_JSON
    content = client.get("/api/content/articles/")
    assert content["Cache-Control"].startswith("public") and content["ETag"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/api/content/booking/services", "/api/content/booking/services/"),
        (
            "/api/content/booking/availability?service=x",
            "/api/content/booking/availability/?service=x",
        ),
        ("/api/content/booking/bookings/abc/cancel", "/api/content/booking/bookings/abc/cancel/"),
        ("/api/content/booking/openapi.json", "/api/content/openapi.json"),
        ("/api/content/team/", "/api/content/profiles/"),
        ("/api/content/team/mara-swick/?expand=x", "/api/content/profiles/mara-swick/?expand=x"),
    ],
)
def test_old_paths_answer_308_to_the_new_ones(client, old, new):
    response = client.get(old)
    assert response.status_code == 308 and response["Location"] == new


def test_an_old_booking_post_is_repeated_at_the_new_place_with_its_body(client):
    response = client.post(
        "/api/content/booking/bookings", json.dumps({}), content_type="application/json"
    )
    assert response.status_code == 308
    assert response["Location"] == "/api/content/booking/bookings/"


def test_validation_problems_have_the_same_members_everywhere(client, demo_site):
    booking = client.get("/api/content/booking/availability/", {"days": "x", "service": "a"})
    content = client.get("/api/content/articles/", {"limit": "x"})
    for response in (booking, content):
        body = response.json()
        assert response.status_code == 422 and response["Content-Type"] == PROBLEM_JSON
        assert body["code"] == "invalid" and body["field"] and body["errors"]
        assert body["detail"].startswith(body["field"] + ": ")
