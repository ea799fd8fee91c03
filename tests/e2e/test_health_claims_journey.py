"""Journey: no review claim without a review.

With the development accounts ``make run`` creates, an editor writes an article promising a
"guaranteed cure" and submits it; the reviewer sees the finding, cannot approve until it is
resolved, and requests changes; the editor fixes it; the reviewer accepts what remains with a
note and approves. Only then do the page, its JSON-LD and the delivery API say "Medically
reviewed by Demo Reviewer on <date>".
"""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import expect

from articles.models import ArticleIndexPage, ConditionArticlePage
from editorial.models import MedicalReview
from spa_site.dev_accounts import DEV_PASSWORD
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.editorial_support import fill_rich_text, open_more_actions, review_date_text, timed

CLAIM = "Massage is a guaranteed cure for neck spasms."
FIXED = "Massage may ease neck spasms. It treats tight shoulders too."
NOTE = "Describes easing tight muscles, not treating a disease."
REQUEST = "Please do not promise a cure."
REVIEWER = "Demo Reviewer"


@pytest.fixture
def accounts_site(demo_live_server):
    """The demo site plus the development accounts, as `make run` makes them."""
    out = StringIO()
    with override_settings(DEBUG=True):
        call_command("create_demo_accounts", stdout=out)
    assert f"password “{DEV_PASSWORD}”" in out.getvalue()
    return demo_live_server


@pytest.fixture
def journey_page(page, accounts_site, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # see admin_page in conftest.py
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 600_000
    yield page
    page.goto("about:blank")


def log_in(page, server, username):
    page.context.clear_cookies()
    page.goto(f"{server.url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEV_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server.url}/admin/")


def open_review_action(page, action):
    panel = page.get_by_role("region", name="Awaiting your review")
    expect(panel.get_by_text("Neck Spasm")).to_be_visible()
    panel.get_by_role("button", name="Actions").click()
    page.get_by_role("button", name=action, exact=True).click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name=action)).to_be_visible()
    return dialog


def visitor(browser, url):
    """(status, page text, JSON-LD graph) for an anonymous visitor."""
    context = browser.new_context()
    try:
        tab = context.new_page()
        response = tab.goto(url)
        scripts = tab.locator('script[type="application/ld+json"]')
        graph = json.loads(scripts.first.text_content())["@graph"] if scripts.count() else []
        return response.status, tab.locator("body").inner_text(), graph
    finally:
        context.close()


def api(browser, url):
    context = browser.new_context()
    try:
        response = context.request.get(url)
        return response.status, response.json() if response.ok else None
    finally:
        context.close()


def unreviewed(browser, url, artifacts_dir):
    """A demo article nobody reviewed says so, on a phone and a desktop."""
    context = browser.new_context()
    try:
        tab = context.new_page()
        for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
            tab.set_viewport_size(size)
            tab.goto(url)
            expect(
                tab.get_by_text("This article has not been medically reviewed yet.")
            ).to_be_visible()
            expect(tab.get_by_text("Medically reviewed by")).to_have_count(0)
            tab.screenshot(path=str(artifacts_dir / f"health-claims-0-unreviewed-{name}.png"))
    finally:
        context.close()


