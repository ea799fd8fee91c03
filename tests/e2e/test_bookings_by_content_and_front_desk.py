"""Marketing sees what content earns; the front desk books a caller at the second location.

1. A visitor reads an article, follows its Book link and books; the "Bookings by content"
   report shows the view and the booking under that article.
2. A front-desk user books a caller at the sample second location (keyboard for the last
   steps) and finds the booking in the day view, at 1280 px.
"""

import datetime as dt
import importlib
import re

from django.apps import apps as django_apps
from playwright.sync_api import expect

from booking import conf
from booking.models import Booking
from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import DESKTOP
from tests.e2e.editorial_support import log_in

SECOND = "Bixby Knolls (sample)"


def give_front_desk_booking_permissions():
    """The booking app's data migration, flushed with the database after each live test."""
    migration = importlib.import_module("booking.migrations.0002_front_desk_staff_permissions")
    migration.grant(django_apps, None)


def test_a_booking_from_an_article_shows_in_bookings_by_content(
    page, editorial_site, artifacts_dir
):
    server = editorial_site
    page.set_viewport_size(DESKTOP)
    page.goto(server.url + "/conditions/back-spasm/")
    book = page.locator("aside.booking-card a.button").first
    assert "from=" in book.get_attribute("href")
    book.click()
    expect(page.get_by_role("heading", name="Where?")).to_be_visible()
    page.locator("#location-long-beach").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("60 minutes").check()
    page.get_by_role("button", name="Continue").click()
    page.locator(".booking-days a").nth(3).click()
    page.locator("ul.times a").first.click()
    page.get_by_label("Full name").fill("Robin Reader")
    page.get_by_label("Email").fill("robin@example.com")
    page.get_by_label("Phone").fill("(562) 555-0177")
    for question in page.locator(".field--radio fieldset").all():
        question.get_by_label("No").check()
    page.get_by_label("I accept the cancellation policy").check()
    page.get_by_role("button", name="Book now").click()
    expect(page.get_by_role("heading", name="You're booked")).to_be_visible()
    booking = Booking.objects.get()
    assert booking.source_page.slug == "back-spasm"

    page.context.clear_cookies()
    log_in(page, server, "seo")
    page.goto(server.url + "/admin/reports/bookings-by-content/")
    expect(page.get_by_role("heading", name="Bookings by content")).to_be_visible()
    row = page.locator("tr", has_text="Back Spasm")
    expect(row).to_have_count(1)
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    assert cells[3] == "1", cells  # one booking
    assert int(cells[2]) >= 1 and cells[4].endswith("%"), cells  # the view was counted
    expect(page.locator("figure.attribution-chart svg")).to_be_visible()
    expect(page.get_by_text("views that a CDN or a browser cache answers")).to_be_visible()
    page.screenshot(path=artifacts_dir / "bookings-by-content-1280.png", full_page=True)


def next_open_day():
    """A day the second location is open (it closes on Sundays), from tomorrow."""
    day = dt.datetime.now(conf.tz()).date() + dt.timedelta(days=1)
    return day if day.weekday() != 6 else day + dt.timedelta(days=1)


def test_the_front_desk_books_a_caller_at_the_second_location(page, editorial_site, artifacts_dir):
    give_front_desk_booking_permissions()
    server = editorial_site
    page.set_viewport_size(DESKTOP)
    log_in(page, server, "frontdesk")
    page.goto(server.url + "/admin/booking/bookings/phone/")
    expect(page.get_by_role("heading", name="Book by phone")).to_be_visible()
    page.get_by_label("Location").select_option(label=SECOND)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Treatment").select_option(index=0)
    page.get_by_label("Day").fill(next_open_day().isoformat())
    page.get_by_role("button", name="Show free times").click()
    expect(page.get_by_role("heading", name="3. Time and caller")).to_be_visible()
    assert_accessible(page)

    # The caller's part by keyboard: tab into the fields, type, space to tick, Enter to book.
    page.locator("input[name=start]").first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.name") == "start":
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "name"
    page.keyboard.type("Casey Caller")
    page.keyboard.press("Tab")
    page.keyboard.type("(562) 555-0188")
    page.keyboard.press("Tab")
    page.keyboard.type("casey@example.com")
    page.get_by_label("I read the cancellation policy to the caller").focus()
    page.keyboard.press("Space")
    page.screenshot(path=artifacts_dir / "front-desk-phone-1280.png", full_page=True)
    page.get_by_role("button", name="Book for the caller").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Day view")).to_be_visible()
    booking = Booking.objects.get()
    assert booking.location.title == SECOND and booking.customer_name == "Casey Caller"
    assert not hasattr(booking, "health_screen")  # not asked on the phone: nothing stored
    expect(page.get_by_text(re.compile(rf"Booked {booking.reference}"))).to_be_visible()
    link = page.get_by_role("link", name=booking.reference)
    expect(link).to_be_visible()
    expect(
        page.get_by_role("heading", name=re.compile(SECOND.replace("(", r"\(").replace(")", r"\)")))
    ).to_be_visible()
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= DESKTOP["width"], width  # the day fits 1280 px
    page.screenshot(path=artifacts_dir / "front-desk-day-1280.png", full_page=True)
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Casey Caller").first).to_be_visible()
