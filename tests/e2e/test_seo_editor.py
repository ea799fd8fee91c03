"""The SEO toolkit in a real browser: live character counts in the editor, and the custom
health-content rules of Wagtail's content checker (axe) flagging what they should."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

from articles.models import ConditionArticlePage


@pytest.fixture
def logged_in_page(page, demo_live_server):
    user = get_user_model().objects.create_superuser("seo", "seo@example.com", "pw")
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": demo_live_server.url,
            }
        ]
    )
    return page


def checker_issue_names(page):
    """Open the userbar's content checker and return the names of the issues it lists."""
    count = page.locator("wagtail-userbar [data-content-checker-count]").first
    expect(count).to_have_text(re.compile(r"\d+"), timeout=15_000)
    page.locator("wagtail-userbar #wagtail-userbar-trigger").click()
    page.locator("wagtail-userbar #checker-trigger").click()
    names = page.locator("wagtail-userbar [data-content-checker-row] [data-content-checker-name]")
    expect(names.first).to_be_visible()
    return names.all_inner_texts()


def test_checker_flags_health_claims_but_not_a_present_doctor_callout(
    logged_in_page, demo_live_server
):
    logged_in_page.goto(demo_live_server.url + "/conditions/back-spasm/")
    names = checker_issue_names(logged_in_page)
    assert "Health claim" in names  # “…an effective treatment for muscle spasm relief.”
    assert "No “When to see a doctor” block" not in names
    assert "No medical disclaimer" not in names


def test_checker_flags_an_article_without_a_doctor_callout(logged_in_page, demo_live_server):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    article.body = [
        ("section", {"heading": "", "body": "<p>Massage is guaranteed to cure every spasm.</p>"})
    ]
    article.save_revision().publish()
    logged_in_page.goto(demo_live_server.url + "/conditions/back-spasm/")
    names = checker_issue_names(logged_in_page)
    assert "No “When to see a doctor” block" in names
    assert names.count("Health claim") >= 1


def test_editor_counts_characters_of_the_seo_title_and_description(
    logged_in_page, demo_live_server, artifacts_dir
):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    page = logged_in_page
    page.goto(f"{demo_live_server.url}/admin/pages/{article.pk}/edit/")
    page.get_by_role("tab", name="Promote").click()
    title = page.locator("#id_seo_title")
    title_count = page.locator("#id_seo_title-seo-count")
    expect(title_count).to_have_text(re.compile(r"^0 characters: empty"))
    title.fill("Back spasm relief")
    expect(title_count).to_have_text("17 characters: short: aim for 30–60.")
    title.fill("Back spasm: causes, first aid and when massage helps you recover fast")
    expect(title_count).to_have_text(re.compile(r"^69 characters: too long"))
    description = page.locator("#id_search_description")
    description.fill("Why backs spasm, what to do in the first hour, and which massage helps.")
    expect(page.locator("#id_search_description-seo-count")).to_have_text(
        re.compile(r"^\d+ characters: good length")
    )
    page.screenshot(path=str(artifacts_dir / "seo-editor-counters.png"))
