"""A first real-browser journey on the demo site."""

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE


def test_visitor_reads_the_back_spasm_article_and_opens_the_faq(page, demo_live_server):
    page.set_viewport_size(PHONE)
    page.goto(demo_live_server.url + "/")
    page.get_by_role("link", name="Conditions").first.click()
    page.get_by_role("link", name="Massage For Muscle Spasms").click()
    question = page.locator("details.faq summary").first
    answer = page.locator("details.faq").first
    expect(answer).not_to_have_attribute("open", "")
    question.click()
    expect(answer).to_have_attribute("open", "")
    expect(page.get_by_role("heading", name="When to See a Doctor")).to_be_visible()
