"""Anonymous page caching: hits cost no query, publishing shows at once, CDN purges follow
the reference index (an author's change purges the articles that show the author)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from articles.models import ConditionArticlePage
from author_profiles.models import AuthorProfilePage
from services.models import Service
from tests.support import frontend_cache

pytestmark = pytest.mark.usefixtures("demo_site")


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600


def get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, len(ctx.captured_queries)


def test_second_anonymous_view_is_served_from_cache_without_queries(client):
    first, _ = get(client, "/conditions/back-spasm/")
    second, queries = get(client, "/conditions/back-spasm/")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert queries == 0
    assert second.content == first.content
    cache_control = second["Cache-Control"]
    assert "public" in cache_control and "s-maxage=600" in cache_control
    assert "stale-while-revalidate=60" in cache_control


def test_publish_shows_the_new_title_right_away(client, django_capture_on_commit_callbacks):
    client.get("/conditions/back-spasm/")
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    with django_capture_on_commit_callbacks(execute=True):  # the publish commits
        article.title = "Back Spasm: relief that works"
        article.save_revision().publish()
    response, _ = get(client, "/conditions/back-spasm/")
    assert response["X-Page-Cache"] == "miss"
    assert "Back Spasm: relief that works" in response.content.decode()


def test_author_change_shows_on_cached_article(client, django_capture_on_commit_callbacks):
    client.get("/conditions/back-spasm/")
    author = AuthorProfilePage.objects.get(slug="mara-swick")
    with django_capture_on_commit_callbacks(execute=True):
        author.title = "Mara Swick-Lee"
        author.save_revision().publish()
    assert "Mara Swick-Lee" in client.get("/conditions/back-spasm/").content.decode()


def test_logged_in_editors_are_never_served_cached_pages(client, django_user_model):
    client.get("/conditions/back-spasm/")
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.com", "pw"))
    response = client.get("/conditions/back-spasm/")
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_query_strings_and_search_are_cached_separately_or_not_at_all(client):
    client.get("/conditions/")
    assert client.get("/conditions/?page=2")["X-Page-Cache"] == "miss"
    assert "X-Page-Cache" not in client.get("/search/?q=back")


@override_settings(
    WAGTAILFRONTENDCACHE={"recording": {"BACKEND": "tests.support.frontend_cache.RecordingBackend"}}
)
def test_cdn_purge_follows_the_reference_index():
    frontend_cache.PURGED.clear()
    author = AuthorProfilePage.objects.get(slug="mara-swick")
    author.save_revision().publish()
    assert any(url.endswith("/conditions/back-spasm/") for url in frontend_cache.PURGED)
    assert any(url.endswith("/team/mara-swick/") for url in frontend_cache.PURGED)
    frontend_cache.PURGED.clear()
    Service.objects.get(slug="deep-tissue-massage").save()
    purged = set(frontend_cache.PURGED)
    assert any(url.endswith("/conditions/back-spasm/") for url in purged)
    assert any(url.endswith("/techniques/deep-tissue-massage/") for url in purged)