def test_a_review_claim_only_after_the_reviewer_faced_the_claims(
    journey_page, accounts_site, browser, artifacts_dir
):
    page, server = journey_page, accounts_site
    unreviewed(browser, f"{server.url}/conditions/back-spasm/", artifacts_dir)
    page.set_viewport_size(DESKTOP)
    public_url = f"{server.url}/conditions/neck-spasm/"
    api_url = f"{server.url}/api/content/articles/neck-spasm/"
    with timed(
        "health claims: write, face the finding, request changes, fix, approve", artifacts_dir
    ):
        log_in(page, server, "editor")
        page.goto(f"{server.url}/admin/pages/{ArticleIndexPage.objects.get().pk}/")
        page.get_by_role("link", name="Add child page").click()
        page.get_by_role("textbox", name="Title*", exact=True).fill("Neck Spasm")
        page.get_by_role("textbox", name="Condition name*").fill("Neck spasm")
        body = page.locator("[data-contentpath='body']").first
        body.get_by_role("button", name="Insert a block").last.click()
        page.get_by_role("option", name="Text section", exact=True).click()
        body.get_by_role("region", name="Text section").get_by_role("textbox", name="Heading").fill(
            "Relief"
        )
        fill_rich_text(page, "body-0-value-body", CLAIM)
        page.get_by_role("tab", name="Review").click()
        expect(
            page.get_by_text("This version has not been medically reviewed yet.")
        ).to_be_visible()
        open_more_actions(page)
        page.get_by_role("button", name="Submit to Medical review").click()
        expect(page.get_by_text("submitted for moderation")).to_be_visible()
        article = ConditionArticlePage.objects.get(slug="neck-spasm")
        page.goto(f"{server.url}/admin/pages/{article.pk}/view_draft/")
        expect(
            page.get_by_text("This article has not been medically reviewed yet.")
        ).to_be_visible()
        assert visitor(browser, public_url)[0] == 404
        assert api(browser, api_url)[0] == 404

        # The reviewer faces the finding and cannot approve until it is resolved.
        log_in(page, server, "reviewer")
        dialog = open_review_action(page, "Approve")
        expect(dialog.get_by_text("1 sentence to resolve")).to_be_visible()
        expect(dialog.get_by_text(f"“{CLAIM}”")).to_be_visible()
        expect(dialog.get_by_text("“guaranteed”, “cure”", exact=False)).to_be_visible()
        expect(dialog.get_by_text(f"Medically reviewed by {REVIEWER} on")).to_be_visible()
        dialog.get_by_role("button", name="Approve").click()
        expect(
            dialog.get_by_text("Accept this finding with a note, or request changes.")
        ).to_be_visible()
        page.screenshot(path=str(artifacts_dir / "health-claims-1-approve-refused.png"))
        dialog.get_by_role("button", name="Close").click()
        assert not MedicalReview.objects.exists()
        assert visitor(browser, public_url)[0] == 404

        dialog = open_review_action(page, "Request changes")
        finding = dialog.get_by_role("checkbox", name=f"Change “{CLAIM}”")
        expect(finding).to_be_checked()
        dialog.get_by_role("textbox", name="Comment").fill(REQUEST)
        dialog.get_by_role("button", name="Request changes").click()
        expect(page.get_by_role("region", name="Awaiting your review")).to_have_count(0)

        # The editor sees what to change, fixes it and resubmits.
        log_in(page, server, "editor")
        page.goto(f"{server.url}/admin/pages/{article.pk}/edit/")
        expect(
            page.get_by_text(f"Changes requested by Rowan Reviewer: “{REQUEST}”")
        ).to_be_visible()
        expect(page.get_by_text(re.compile(r"asks: Change “guaranteed”, “cure”"))).to_be_visible()
        editor = page.locator("#body-0-value-body").locator("xpath=..")
        editor.locator(".public-DraftEditor-content").click()
        page.keyboard.press("Control+A")
        page.keyboard.type(FIXED)
        expect(page.locator("#body-0-value-body")).to_have_value(re.compile("tight shoulders"))
        open_more_actions(page)
        page.get_by_role("button", name="Resubmit to Medical review").click()
        expect(page.get_by_text("submitted for moderation")).to_be_visible()

        # The reviewer accepts what remains with a note, and approves.
        log_in(page, server, "reviewer")
        dialog = open_review_action(page, "Approve")
        expect(dialog.get_by_text("“treats”", exact=False)).to_be_visible()
        expect(dialog.get_by_text("guaranteed")).to_have_count(0)
        dialog.locator("textarea[name^=finding_]").fill(NOTE)
        page.screenshot(path=str(artifacts_dir / "health-claims-2-approve-with-note.png"))
        dialog.get_by_role("button", name="Approve").click()
        expect(page.get_by_role("region", name="Awaiting your review")).to_have_count(0)

    claim = f"Medically reviewed by {REVIEWER} on {review_date_text()}"
    status, text, graph = visitor(browser, public_url)
    assert status == 200 and claim in text and FIXED in text and "guaranteed" not in text
    webpage = next(node for node in graph if node["@type"] == "MedicalWebPage")
    person = next(node for node in graph if node["@id"] == webpage["reviewedBy"]["@id"])
    assert person["name"] == REVIEWER
    assert (
        webpage["lastReviewed"]
        == ConditionArticlePage.objects.get(pk=article.pk).last_reviewed.isoformat()
    )
    status, data = api(browser, api_url)
    assert status == 200
    assert data["reviewer"]["title"] == REVIEWER
    assert data["last_reviewed"] == webpage["lastReviewed"]

    # The resolution is kept with the approval and shown in the page history.
    page.goto(f"{server.url}/admin/pages/{article.pk}/history/")
    expect(page.get_by_text(NOTE, exact=False).first).to_be_visible()

    context = browser.new_context()
    try:
        tab = context.new_page()
        for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
            tab.set_viewport_size(size)
            tab.goto(public_url)
            expect(tab.get_by_text(claim)).to_be_visible()
            tab.screenshot(path=str(artifacts_dir / f"health-claims-3-reviewed-{name}.png"))
    finally:
        context.close()
