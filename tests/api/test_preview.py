"""Headless preview: the admin's preview points at the front end with a short-lived signed token."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from articles.models import ConditionArticlePage
from author_profiles.models import ProfileIndexPage

pytestmark = pytest.mark.django_db

FRONT_END = "https://front.example.com/api/preview"


@pytest.fixture
def headless(settings):
    settings.HEADLESS_PREVIEW_URL = FRONT_END
    return settings


def token_from(response):
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == FRONT_END
    query = parse_qs(location.query)
    return query["token"][0], query["type"][0]


def test_preview_of_unsaved_changes_in_the_detail_shape(api, headless, demo_site):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    article.title = "Edited, not saved"
    token, page_type = token_from(article.make_preview_request())
    assert page_type == "condition_article"
    response = api("/preview/", params={"token": token})
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Edited, not saved"
    assert set(body) == set(api("/articles/back-spasm/").json())
    assert "no-store" in response["Cache-Control"] and "ETag" not in response
    assert ConditionArticlePage.objects.get(slug="back-spasm").title == "Back Spasm"


def test_preview_of_a_draft_page(api, headless, demo_site, hidden_pages):
    draft = hidden_pages["draft"]
    token, _ = token_from(draft.make_preview_request())
    body = api("/preview/", params={"token": token}).json()
    assert body["slug"] == "draft-article" and body["author"]["title"] == "Mara Swick"
    assert api("/articles/draft-article/").status_code == 404  # still hidden from everyone else


def test_expired_token_is_401(api, headless, demo_site, monkeypatch):
    import time

    article = ConditionArticlePage.objects.get(slug="back-spasm")
    issued = time.time() - headless.HEADLESS_PREVIEW_TOKEN_MAX_AGE - 5
    monkeypatch.setattr(signing.time, "time", lambda: issued)
    token, _ = token_from(article.make_preview_request())
    monkeypatch.undo()
    response = api("/preview/", params={"token": token})
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_tampered_token_is_403(api, headless, demo_site):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    token, _ = token_from(article.make_preview_request())
    payload, _, signature = token.rpartition(":")
    forged = signing.dumps({"key": "someone-elses"}, salt="other")
    for bad in (f"{payload}:{signature[::-1]}", forged, "garbage"):
        assert api("/preview/", params={"token": bad}).status_code == 403


def test_admin_preview_redirects_to_the_front_end(client, headless, demo_site):
    client.force_login(get_user_model().objects.create_superuser("ed", "ed@example.com", "pw"))
    team = ProfileIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[team.pk])
    data = nested_form_data(
        {"title": "Our people (draft)", "slug": team.slug, "intro": rich_text("<p>Hello</p>")}
    )
    assert client.post(url, data).json()["is_valid"] is True
    token, page_type = token_from(client.get(url))
    assert page_type == "profile_index"
    client.logout()
    body = client.get("/api/content/preview/", {"token": token}).json()
    assert body["title"] == "Our people (draft)" and "Hello" in body["intro"]


def test_without_the_setting_wagtail_preview_stays(client, settings, demo_site):
    settings.HEADLESS_PREVIEW_URL = ""
    response = ConditionArticlePage.objects.get(slug="back-spasm").make_preview_request()
    assert response.status_code == 200
    assert b"Back Spasm" in response.content
