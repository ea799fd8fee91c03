"""Anonymous API answers are kept whole per URL and content version: a repeat costs no
query, a publish shows at once, and signed-in, credentialed or preview requests are never
answered from (or stored in) the cache."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ConditionArticlePage
from tests.factories import ConditionArticlePageFactory

API = "/api/content"
ORIGIN = "https://front.example.com"


@pytest.fixture(autouse=True)
def api_cache_on(settings):
    settings.API_RESPONSE_CACHE_SECONDS = 3600


@pytest.fixture
def article(site_tree, client):
    article = ConditionArticlePageFactory(
        parent=site_tree["articles"], title="Back Spasm", slug="back-spasm"
    )
    client.get("/")
    return article


def get(client, path, **kwargs):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"{API}{path}", **kwargs)
    return response, len(ctx.captured_queries)


def test_repeat_request_is_answered_without_queries(client, article):
    first, _ = get(client, "/articles/?limit=5&offset=0")
    second, queries = get(client, "/articles/?offset=0&limit=5")  # same query, reordered
    assert queries == 0
    assert second.status_code == 200 and second.content == first.content
    for header in ("ETag", "Cache-Control", "Surrogate-Key", "Content-Type"):
        assert second[header] == first[header]


def test_conditional_get_and_head_from_the_cache(client, article):
    etag = get(client, "/articles/back-spasm/")[0]["ETag"]
    not_modified, queries = get(client, "/articles/back-spasm/", HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified["ETag"] == etag and queries == 0
    head = client.head(f"{API}/articles/back-spasm/")
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == etag


def test_publish_changes_the_cached_answer_at_once(
    client, article, django_capture_on_commit_callbacks
):
    before = get(client, "/articles/back-spasm/")[0]
    listing = get(client, "/articles/")[0]
    with django_capture_on_commit_callbacks(execute=True):  # the publish commits
        article.title = "Back Spasm: relief"
        article.save_revision().publish()
    after = get(client, "/articles/back-spasm/")[0]
    assert after.json()["title"] == "Back Spasm: relief" and after["ETag"] != before["ETag"]
    assert get(client, "/articles/")[0].json()["items"][0]["title"] == "Back Spasm: relief"
    assert get(client, "/articles/")[0]["ETag"] != listing["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert get(client, "/articles/back-spasm/")[0].status_code == 404


def test_cors_headers_follow_each_request_not_the_cached_one(client, article, settings):
    settings.API_CORS_ALLOWED_ORIGINS = [ORIGIN]
    get(client, "/articles/")
    allowed, queries = get(client, "/articles/", HTTP_ORIGIN=ORIGIN)
    assert queries == 0 and allowed["Access-Control-Allow-Origin"] == ORIGIN
    assert "Origin" in allowed["Vary"]
    refused = get(client, "/articles/", HTTP_ORIGIN="https://evil.example.com")[0]
    assert "Access-Control-Allow-Origin" not in refused


def _change_without_signals(article):
    """A change no signal reports: only an answer built afresh can show it."""
    ConditionArticlePage.objects.filter(pk=article.pk).update(title="Fresh title")


def test_signed_in_and_credentialed_requests_are_built_afresh(client, article, django_user_model):
    assert get(client, "/articles/back-spasm/")[0].json()["title"] == "Back Spasm"
    _change_without_signals(article)
    assert get(client, "/articles/back-spasm/")[0].json()["title"] == "Back Spasm"  # cached
    with_token = get(client, "/articles/back-spasm/", HTTP_AUTHORIZATION="Bearer x")[0]
    assert with_token.json()["title"] == "Fresh title"
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.com", "pw"))
    assert get(client, "/articles/back-spasm/")[0].json()["title"] == "Fresh title"


def test_signed_in_answers_are_not_stored_for_anonymous_callers(client, article, django_user_model):
    editor = django_user_model.objects.create_superuser("ed", "e@example.com", "pw")
    client.force_login(editor)
    get(client, "/articles/back-spasm/")
    client.logout()
    _change_without_signals(article)
    assert get(client, "/articles/back-spasm/")[0].json()["title"] == "Fresh title"


def test_preview_answers_are_never_stored(client, article, settings):
    settings.HEADLESS_PREVIEW_URL = "https://front.example.com/preview"
    article.title = "Edited, not saved"
    location = article.make_preview_request()["Location"]
    token = location.split("token=")[1].split("&")[0]
    first = get(client, f"/preview/?token={token}")[0]
    second, queries = get(client, f"/preview/?token={token}")
    assert first.json()["title"] == second.json()["title"] == "Edited, not saved"
    assert queries > 0
    assert "no-store" in second["Cache-Control"]
    assert get(client, "/articles/back-spasm/")[0].json()["title"] == "Back Spasm"


def test_errors_are_not_stored(client, article):
    assert get(client, "/articles/nope/")[0].status_code == 404
    ConditionArticlePageFactory(parent=article.get_parent(), title="Nope", slug="nope")
    assert get(client, "/articles/nope/")[0].status_code == 200
