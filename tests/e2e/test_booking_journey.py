"""A visitor books on a 375px phone from a book link, gets the invite, and cancels from the link."""

import time

from django.core import mail
from playwright.sync_api import expect

from booking.models import Booking
from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import PHONE


def test_visitor_books_deep_tissue_on_a_phone_and_cancels(page, demo_live_server, artifacts_dir):
    page.set_viewport_size(PHONE)
    started = time.monotonic()
    page.goto(demo_live_server.url + "/book/?service=deep-tissue-massage")

    expect(page.get_by_role("heading", level=1)).to_have_text("Book an appointment")
    expect(page.get_by_text("Deep tissue massage").first).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_role("heading", name="Where?")).to_be_visible()  # two demo locations
    page.locator("#location-long-beach").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("60 minutes").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Choose a day and time")).to_be_visible()
    assert_accessible(page)
    # A day a few days out, so the booking can still be cancelled online afterwards.
    page.locator(".booking-days a").nth(3).click()
    page.screenshot(path=artifacts_dir / "booking-times-phone.png", full_page=True)
    page.locator("ul.times a").first.click()

    expect(page.get_by_role("heading", name="Your details")).to_be_visible()
    page.get_by_label("Full name").fill("Jamie Rivera")
    page.get_by_label("Email").fill("jamie@example.com")
    page.get_by_label("Phone").fill("(562) 555-0142")
    for question in page.locator(".field--radio fieldset").all():
        question.get_by_label("No").check()
    page.get_by_label("I accept the cancellation policy").check()
    assert_accessible(page)
    page.get_by_role("button", name="Book now").click()

    expect(page.get_by_role("heading", name="You're booked")).to_be_visible()
    elapsed = time.monotonic() - started
    page.screenshot(path=artifacts_dir / "booking-done-phone.png", full_page=True)
    print(f"\n[booking journey] booked on a phone viewport in {elapsed:.1f} s")
    assert elapsed < 60

    booking = Booking.objects.get()
    assert booking.customer_name == "Jamie Rivera" and booking.is_confirmed
    assert booking.service.slug == "deep-tissue-massage"
    invite = mail.outbox[-1].attachments[0][1]
    assert "TZID=America/Los_Angeles" in str(invite) and "BEGIN:VTIMEZONE" in str(invite)

    page.get_by_role("link", name="Change or cancel this booking").click()
    expect(page.get_by_role("heading", name="Your booking", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Cancel this booking").click()
    # One stray tap cancels nothing: a confirmation page asks first (no JavaScript needed).
    expect(page.get_by_role("heading", name="Cancel your booking?")).to_be_visible()
    assert_accessible(page)
    booking.refresh_from_db()
    assert booking.is_confirmed
    for width, height in ((375, 812), (1280, 900)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(
            path=str(artifacts_dir / f"booking-cancel-confirm-{width}.png"), full_page=True
        )
    page.set_viewport_size({"width": 375, "height": 812})
    page.get_by_role("button", name="Yes, cancel it").click()
    expect(page.get_by_text("Your booking is cancelled")).to_be_visible()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
