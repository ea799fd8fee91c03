"""Journey 1: a marketing editor writes a condition article from scratch and submits it for review."""

from playwright.sync_api import expect

from articles.models import ArticleIndexPage
from tests.e2e.conftest import DESKTOP
from tests.e2e.editorial_support import (
    fill_rich_text,
    log_in,
    open_more_actions,
    public_status_and_text,
    timed,
)

BLOCKS = ["Text section", "Causes", "When to see a doctor", "FAQ"]


def choose_in_modal(page, query, result):
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("textbox", name="Search term").fill(query)
    dialog.get_by_role("link", name=result).click()
    expect(dialog).to_be_hidden()


def test_editor_creates_previews_and_submits_a_condition_article(
    admin_page, editorial_site, browser, artifacts_dir
):
    page = admin_page
    page.set_viewport_size(DESKTOP)
    index_id = ArticleIndexPage.objects.get().pk
    with timed("1. editor creates, previews and submits an article", artifacts_dir):
        log_in(page, editorial_site, "editor")
        page.goto(f"{editorial_site.url}/admin/pages/{index_id}/")
        page.get_by_role("link", name="Add child page").click()

        page.get_by_role("textbox", name="Title*", exact=True).fill("Calf Cramp")
        page.get_by_role("textbox", name="Condition name*").fill("Calf cramp")
        body = page.locator("[data-contentpath='body']").first
        for label in BLOCKS:
            body.get_by_role("button", name="Insert a block").last.click()
            page.get_by_role("option", name=label, exact=True).click()
        section = body.get_by_role("region", name="Text section")
        section.get_by_role("textbox", name="Heading").fill("What is a calf cramp?")
        fill_rich_text(page, "body-0-value-body", "A sudden, painful tightening of the calf.")
        body.get_by_role("region", name="Causes").get_by_role("textbox", name="Heading*").fill(
            "Why calves cramp"
        )
        body.get_by_role("region", name="When to see a doctor").get_by_role(
            "textbox", name="Threshold*"
        ).fill("If the cramp lasts more than an hour")
        body.get_by_role("region", name="FAQ").get_by_role("textbox", name="Question*").fill(
            "Can massage help a calf cramp?"
        )
        fill_rich_text(page, "body-3-value-items-0-value-answer", "Yes, gentle massage eases it.")

        page.get_by_role("tab", name="Relations").click()
        page.get_by_role("button", name="Choose a page (Profile)").click()
        choose_in_modal(page, "Mara", "Mara Swick")
        page.get_by_role("button", name="Add technique").click()
        page.get_by_role("button", name="Choose a page").last.click()
        choose_in_modal(page, "trigger", "Trigger Point Therapy")
        page.get_by_role("button", name="Add service").click()
        page.get_by_role("button", name="Choose service").click()
        choose_in_modal(page, "deep", "Deep tissue massage")
        page.locator("[data-contentpath='tags'] .tagit-new input").click()
        for tag in ("calf cramp", "leg pain"):
            page.keyboard.type(tag)
            page.keyboard.press("Enter")
        expect(page.locator("#id_tags")).to_have_value('"calf cramp","leg pain"')

        page.get_by_role("tab", name="Promote").click()
        page.get_by_role("textbox", name="Summary").fill("Why calves cramp and how massage helps.")

        page.get_by_role("button", name="Toggle preview").click()
        preview = page.frame_locator("#w-preview-iframe")
        expect(preview.get_by_role("heading", name="Calf Cramp", level=1)).to_be_visible(
            timeout=15_000
        )
        expect(preview.get_by_text("If the cramp lasts more than an hour")).to_be_visible()
        expect(preview.get_by_role("link", name="Mara Swick")).to_be_visible()
        page.screenshot(path=str(artifacts_dir / "editorial-1-preview.png"))

        open_more_actions(page)
        page.get_by_role("button", name="Submit to Medical review").click()
        expect(page.get_by_text("submitted for moderation")).to_be_visible()

        status, _ = public_status_and_text(browser, f"{editorial_site.url}/conditions/calf-cramp/")
        assert status == 404
