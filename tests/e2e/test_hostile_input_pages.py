"""What a visitor sees when input is refused or a booking changed meanwhile, at 375 and 1280 px:
a search without a word, a booking link used after the booking moved, a URL with NUL."""

import datetime as dt

from playwright.sync_api import expect

from booking import availability, operations, tokens
from services.models import Service
from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import DESKTOP, PHONE


def _booking():
    service = Service.objects.get(slug="deep-tissue-massage")
    variant = service.variants.first()
    therapist = availability.bookable_therapists(service)[0]
    first_day = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=3)
    result = availability.compute(
        service, variant.duration_minutes, first_day, first_day + dt.timedelta(days=7)
    )
    first, second = [moment for moment, _ in result.any_therapist()][:2]
    booking, _ = operations.create_booking(
        operations.BookingRequest(
            service=service,
            variant=variant,
            therapist=therapist,
            starts_at=first,
            name="Jamie Rivera",
            email="jamie@example.com",
            phone="(562) 555-0100",
            accept_policy=True,
        )
    )
    return booking, second


def _shoot(page, artifacts_dir, name):
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        page.screenshot(path=str(artifacts_dir / f"{name}-{size['width']}.png"), full_page=True)


def test_search_without_a_word(page, demo_live_server, artifacts_dir):
    page.goto(demo_live_server.url + "/search/?q=%22%2A%22")
    expect(page.get_by_role("heading", name="Search for a word")).to_be_visible()
    assert_accessible(page)
    _shoot(page, artifacts_dir, "search-no-words")


def test_a_change_after_the_booking_moved_in_another_tab(page, demo_live_server, artifacts_dir):
    booking, elsewhere = _booking()
    page.goto(f"{demo_live_server.url}/book/manage/{tokens.make_token(booking)}/reschedule/")
    page.locator("input[name=start]").first.check()
    operations.reschedule_booking(booking, elsewhere)  # the other tab wins
    page.get_by_role("button", name="Move my booking").click()
    expect(page.get_by_role("heading", name="Your booking has just changed")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("changed a moment ago")
    assert_accessible(page)
    _shoot(page, artifacts_dir, "booking-changed")


def test_an_address_with_a_control_character(page, demo_live_server, artifacts_dir):
    response = page.goto(demo_live_server.url + "/conditions/back%00spasm/")
    assert response.status == 400
    expect(page.get_by_role("heading", name="We could not read that request")).to_be_visible()
    _shoot(page, artifacts_dir, "bad-request")
