"""Anonymous page caching: hits cost no query, publishing shows at once, CDN purges follow
the reference index (an author's change purges the articles that show the author)."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from articles.models import ConditionArticlePage
from author_profiles.models import ProfilePage
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
    author = ProfilePage.objects.get(slug="mara-swick")
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
    author = ProfilePage.objects.get(slug="mara-swick")
    author.save_revision().publish()
    assert any(url.endswith("/conditions/back-spasm/") for url in frontend_cache.PURGED)
    assert any(url.endswith("/team/mara-swick/") for url in frontend_cache.PURGED)
    frontend_cache.PURGED.clear()
    Service.objects.get(slug="deep-tissue-massage").save()
    purged = set(frontend_cache.PURGED)
    assert any(url.endswith("/conditions/back-spasm/") for url in purged)
    assert any(url.endswith("/techniques/deep-tissue-massage/") for url in purged)


# Hits are answered before the inner middleware and URL resolution run: what those added to
# the answer must come back from the cache, identical to the miss, under production's
# security settings (HSTS is only sent over HTTPS).
PRODUCTION_SECURITY = {
    "SECURE_HSTS_SECONDS": 31_536_000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SECURE_CONTENT_TYPE_NOSNIFF": True,
    "SECURE_REFERRER_POLICY": "strict-origin-when-cross-origin",
    "X_FRAME_OPTIONS": "DENY",
}
SHARED_HEADERS = [
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "Content-Type",
    "Content-Length",
]


@pytest.mark.parametrize("url", ["/conditions/back-spasm/", "/", "/sitemap.xml", "/robots.txt"])
def test_a_hit_carries_the_same_headers_as_the_miss(client, url):
    with override_settings(**PRODUCTION_SECURITY):
        miss = client.get(url, secure=True)
        hit = client.get(url, secure=True)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert miss["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "'nonce-" not in miss["Content-Security-Policy"]
    for name in SHARED_HEADERS:
        assert name in miss, name
    if not url.endswith((".xml", ".txt")):  # pages say how long browsers and CDNs may keep them
        assert "public" in miss["Cache-Control"] and "Vary" in miss
    miss_headers = {k: v for k, v in miss.items() if k != "X-Page-Cache"}
    hit_headers = {k: v for k, v in hit.items() if k != "X-Page-Cache"}
    assert hit_headers == miss_headers
    assert hit.content == miss.content


def test_a_hit_is_answered_before_url_resolution_and_the_inner_middleware(client):
    from django.urls.resolvers import URLResolver

    from spa_site.csp import SiteCSPMiddleware

    client.get("/conditions/back-spasm/")
    refuse = mock.Mock(side_effect=AssertionError("ran on a hit"))
    with (
        mock.patch.object(URLResolver, "resolve", refuse),
        mock.patch.object(SiteCSPMiddleware, "process_response", refuse),
    ):
        hit = client.get("/conditions/back-spasm/")
    assert hit["X-Page-Cache"] == "hit"
    assert not refuse.called


def test_a_url_this_process_has_not_served_is_looked_up_once_resolved(client, settings):
    """An answer another worker stored (shared cache) is served on this worker's first
    request for the URL, through the late lookup."""
    from spa_site.page_cache import AnonymousPageCacheMiddleware

    client.get("/conditions/back-spasm/")
    with mock.patch.object(AnonymousPageCacheMiddleware, "_remember"):
        client.handler.load_middleware()  # a fresh process: it knows no URL yet
        with CaptureQueriesContext(connection) as ctx:
            hit = client.get("/conditions/back-spasm/")
    assert hit["X-Page-Cache"] == "hit" and len(ctx.captured_queries) == 0


def test_signed_in_requests_and_other_methods_never_get_the_early_hit(client, django_user_model):
    client.get("/conditions/back-spasm/")
    assert client.head("/conditions/back-spasm/")["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in client.post("/conditions/back-spasm/")
    client.force_login(django_user_model.objects.create_user("ed", password="pw"))
    assert "X-Page-Cache" not in client.get("/conditions/back-spasm/")
