"""Journey 2: a reviewer requests changes with a comment, the editor fixes and resubmits, the
reviewer approves, and the article goes live stamped "Medically reviewed by … on …"."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles.models import ConditionArticlePage
from tests.e2e.conftest import DESKTOP
from tests.e2e.editorial_support import (
    REVIEWER_NAME,
    log_in,
    log_out,
    open_more_actions,
    public_status_and_text,
    review_date_text,
    timed,
)

COMMENT = "Please cite a source for the stretching advice."
SOURCE = "Mayo Clinic: Muscle cramp"


def review_action(page, action):
    panel = page.get_by_role("region", name="Awaiting your review")
    expect(panel.get_by_text("Back Spasm")).to_be_visible()
    panel.get_by_role("button", name="Actions").click()
    page.get_by_role("button", name=action, exact=True).click()


def test_reviewer_requests_changes_then_approves(
    admin_page, editorial_site, browser, artifacts_dir
):
    page = admin_page
    page.set_viewport_size(DESKTOP)
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    editor = get_user_model().objects.get(username="editor")
    article.save_revision(user=editor)
    article.get_workflow().start(article, editor)
    edit_url = f"{editorial_site.url}/admin/pages/{article.pk}/edit/"

    with timed("2. request changes, resubmit, approve, live with stamp", artifacts_dir):
        log_in(page, editorial_site, "reviewer")
        review_action(page, "Request changes")
        dialog = page.get_by_role("dialog")
        dialog.get_by_role("textbox", name="Comment").fill(COMMENT)
        dialog.get_by_role("button", name="Request changes").click()
        expect(page.get_by_role("region", name="Awaiting your review")).to_have_count(0)

        log_out(page)
        log_in(page, editorial_site, "editor")
        page.goto(edit_url)
        expect(page.get_by_text(f"Changes requested by Ada Reviewer: “{COMMENT}”")).to_be_visible()
        body = page.locator("[data-contentpath='body']").first
        body.get_by_role("button", name="Insert a block").last.click()
        page.get_by_role("option", name="Sources", exact=True).click()
        body.get_by_role("region", name="Sources").get_by_role("textbox", name="Title*").fill(
            SOURCE
        )
        open_more_actions(page)
        page.get_by_role("button", name="Resubmit to Medical review").click()
        expect(page.get_by_text("submitted for moderation")).to_be_visible()

        log_out(page)
        log_in(page, editorial_site, "reviewer")
        review_action(page, "Approve")
        # The seed text has claims the reviewer must face: accept each with a note.
        dialog = page.get_by_role("dialog")
        notes = dialog.locator("textarea[name^=finding_]")
        expect(notes.first).to_be_visible()
        for index in range(notes.count()):
            notes.nth(index).fill("Checked: the seed's wording, kept for the demo.")
        dialog.get_by_role("button", name="Approve").click()
        expect(page.get_by_role("region", name="Awaiting your review")).to_have_count(0)

        status, text = public_status_and_text(
            browser, f"{editorial_site.url}/conditions/back-spasm/"
        )
        assert status == 200
        assert f"Medically reviewed by {REVIEWER_NAME} on {review_date_text()}" in text
        assert SOURCE in text
