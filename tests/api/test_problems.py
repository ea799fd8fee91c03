"""Every error the APIs send is an RFC 9457 problem (``application/problem+json``), whatever
its status or whoever produced it: the API code, ninja, Django's 404/405/500 or the body limit."""

import json

import pytest
from django.core.exceptions import RequestDataTooBig
from django.test import Client, RequestFactory

from booking import availability
from spa_site.api.problems import ProblemDetailsMiddleware

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

BOOKING = "/api/content/booking"
FIVE_MB = json.dumps({"name": "x" * (5 * 1024 * 1024)})


def assert_problem(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body["status"] == status
    assert body["title"] and body["type"] == "about:blank"
    assert isinstance(body["detail"], str) and body["detail"]
    return body


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/content/no-such-endpoint/", 404),
        ("get", "/api/content/articles/no-such-article/", 404),
        ("get", f"{BOOKING}/no-such-endpoint/", 404),
        ("get", f"{BOOKING}/bookings/not-a-token/", 404),
        ("get", "/api/v3/no-such-endpoint/", 404),
        ("get", "/api/no-such-api/", 404),
        ("post", "/api/content/articles/", 405),
        ("get", "/api/content/articles/?limit=abc", 422),
        ("get", "/api/content/articles/?colour=blue", 400),
        ("get", "/api/content/articles/?search=%00", 400),
        ("get", "/api/content/articles/back%00spasm/", 400),
        ("get", f"{BOOKING}/availability/?service=%00", 400),
        ("get", f"{BOOKING}/availability/?service=no-such-service", 404),
        ("get", f"{BOOKING}/availability/", 422),
    ],
)
def test_errors_are_problems(client, demo_site, method, path, status):
    assert_problem(getattr(client, method)(path), status)


def test_405_keeps_its_allow_header(client, demo_site):
    response = client.post("/api/content/articles/")
    assert_problem(response, 405)
    assert "GET" in response["Allow"]
    # A JSON write to a read-only booking endpoint is a 405 too.
    booking = client.post(f"{BOOKING}/services/", "{}", content_type="application/json")
    assert_problem(booking, 405)
    assert booking["Allow"] == "GET"


@pytest.mark.parametrize(
    "path", [f"{BOOKING}/bookings/", "/api/content/articles/", "/api/v3/pages/"]
)
def test_a_body_over_the_limit_is_413_before_it_is_read(client, demo_site, path):
    response = client.post(path, FIVE_MB, content_type="application/json")
    body = assert_problem(response, 413)
    assert "too large" in body["detail"]


def test_a_body_the_parser_finds_too_large_is_413():
    rf = RequestFactory()
    middleware = ProblemDetailsMiddleware(lambda request: None)
    response = middleware.process_exception(rf.post(f"{BOOKING}/bookings/"), RequestDataTooBig())
    assert_problem(response, 413)
    assert middleware.process_exception(rf.post("/book/details/"), RequestDataTooBig()) is None


def test_a_server_error_is_a_problem_without_the_exception_text(demo_site, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(availability, "compute", broken)
    client = Client(raise_request_exception=False)
    service = client.get(f"{BOOKING}/services/").json()["items"][0]["slug"]
    response = client.get(f"{BOOKING}/availability/", {"service": service})
    body = assert_problem(response, 500)
    assert "secret" not in response.content.decode()
    assert body["detail"].startswith("Something went wrong")


def test_booking_errors_keep_their_members(client, demo_site):
    body = assert_problem(client.get(f"{BOOKING}/availability/", {"service": "nope"}), 404)
    assert body["code"] == "unknown_service" and body["field"] == "service"


def test_html_errors_stay_html(client, demo_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def test_openapi_documents_problem_json_for_booking_errors(client):
    paths = client.get("/api/content/openapi.json").json()["paths"]
    responses = paths[f"{BOOKING}/bookings/"]["post"]["responses"]
    assert set(responses["409"]["content"]) == {"application/problem+json"}
    assert set(responses["201"]["content"]) == {"application/json"}
