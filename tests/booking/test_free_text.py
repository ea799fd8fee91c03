"""Customer text: control characters refused the same way on SQLite and PostgreSQL, one-line
fields refuse line breaks (form and API), and emails show the text as text."""

import json

import pytest
from django.core import mail

from booking import operations
from booking.models import Booking, HealthScreen

from .test_api import BASE, payload
from .test_api import post as api_post
from .test_flow import details_post
from .utils import local, request_for

pytestmark = pytest.mark.django_db

REFUSED_NAMES = [
    "Pat\x00Lee",
    "Pat\x1b[31mLee",
    "Pat\nLee",
    "Pat\r\nBcc: x@example.com",
    "Pat\u2028Lee",
]


@pytest.mark.parametrize("name", REFUSED_NAMES)
def test_form_refuses_control_characters_and_line_breaks_and_keeps_the_data(world, client, name):
    response = details_post(world, client, name=name, phone="(562) 555-0142")
    assert response.status_code == 400
    html = response.content.decode()
    assert "control character" in html or "one line" in html
    assert 'value="(562) 555-0142"' in html  # what the visitor typed comes back
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("phone", "(562) 555-0199\nBcc: x"), ("email", "pat@example.com\x01"), ("service", "x\x00")],
)
def test_form_refuses_other_one_line_fields(world, client, field, value):
    assert details_post(world, client, **{field: value}).status_code in (400, 404)
    assert not Booking.objects.exists()


def test_form_health_notes_may_have_lines_but_no_control_characters(world, client):
    assert details_post(world, client, health_notes="Left knee\x00").status_code == 400
    assert details_post(world, client, health_notes="Left knee.\r\nRight wrist.").status_code == 302
    assert HealthScreen.objects.get().notes == "Left knee.\r\nRight wrist."


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        *[({"name": name}, "name") for name in REFUSED_NAMES],
        ({"name": "Pat\ud800"}, "name"),  # a lone surrogate (a JSON escape): refused, never stored
        ({"phone": "5625550199\n"}, "phone"),
        ({"email": "pat@example.com\n"}, "email"),
        ({"service": "deep-tissue-massage\x00"}, "service"),
        ({"therapist": "ann-able\n"}, "therapist"),
    ],
)
def test_api_refuses_control_characters_and_line_breaks(client, world, overrides, field):
    response = api_post(client, payload(world, **overrides))
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["field"] == field
    assert not Booking.objects.exists()


def test_api_health_notes(client, world):
    body = payload(world)
    body["health"]["notes"] = "bad\x00"
    assert api_post(client, body).status_code == 422
    body["health"]["notes"] = "Line one.\nLine two."
    assert api_post(client, body).status_code == 201
    assert HealthScreen.objects.get().notes == "Line one.\nLine two."


def test_availability_service_with_nul_is_400_on_every_database(client, world):
    response = client.get(f"{BASE}/availability/", {"service": "deep-tissue-massage\x00"})
    assert response.status_code == 400
    assert "control character" in response.json()["detail"]


def test_emails_show_customer_text_as_text(world, django_capture_on_commit_callbacks):
    name = '<b>Pat</b> & "Co" <script>alert(1)</script>'
    with django_capture_on_commit_callbacks(execute=True):
        operations.create_booking(request_for(world, local(2026, 3, 3, 10), world.ann, name=name))
    message = mail.outbox[0]
    assert name not in message.subject and "Pat" not in message.subject
    assert f"Hello {name}," in message.body  # plain text shows it as typed
    html, _ = message.alternatives[0]
    assert "<b>Pat</b>" not in html and "<script>" not in html
    assert "Hello &lt;b&gt;Pat&lt;/b&gt; &amp; &quot;Co&quot; &lt;script&gt;" in html
    raw = message.message().as_string()
    assert "<script>" not in raw.split("\n\n", 1)[0]  # nothing of it in the headers


def test_an_old_record_with_a_line_break_is_greeted_on_one_line(
    world, django_capture_on_commit_callbacks
):
    booking, _ = operations.create_booking(request_for(world, local(2026, 3, 3, 10), world.ann))
    Booking.objects.filter(pk=booking.pk).update(customer_name="Pat\n\nYour refund: evil.example")
    booking.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        operations.cancel_booking(booking)
    body = mail.outbox[0].body
    assert "Hello Pat Your refund: evil.example," in body
    assert "\n\nYour refund" not in body


def test_json_escapes_reach_the_api_as_text(client, world):
    """The body is parsed as JSON, so an escaped NUL is the same NUL: refused."""
    raw = json.dumps(payload(world)).replace('"Pat Lee"', '"Pat\\u0000Lee"')
    response = client.post(f"{BASE}/bookings/", raw, content_type="application/json")
    assert response.status_code == 422 and not Booking.objects.exists()
