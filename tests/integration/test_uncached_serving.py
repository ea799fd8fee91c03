"""Serving pages with the anonymous page cache off: routing, privacy checks and the article
and search fragments are cached per content version, and never serve anything stale,
private, expired or previewed."""

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


def test_repeat_view_of_an_article_costs_one_query(client, article):
    first, _ = get(client, "/conditions/back-spasm/")
    second, queries = get(client, "/conditions/back-spasm/")
    assert second.status_code == 200 and "X-Page-Cache" not in second
    assert second.content == first.content
    assert queries == 1  # the page itself, by primary key


def test_a_view_reads_the_content_version_once(client, article, monkeypatch):
    from spa_site import content_version

    reads = []
    real_get = content_version.cache.get

    class CountingCache:
        def __getattr__(self, name):
            return getattr(content_version.cache_backend, name)

        def get(self, key, *args):
            if key == content_version.KEY:
                reads.append(key)
            return real_get(key, *args)

    monkeypatch.setattr(content_version, "cache_backend", content_version.cache, raising=False)
    monkeypatch.setattr(content_version, "cache", CountingCache())
    client.get("/conditions/back-spasm/")
    reads.clear()
    assert client.get("/conditions/back-spasm/").status_code == 200
    assert len(reads) == 1
    # A publish inside the same process is seen by the next read at once.
    before = content_version.current()
    article.save_revision().publish()
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


def test_signed_in_users_never_get_the_cached_body(client, article, django_user_model):
    client.get("/conditions/back-spasm/")
    # A change no signal reports: only a fresh render can show it.
    ConditionArticlePage.objects.filter(pk=article.pk).update(subtitle="Fresh line")
    assert "Old line" in client.get("/conditions/back-spasm/").content.decode()
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.com", "pw"))
    assert "Fresh line" in client.get("/conditions/back-spasm/").content.decode()


def test_search_results_are_cached_until_content_changes(client, article):
    first, _ = get(client, "/search/?q=spasm")
    second, queries = get(client, "/search/?q=spasm")
    assert "Back Spasm" in first.content.decode() and second.content == first.content
    assert queries == 0
    article.title = "Back Spasm relief"
    article.save_revision().publish()
    assert "Back Spasm relief" in client.get("/search/?q=spasm").content.decode()
    assert client.get("/search/?q=spasm&page=1").status_code == 200
