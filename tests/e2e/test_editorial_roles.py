"""Journey 3: the SEO team may publish search settings but not a body change; front-desk staff
cannot open page editing at all."""

from playwright.sync_api import expect

from articles.models import ConditionArticlePage
from tests.e2e.conftest import DESKTOP
from tests.e2e.editorial_support import (
    log_in,
    log_out,
    open_more_actions,
    public_status_and_text,
    timed,
)

TITLE_TAG = "Back spasm: causes, relief and when to see a doctor"
NEW_INTRO = "Back spasms are cured in one session."


def publish(page):
    open_more_actions(page)
    page.get_by_role("button", name="Publish").click()


def test_seo_cannot_publish_a_body_change_and_front_desk_cannot_edit_pages(
    admin_page, editorial_site, browser, artifacts_dir
):
    page = admin_page
    page.set_viewport_size(DESKTOP)
    article_id = ConditionArticlePage.objects.get(slug="back-spasm").pk
    edit_url = f"{editorial_site.url}/admin/pages/{article_id}/edit/"
    public_url = f"{editorial_site.url}/conditions/back-spasm/"

    with timed(
        "3. SEO publishes a title tag, not a body change; front desk locked out", artifacts_dir
    ):
        log_in(page, editorial_site, "seo")
        page.goto(edit_url)
        page.get_by_role("tab", name="Promote").click()
        page.get_by_role("textbox", name="Title tag").fill(TITLE_TAG)
        publish(page)
        expect(page.get_by_text("has been published")).to_be_visible()

        page.goto(edit_url)
        body = page.locator("[data-contentpath='body']").first
        body.get_by_role("region", name="Text section").first.get_by_role(
            "textbox", name="Heading"
        ).fill(NEW_INTRO)
        publish(page)
        expect(page.get_by_text("no medical reviewer has approved yet")).to_be_visible()
        page.screenshot(path=str(artifacts_dir / "editorial-3-seo-refused.png"))

        status, text = public_status_and_text(browser, public_url)
        assert status == 200
        assert NEW_INTRO not in text

        log_out(page)
        log_in(page, editorial_site, "frontdesk")
        sidebar = page.get_by_role("navigation", name="Main menu")
        expect(sidebar.get_by_role("button", name="Pages")).to_have_count(0)
        page.goto(edit_url)
        expect(
            page.get_by_text("Sorry, you do not have permission to access this area.")
        ).to_be_visible()
        expect(page.get_by_role("textbox", name="Title*", exact=True)).to_have_count(0)

    context = browser.new_context()
    visitor = context.new_page()
    visitor.goto(public_url)
    expect(visitor).to_have_title(TITLE_TAG)  # an SEO title is the whole <title> (SEO rule)
    context.close()
