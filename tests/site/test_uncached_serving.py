"""Serving pages with the anonymous page cache off: nothing inside a page is cached between
requests (no route, privacy, fragment or relation caches), so every change, even one no
signal reports, is what the next request shows; nothing private, expired or previewed leaks."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from articles.models import ConditionArticlePage
from tests.factories import ConditionArticlePageFactory


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def article(site_tree, client):
    article = ConditionArticlePageFactory(
        parent=site_tree["articles"], title="Back Spasm", slug="back-spasm", subtitle="Old line"
    )
    client.get("/")  # the first request ever creates the site settings row
    return article


def get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, len(ctx.captured_queries)


def test_a_view_reads_the_content_version_once(
    client, article, settings, django_capture_on_commit_callbacks
):
    """With the page cache on, one request reads the shared version once (one round trip
    on Redis), and a publish is seen by the next request."""
    from django.core.cache import cache

    from spa_site import content_version

    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    reads = []
    real_get, real_get_many = cache.get, cache.get_many

    def get(key, *args, **kwargs):
        reads.append(key)
        return real_get(key, *args, **kwargs)

    def get_many(keys, *args, **kwargs):
        reads.extend(keys)
        return real_get_many(keys, *args, **kwargs)

    client.get("/conditions/back-spasm/")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache, "get", get)
        patch.setattr(cache, "get_many", get_many)
        assert client.get("/conditions/back-spasm/")["X-Page-Cache"] == "hit"
    assert reads.count(content_version.KEY) == 1
    before = content_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
        assert content_version.current() == before  # not before the commit
    assert content_version.current() > before


def test_publish_shows_at_once(client, article):
    client.get("/conditions/back-spasm/")
    article.subtitle = "New line"
    article.save_revision().publish()
    html = client.get("/conditions/back-spasm/").content.decode()
    assert "New line" in html and "Old line" not in html


def test_unpublish_and_move_take_effect_at_once(client, article, site_tree):
    assert client.get("/conditions/back-spasm/").status_code == 200
    article.move(site_tree["techniques"], pos="last-child")
    old = client.get("/conditions/back-spasm/")  # Wagtail made a redirect on the move
    assert old.status_code == 301 and old["Location"] == "/techniques/back-spasm/"
    assert client.get("/techniques/back-spasm/").status_code == 200
    ConditionArticlePage.objects.get(pk=article.pk).unpublish()
    assert client.get("/techniques/back-spasm/").status_code == 404


def test_page_made_private_is_hidden_at_once(client, article):
    assert client.get("/conditions/back-spasm/").status_code == 200
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    response = client.get("/conditions/back-spasm/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_page_expiring_later_is_hidden_once_its_time_passes(client, article, monkeypatch):
    article.expire_at = timezone.now() + datetime.timedelta(hours=1)
    article.save_revision().publish()
    assert client.get("/conditions/back-spasm/").status_code == 200
    assert "Back Spasm" in client.get("/conditions/").content.decode()
    later = timezone.now() + datetime.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get("/conditions/back-spasm/").status_code == 404
    assert "Back Spasm" not in client.get("/conditions/").content.decode()


def test_preview_never_uses_the_cached_body(client, article):
    client.get("/conditions/back-spasm/")
    article.subtitle = "Unsaved edit"
    html = article.make_preview_request().content.decode()
    assert "Unsaved edit" in html
    assert "Unsaved edit" not in client.get("/conditions/back-spasm/").content.decode()


def test_a_change_no_signal_reports_is_shown_by_the_next_request(client, article):
    client.get("/conditions/back-spasm/")
    ConditionArticlePage.objects.filter(pk=article.pk).update(subtitle="Fresh line")
    assert "Fresh line" in client.get("/conditions/back-spasm/").content.decode()


def test_search_results_follow_a_publish_at_once(client, article):
    first, _ = get(client, "/search/?q=spasm")
    assert "Back Spasm" in first.content.decode()
    article.title = "Back Spasm relief"
    article.save_revision().publish()
    assert "Back Spasm relief" in client.get("/search/?q=spasm").content.decode()
    assert client.get("/search/?q=spasm&page=1").status_code == 200
