"""The visitor's journey on a phone: search, read, open the FAQ, follow a technique and its
therapist, and reach the booking start with the service preselected."""

import time
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE


def test_visitor_searches_reads_and_reaches_booking(page, demo_live_server, artifacts_dir):
    started = time.monotonic()
    page.set_viewport_size(PHONE)
    page.goto(demo_live_server.url + "/")
    # On a phone the header keeps a search link (the box is on the search page).
    page.locator(".site-header").get_by_role("link", name="Search").click()
    search = page.get_by_role(
        "searchbox", name="Search articles, techniques, our team and services"
    )
    search.fill("back spasm")
    search.press("Enter")
    expect(page).to_have_url(demo_live_server.url + "/search/?q=back+spasm")
    page.get_by_role("link", name="Back Spasm", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Back Spasm")
    # Nobody has reviewed the demo: the page says so rather than claim a review.
    expect(page.get_by_text("This article has not been medically reviewed yet.")).to_be_visible()
    doctor = page.get_by_role("heading", name="When To See A Doctor for Muscle Spams?")
    expect(doctor).to_be_visible()

    page.goto(demo_live_server.url + "/conditions/massage-for-muscle-spasms/")
    faq = page.locator("details.faq").first
    faq.locator("summary").click()
    expect(faq).to_have_attribute("open", "")
    expect(faq.locator(".prose")).to_be_visible()

    page.goto(demo_live_server.url + "/conditions/back-spasm/")
    page.locator("#recommended-techniques").scroll_into_view_if_needed()
    page.locator("section[aria-labelledby=recommended-techniques]").get_by_role(
        "link", name="Trigger Point Therapy", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trigger Point Therapy")
    page.locator(".people").get_by_role("link", name="Mara Swick").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mara Swick")
    page.locator("#service-trigger-point-therapy").get_by_role("link").click()
    query = parse_qs(urlparse(page.url).query)
    assert urlparse(page.url).path == "/book/"
    assert query["service"] == ["trigger-point-therapy"]
    assert query["therapist"] == ["mara-swick"]
    print(f"\nvisitor journey: {time.monotonic() - started:.1f} s")
