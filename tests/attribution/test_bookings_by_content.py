"""Attribution end to end: the Book link names its page, the booking records it (only a page
the visitor may see), the report shows views, bookings and conversion, and exports safely."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from attribution import counter
from booking.forms import format_start
from booking.models import Booking
from editorial.roles import ensure_roles
from tests.booking.utils import local

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

TEN_AM = local(2026, 3, 3, 10)


def book(client, world, source=None, start=TEN_AM, email="pat@example.com"):
    data = {
        "service": world.service.slug,
        "variant": world.short.pk,
        "therapist": world.ann.slug,
        "start": format_start(start),
        "idempotency_key": email[:20] + "k" * 12,
        "name": "Pat Lee",
        "email": email,
        "phone": "(562) 555-0199",
        "pregnant": "no",
        "blood_clots": "no",
        "cancer_treatment": "no",
        "recent_surgery": "no",
        "accept_policy": "on",
    }
    if source is not None:
        data["from"] = source
    response = client.post(reverse("booking:details"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Booking.objects.get(customer_email=email)


def test_book_links_on_a_page_carry_its_id(client, shop):
    html = client.get(shop.article.url).content.decode()
    links = re.findall(r'href="(/book/[^"]*)"', html)
    assert links and all(f"from={shop.article.pk}" in link for link in links)


def test_the_steps_pass_the_source_on(client, shop):
    world = shop.world
    response = client.get(
        reverse("booking:start"),
        {"service": world.service.slug, "from": shop.article.pk},
    )
    html = response.content.decode()
    assert f'<input type="hidden" name="from" value="{shop.article.pk}">' in html
    response = client.get(
        reverse("booking:start"),
        {
            "service": world.service.slug,
            "variant": world.short.pk,
            "therapist": world.ann.slug,
            "date": "2026-03-03",
            "from": shop.article.pk,
        },
    )
    details = re.findall(r'href="(/book/details/\?[^"]+)"', response.content.decode())
    assert details and all(f"from={shop.article.pk}" in link for link in details)
    page = client.get(details[0].replace("&amp;", "&")).content.decode()
    assert f'name="from" value="{shop.article.pk}"' in page


def test_a_booking_records_the_page_it_came_from(client, shop):
    assert book(client, shop.world, source=shop.article.pk).source_page_id == shop.article.pk


@pytest.mark.parametrize("bad", ["", "abc", "99999999", "1" * 40, "١٢", "-1", "3.0"])
def test_an_unknown_or_malformed_source_books_as_direct(client, shop, bad):
    assert book(client, shop.world, source=bad).source_page_id is None


def test_a_page_the_visitor_cannot_see_is_not_believed(client, shop):
    PageViewRestriction.objects.create(page=shop.article, restriction_type="password", password="x")
    assert book(client, shop.world, source=shop.article.pk).source_page_id is None
    shop.article.unpublish()
    second = book(client, shop.world, shop.article.pk, local(2026, 3, 3, 12), "b@example.com")
    assert second.source_page_id is None


def test_the_delivery_api_says_nothing_of_attribution(client, shop):
    schema = client.get("/api/content/booking/openapi.json").content.decode()
    assert "source_page" not in schema and "attribution" not in schema


@pytest.fixture
def editor(django_user_model):
    ensure_roles()
    user = django_user_model.objects.create_user("ed", "ed@example.com", "pw")
    user.groups.add(Group.objects.get(name="Marketing editors"))
    return user


def report(client, **params):
    return client.get(reverse("attribution:report"), params)


def test_the_report_shows_views_bookings_and_conversion(client, shop, editor):
    for _ in range(4):
        counter.count_view(shop.article.pk)
    book(client, shop.world, source=shop.article.pk)
    book(client, shop.world, start=local(2026, 3, 3, 12), email="direct@example.com")
    client.force_login(editor)
    response = report(client, period="week")
    assert response.status_code == 200
    html = response.content.decode()
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*Back Spasm(?:(?!</tr>).)*</tr>", html, re.S).group(0)
    cells = [re.sub(r"<[^>]+>|\s+", " ", c).strip() for c in re.findall(r"<td.*?</td>", row, re.S)]
    assert cells[2:] == ["4", "1", "25.00%"]
    assert "Direct (no page)" in html
    assert "<svg" in html and "4 views and 2 bookings" in html
    assert "CDN" in html  # says which views it cannot see


def test_the_report_sorts_and_exports_csv_without_formulas(client, shop, editor):
    shop.article.title = "=HYPERLINK(1)"
    shop.article.save_revision().publish()
    counter.count_view(shop.article.pk)
    book(client, shop.world, source=shop.article.pk)
    client.force_login(editor)
    assert report(client, period="month", ordering="views").status_code == 200
    today = timezone.localdate()
    csv = report(client, period="custom", starts=today, ends=today, export="csv")
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "Page,Type,Public URL,Views,Bookings,Conversion (%)" in text
    assert "'=HYPERLINK(1)" in text and ",1,1,100.0" in text
    xlsx = report(client, period="week", export="xlsx")
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]


def test_only_editors_and_the_seo_team_see_the_report(client, django_user_model):
    ensure_roles()
    for group, allowed in [
        ("Marketing editors", True),
        ("SEO team", True),
        ("Front-desk staff", False),
    ]:
        user = django_user_model.objects.create_user(group[:10], "x@example.com", "pw")
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        response = report(client)
        # Wagtail answers a denied admin page with a redirect to the dashboard.
        assert (response.status_code == 200) is allowed, (group, response.status_code)
        assert allowed or "Bookings by content" not in client.get("/admin/").content.decode()
        user.delete()
