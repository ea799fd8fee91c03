"""Booking pages are personal: never cached anywhere, never indexed, kept out of robots.txt."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from booking import operations, tokens
from booking.forms import format_start

from .test_flow import TEN_AM, details_post
from .utils import local, request_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(world):
    booking, _ = operations.create_booking(request_for(world, local(2026, 3, 5, 10), world.ann))
    return tokens.make_token(booking)


def booking_pages(world, token):
    choice = f"service={world.service.slug}&variant={world.short.pk}&therapist={world.ann.slug}"
    return [
        ("get", reverse("booking:start"), 200),
        ("get", f"{reverse('booking:start')}?{choice}", 200),
        ("get", f"{reverse('booking:details')}?{choice}&start={format_start(TEN_AM)}", 200),
        ("get", reverse("booking:done", args=[token]), 200),
        ("get", reverse("booking:manage", args=[token]), 200),
        ("get", reverse("booking:cancel", args=[token]), 200),
        ("post", reverse("booking:cancel", args=[token]), 400),  # not confirmed
        ("get", reverse("booking:reschedule", args=[token]), 200),
        ("post", reverse("booking:reschedule", args=[token]), 400),
        ("get", reverse("booking:invite", args=[token]), 200),
    ]


def test_every_booking_page_is_private_and_noindex(world, token, client):
    for method, url, status in booking_pages(world, token):
        response = getattr(client, method)(url)
        assert response.status_code == status, url
        assert response["Cache-Control"] == "private, no-store", url
        assert response["X-Robots-Tag"] == "noindex, nofollow", url
        if response["Content-Type"].startswith("text/html"):
            soup = BeautifulSoup(response.content, "html.parser")
            robots = [meta["content"] for meta in soup.find_all("meta", attrs={"name": "robots"})]
            assert robots == ["noindex, nofollow"], (url, robots)


def test_a_posted_form_with_errors_is_private_too(world, client):
    response = details_post(world, client, name="")
    assert response.status_code == 400
    assert response["Cache-Control"] == "private, no-store"


def test_robots_txt_keeps_crawlers_out_of_booking(client, site_tree):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /book/" in lines


def test_content_pages_are_still_indexable_after_a_booking_page(world, token, client):
    client.get(reverse("booking:manage", args=[token]))
    soup = BeautifulSoup(client.get("/locations/long-beach/").content, "html.parser")
    assert soup.find("meta", attrs={"name": "robots"})["content"].startswith("index")
