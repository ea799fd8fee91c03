"""The manage link: GET shows, only a CSRF-protected POST changes, cut-off on the server."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from booking import availability, operations, tokens
from booking.models import Booking, SlotClaim

from .utils import UTC, local, request_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(world):
    booking, _ = operations.create_booking(request_for(world, local(2026, 3, 5, 10), world.ann))
    return booking


def csrf_client_and_token(url):
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    return client, page.cookies["csrftoken"].value


def test_get_shows_the_booking_and_never_changes_it(booking, client):
    token = tokens.make_token(booking)
    for name in ("manage", "cancel", "reschedule", "invite"):
        response = client.get(reverse(f"booking:{name}", args=[token]))
        assert response.status_code == 200
    booking.refresh_from_db()
    assert booking.is_confirmed
    html = client.get(reverse("booking:manage", args=[token])).content.decode()
    assert booking.reference in html and "Cancel this booking" in html


def test_cancelling_asks_for_confirmation_first(booking, client):
    """The manage page links to a confirmation page; only its POST (confirm=yes) cancels."""
    token = tokens.make_token(booking)
    cancel_url = reverse("booking:cancel", args=[token])
    manage = BeautifulSoup(
        client.get(reverse("booking:manage", args=[token])).content, "html.parser"
    )
    assert not manage.find("form", action=cancel_url)  # no one-click cancel
    assert manage.find("a", href=cancel_url).get_text(strip=True) == "Cancel this booking"
    confirm = BeautifulSoup(client.get(cancel_url).content, "html.parser")
    assert confirm.h1.get_text(strip=True) == "Cancel your booking?"
    form = confirm.find("form", action=cancel_url)
    assert form["method"] == "post" and form.find("input", {"name": "confirm", "value": "yes"})
    assert confirm.find("a", href=reverse("booking:manage", args=[token]))  # keep it
    unconfirmed = client.post(cancel_url, {})
    assert unconfirmed.status_code == 400
    assert "Confirm that you want to cancel" in unconfirmed.content.decode()
    booking.refresh_from_db()
    assert booking.is_confirmed
    assert client.post(cancel_url, {"confirm": "yes"}).status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    again = client.post(cancel_url, {"confirm": "yes"})
    assert again.status_code == 409 and "already cancelled" in again.content.decode()


def test_cancel_needs_the_csrf_token(booking):
    token = tokens.make_token(booking)
    client, csrf = csrf_client_and_token(reverse("booking:cancel", args=[token]))
    confirm = {"confirm": "yes"}
    assert client.post(reverse("booking:cancel", args=[token]), confirm).status_code == 403
    booking.refresh_from_db()
    assert booking.is_confirmed
    response = client.post(
        reverse("booking:cancel", args=[token]), {"csrfmiddlewaretoken": csrf, **confirm}
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert "Your booking is cancelled" in client.get(response["Location"]).content.decode()


def test_cancel_frees_the_slot(world, booking):
    start = booking.starts_at
    assert not availability.is_bookable(world.service, 60, world.ann.pk, start)
    operations.cancel_booking(booking)
    assert SlotClaim.objects.count() == 0
    assert availability.is_bookable(world.service, 60, world.ann.pk, start)
    again, created = operations.create_booking(
        request_for(world, start, world.ann, email="next@example.com")
    )
    assert created and again.is_confirmed


def test_cutoff_is_enforced_on_the_server(booking, client, frozen_now, settings):
    settings.BOOKING_CANCELLATION_CUTOFF_HOURS = 24
    frozen_now(local(2026, 3, 4, 11))  # 23 hours before 10:00 on the 5th
    token = tokens.make_token(booking)
    html = client.get(reverse("booking:manage", args=[token])).content.decode()
    assert "Cancel this booking" not in html and "please call" in html
    response = client.post(reverse("booking:cancel", args=[token]), {"confirm": "yes"})
    assert response.status_code == 409
    moved = client.post(
        reverse("booking:reschedule", args=[token]), {"start": "2026-03-06T18:00:00Z"}
    )
    assert moved.status_code == 409
    booking.refresh_from_db()
    assert booking.is_confirmed and booking.starts_at == local(2026, 3, 5, 10)
    # Staff may still act on the customer's behalf (same guard, no cut-off).
    assert operations.cancel_booking(booking, actor=Booking.Actor.STAFF).status == "cancelled"


def test_reschedule_by_post_moves_and_invalidates_the_old_link(booking, client):
    old_token = tokens.make_token(booking)
    page = client.get(reverse("booking:reschedule", args=[old_token]), {"date": "2026-03-06"})
    assert page.status_code == 200
    assert 'value="2026-03-06T14:00:00-08:00"' in page.content.decode()
    response = client.post(
        reverse("booking:reschedule", args=[old_token]), {"start": "2026-03-06T14:00:00-08:00"}
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.starts_at == local(2026, 3, 6, 14).astimezone(UTC)
    assert booking.sequence == 1
    assert client.get(reverse("booking:manage", args=[old_token])).status_code == 404
    assert client.get(response["Location"]).status_code == 200


def test_reschedule_into_a_taken_slot_is_409_and_changes_nothing(world, booking, client):
    operations.create_booking(
        request_for(world, local(2026, 3, 6, 14), world.ann, email="o@example.com")
    )
    response = client.post(
        reverse("booking:reschedule", args=[tokens.make_token(booking)]),
        {"start": "2026-03-06T22:00:00Z"},
    )
    assert response.status_code == 409
    booking.refresh_from_db()
    assert booking.starts_at == local(2026, 3, 5, 10)


def test_forged_or_garbled_tokens_are_404(booking, client):
    good = tokens.make_token(booking)
    assert tokens.make_token(Booking.objects.get(pk=booking.pk)) == good  # stable link
    for token in (good[:-2] + "xx", "nonsense", "a:b:c"):
        assert client.get(reverse("booking:manage", args=[token])).status_code == 404
        assert client.post(reverse("booking:cancel", args=[token])).status_code == 404
