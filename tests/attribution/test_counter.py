"""The page-view counter: cached page views cost no query, counts reach the database in
batches, concurrent counts are neither lost nor doubled."""

import datetime as dt
import time

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from attribution import counter
from attribution.models import DailyPageViews

pytestmark = pytest.mark.django_db

ARTICLE = "/conditions/back-spasm/"


def pending(page):
    from django.utils import timezone

    return caches["default"].get(counter.key(page.pk, timezone.localdate()))


@pytest.fixture
def article(shop):
    return shop.article


def test_a_cached_page_view_is_counted_without_a_query(client, settings, article):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    assert client.get(ARTICLE)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(ARTICLE)
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert pending(article) == 2  # the miss and the hit


def test_uncached_views_are_counted_too(client, settings, article):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get(ARTICLE)
    client.get(ARTICLE)
    assert pending(article) == 2


def test_signed_in_users_head_requests_and_errors_are_not_counted(
    client, django_user_model, article
):
    client.head(ARTICLE)
    client.get("/conditions/no-such-article/")
    assert pending(article) is None
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.com", "pw"))
    client.get(ARTICLE)
    assert pending(article) is None
    assert not caches["default"].get_many(
        [counter.key(pk, dt.date.today()) for pk in Page.objects.values_list("pk", flat=True)]
    )


def test_a_restricted_page_is_not_counted(client, article):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
    assert client.get(ARTICLE).status_code == 200  # the password form
    assert pending(article) is None


def test_flush_moves_counts_into_the_database_once(article):
    for _ in range(3):
        counter.count_view(article.pk)
    assert counter.flush() == (1, 3)
    assert counter.flush() == (0, 0)
    counter.count_view(article.pk)
    call_command("flush_page_views", verbosity=0)
    row = DailyPageViews.objects.get(page=article)
    assert row.views == 4


def test_views_counted_during_a_flush_stay_for_the_next(article, monkeypatch):
    for _ in range(2):
        counter.count_view(article.pk)
    real_decr = caches["default"].decr

    def decr_after_a_concurrent_view(key, delta=1, version=None):
        counter.count_view(article.pk)  # another worker counts between read and subtract
        return real_decr(key, delta, version)

    monkeypatch.setattr(caches["default"], "decr", decr_after_a_concurrent_view)
    assert counter.flush() == (1, 2)
    monkeypatch.undo()
    assert pending(article) == 1
    counter.flush()
    assert DailyPageViews.objects.get(page=article).views == 3


def test_counts_of_earlier_days_are_flushed_to_their_day(article):
    today = dt.date(2026, 3, 5)
    counter.count_view(article.pk, day=today - dt.timedelta(days=1))
    counter.count_view(article.pk, day=today)
    counter.flush(today=today)
    assert dict(DailyPageViews.objects.values_list("day", "views")) == {
        today - dt.timedelta(days=1): 1,
        today: 1,
    }


def test_views_are_gathered_in_the_process_and_pushed_once_per_interval(settings, article):
    settings.PAGE_VIEW_PUSH_SECONDS = 3600
    for _ in range(5):
        counter.count_view(article.pk)
    assert pending(article) is None  # nothing written to the shared cache yet
    assert counter.flush() == (1, 5)  # the flush pushes this process's views first
    counter.count_view(article.pk)
    counter.push()  # what a worker does when it exits
    assert pending(article) == 1


def test_the_pusher_thread_pushes_without_waiting_for_another_view(settings, article):
    settings.PAGE_VIEW_PUSH_SECONDS = 1
    counter.count_view(article.pk)
    deadline = time.monotonic() + 5
    while pending(article) is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert pending(article) == 1
