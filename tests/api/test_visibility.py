"""Anonymous callers see live, public, unexpired pages only, whatever the route to them."""

import json

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

LISTINGS = [
    "/articles/",
    "/profiles/mara-swick/",
    "/topics/back-pain/",
    "/techniques/deep-tissue-massage/",
]


def all_text(api, path, **params):
    response = api(path, params=params)
    assert response.status_code == 200, (path, response.content)
    return json.dumps(response.json())


@pytest.mark.parametrize("path", LISTINGS)
def test_hidden_pages_never_listed_or_linked(api, hidden_pages, path):
    text = all_text(api, path, **({"expand": "author,reviewer"} if path == "/articles/" else {}))
    for slug in hidden_pages["hidden_slugs"]:
        assert slug not in text
    assert "Unpublished Draft Title" not in text


def test_listing_counts_only_public_articles(api, hidden_pages):
    assert api("/articles/").json()["count"] == 2
    assert api("/articles/", params={"author": "mara-swick"}).json()["count"] == 1


@pytest.mark.parametrize("slug", ["draft-article", "private-article", "expired-article"])
def test_hidden_pages_have_no_detail(api, hidden_pages, slug):
    assert api(f"/articles/{slug}/").status_code == 404
    assert api("/pages/by-path/", params={"path": f"/conditions/{slug}/"}).status_code == 404


def test_live_page_serves_published_content_not_the_draft(api, hidden_pages):
    assert api("/articles/back-spasm/").json()["title"] == "Back Spasm"


def test_logged_in_session_does_not_unlock_hidden_pages(client, api, hidden_pages):
    user = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    client.force_login(user)
    assert api("/articles/private-article/").status_code == 404
    assert api("/articles/draft-article/").status_code == 404


def test_links_to_a_hidden_page_are_dropped(api, hidden_pages):
    from articles.models import ConditionArticlePage
    from author_profiles.models import ProfilePage

    author = ProfilePage.objects.get(slug="mara-swick")
    author.unpublish()
    article = api("/articles/back-spasm/", params={"expand": "author"}).json()
    assert article["author"] is None
    assert "mara-swick" not in json.dumps(api("/articles/").json())
    assert ConditionArticlePage.objects.get(slug="back-spasm").author_id == author.pk


def test_v3_api_hides_expired_pages_from_anonymous_callers(client, hidden_pages):
    ids = {page["id"] for page in client.get("/api/v3/pages/", {"limit": 20}).json()["items"]}
    assert hidden_pages["expired"].pk not in ids
    assert hidden_pages["private"].pk not in ids and hidden_pages["draft"].pk not in ids
    assert client.get(f"/api/v3/pages/{hidden_pages['expired'].pk}/").status_code == 404
