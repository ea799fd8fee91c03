"""The public booking flow, as plain HTML forms (no JavaScript involved)."""

import re

import pytest
from django.urls import reverse

from booking import operations, tokens
from booking.forms import format_start
from booking.models import Booking, BookingEmail, HealthScreen

from .utils import HEALTH_MARKER, local, request_for

pytestmark = pytest.mark.django_db

TEN_AM = local(2026, 3, 3, 10)


def details_data(world, **overrides):
    """The details step's form filled in for ``world``'s service (``None`` leaves a field out)."""
    data = {
        "service": world.service.slug,
        "variant": world.short.pk,
        "therapist": world.ann.slug,
        "start": format_start(TEN_AM),
        "idempotency_key": "k" * 32,
        "name": "Pat Lee",
        "email": "pat@example.com",
        "phone": "(562) 555-0199",
        "pregnant": "no",
        "blood_clots": "no",
        "cancer_treatment": "no",
        "recent_surgery": "no",
        "health_notes": "",
        "accept_policy": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def details_post(world, client, path=None, **overrides):
    return client.post(path or reverse("booking:details"), details_data(world, **overrides))


def test_book_link_preselects_the_service_and_asks_for_the_length(world, client):
    response = client.get(reverse("booking:start"), {"service": world.service.slug})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Book an appointment</h1>" in html
    assert "How long?" in html
    assert "Deep tissue massage" in html
    assert 'name="variant"' in html and "90 minutes" in html


def test_therapist_step_offers_any_and_each_therapist(world, client):
    response = client.get(
        reverse("booking:start"), {"service": world.service.slug, "variant": world.short.pk}
    )
    html = response.content.decode()
    assert "Any available therapist" in html
    assert world.ann.title in html and world.ben.title in html


def test_therapist_from_the_link_goes_straight_to_times(world, client):
    response = client.get(
        reverse("booking:start"),
        {
            "service": world.service.slug,
            "variant": world.short.pk,
            "therapist": world.ann.slug,
            "date": "2026-03-03",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose a day and time" in html
    assert "PST" in html
    links = re.findall(r'href="(/book/details/\?[^"]+)"', html)
    assert len(links) == 29
    assert "start=2026-03-03T18%3A00%3A00Z" in links[4].replace("&amp;", "&")  # 10:00 PST


def test_unknown_service_is_a_404_with_the_service_list(world, client):
    response = client.get(reverse("booking:start"), {"service": "no-such-thing"})
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that service" in html
    assert 'value="deep-tissue-massage"' in html


def test_unknown_therapist_and_bad_date_are_400s(world, client):
    base = {"service": world.service.slug, "variant": world.short.pk}
    for date in ("9999-12-31", "0001-01-01", "2026-13-01"):
        response = client.get(reverse("booking:start"), base | {"therapist": "any", "date": date})
        assert response.status_code == 400, date
    assert client.get(reverse("booking:start"), base | {"therapist": "nobody"}).status_code == 400
    response = client.get(
        reverse("booking:start"), base | {"therapist": "any", "date": "2026-02-30"}
    )
    assert response.status_code == 400
    assert "Choose a date from the list." in response.content.decode()


def test_details_page_shows_the_choice_and_a_labelled_form(world, client):
    response = client.get(
        reverse("booking:details"),
        {
            "service": world.service.slug,
            "variant": world.short.pk,
            "therapist": world.ann.slug,
            "start": format_start(TEN_AM),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tuesday, March 3, 2026, 10:00 AM PST" in html
    for field in ("name", "email", "phone", "health_notes", "accept_policy"):
        assert f'for="id_{field}"' in html
    assert "Are you pregnant?" in html
    assert 'name="idempotency_key"' in html


def test_posting_the_form_books_and_redirects_to_the_confirmation(world, client):
    response = details_post(world, client)
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.starts_at == TEN_AM
    assert booking.therapist == world.ann
    assert booking.health_screen.flagged is False
    assert BookingEmail.objects.filter(booking=booking, kind="confirmation").exists()
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "You're booked" in html
    assert booking.reference in html
    assert "will call you" not in html


def test_a_yes_in_the_health_screen_flags_and_explains_but_does_not_block(world, client):
    response = details_post(world, client, blood_clots="yes", health_notes=HEALTH_MARKER)
    assert response.status_code == 302
    screen = HealthScreen.objects.get()
    assert screen.flagged and screen.blood_clots and screen.notes == HEALTH_MARKER
    html = client.get(response["Location"]).content.decode()
    assert "your therapist will call you" in html
    assert HEALTH_MARKER not in html


def test_any_therapist_is_assigned_at_submit(world, client):
    operations.create_booking(request_for(world, TEN_AM, world.ann))
    response = details_post(world, client, therapist="any", email="sam@example.com")
    assert response.status_code == 302
    assert Booking.objects.get(customer_email="sam@example.com").therapist == world.ben


@pytest.mark.parametrize(
    ("overrides", "status", "message"),
    [
        ({"start": format_start(local(2026, 3, 1, 10))}, 400, "in the past"),
        ({"start": format_start(local(2026, 3, 3, 20))}, 400, "outside working hours"),
        ({"start": format_start(local(2026, 3, 3, 10, 7))}, 400, "outside working hours"),
        ({"start": "tomorrow-ish"}, 400, "Choose one of the offered times"),
        ({"start": "0001-01-01T00:00:00+14:00"}, 400, "Choose one of the offered times"),
        ({"start": "9999-12-31T23:59:59Z"}, 400, "days ahead"),
        ({"name": "x" * 101}, 400, "at most 100 characters"),
        ({"email": "pat@"}, 400, "Enter an email address like"),
        ({"phone": "call me"}, 400, "at least 7 digits"),
        ({"accept_policy": None}, 400, "accept the cancellation policy"),
        ({"pregnant": None}, 400, "Answer yes or no."),
        ({"variant": "999999"}, 400, "Choose one of the lengths"),
        ({"service": "no-such-service"}, 404, "could not find that service"),
    ],
)
def test_bad_input_is_a_clear_error_and_stores_nothing(world, client, overrides, status, message):
    response = details_post(world, client, **overrides)
    assert response.status_code == status
    html = response.content.decode()
    assert message in html
    if status == 400 and "name" not in overrides:
        assert 'value="Pat Lee"' in html  # the visitor's data comes back
    assert Booking.objects.count() == 0
    assert HealthScreen.objects.count() == 0


def test_field_errors_are_tied_to_their_fields(world, client):
    html = details_post(world, client, email="nope").content.decode()
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'id="id_email_error"' in html
    assert 'href="#id_email"' in html


def test_slot_taken_rerenders_with_next_free_times_and_the_visitors_data(world, client):
    operations.create_booking(request_for(world, TEN_AM, world.ann, email="first@example.com"))
    response = details_post(world, client, name="Second Person")
    assert response.status_code == 409
    html = response.content.decode()
    assert "that time was just taken" in html
    assert 'value="Second Person"' in html
    assert "Choose another time" in html
    assert 'value="2026-03-03T19:15:00Z"' in html  # 11:15 PST, after 10:00-11:00 + buffer
    retry = details_post(world, client, name="Second Person", start="2026-03-03T19:15:00Z")
    assert retry.status_code == 302
    assert Booking.objects.count() == 2


def test_double_submit_with_the_same_key_returns_the_same_booking(world, client):
    first = details_post(world, client)
    second = details_post(world, client)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Booking.objects.count() == 1
    assert BookingEmail.objects.count() == 1


def test_the_same_key_for_a_different_request_is_refused(world, client):
    details_post(world, client)
    response = details_post(world, client, start=format_start(local(2026, 3, 3, 14)))
    assert response.status_code == 422
    assert Booking.objects.count() == 1


def test_confirmation_links_to_invite_and_manage_pages(world, client):
    location = details_post(world, client)["Location"]
    booking = Booking.objects.get()
    token = tokens.make_token(booking)
    assert location == reverse("booking:done", args=[token])
    invite = client.get(reverse("booking:invite", args=[token]))
    assert invite["Content-Type"] == "text/calendar"
    assert b"TZID=America/Los_Angeles" in invite.content
