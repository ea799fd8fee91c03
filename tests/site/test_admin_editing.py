"""Every page type and the Service snippet open in the Wagtail editor and save through it."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from articles.models import ConditionArticlePage
from services.models import Service


@pytest.fixture
def admin_client(client, demo_site, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.com", "pw")
    client.force_login(user)
    return client


def test_every_demo_page_opens_in_the_editor(admin_client):
    pages = Page.objects.filter(depth__gt=1).specific()
    assert len({type(p) for p in pages}) == 9
    for page in pages:
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page


def test_service_snippet_opens_and_lists_sample_data(admin_client):
    service = Service.objects.get(slug="deep-tissue-massage")
    listing = admin_client.get(reverse("wagtailsnippets_services_service:list"))
    assert listing.status_code == 200
    assert "Deep tissue massage" in listing.content.decode()
    edit = admin_client.get(reverse("wagtailsnippets_services_service:edit", args=[service.pk]))
    assert edit.status_code == 200
    assert "Sample data" in edit.content.decode()


def test_article_saves_a_draft_through_the_editor(admin_client):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    article = ConditionArticlePage.objects.get(slug="back-spasm")
    data = nested_form_data(
        {
            "title": "Back Spasm (edited)",
            "slug": "back-spasm",
            "condition_name": "Back spasm",
            "summary": "Short summary.",
            "body": streamfield(
                [("section", {"heading": "New heading", "body": '{"blocks":[],"entityMap":{}}'})]
            ),
            "recommended_techniques-TOTAL_FORMS": 0,
            "recommended_techniques-INITIAL_FORMS": 0,
            "related_services-TOTAL_FORMS": 0,
            "related_services-INITIAL_FORMS": 0,
            "tags": "back pain",
        }
    )
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.get_latest_revision_as_object().title == "Back Spasm (edited)"
    assert article.title == "Back Spasm"  # a draft does not change the live page
