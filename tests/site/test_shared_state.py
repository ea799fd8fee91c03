"""State every worker must share: the content version and counters in the shared cache, and
what each request costs of it (tests/deploy proves the same against real servers)."""

import datetime
import multiprocessing
import subprocess
import sys
import tempfile

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from spa_site import content_version, response_cache
from spa_site.cache_backends import SharedFileCache
from spa_site.conf import spa_settings
from tests.factories import ConditionArticlePageFactory
from tests.support import counting_cache, shared_counter

ROOT = settings.BASE_DIR


COUNTING = {
    "BACKEND": "tests.support.counting_cache.CountingCache",
    "LOCATION": "counting",
}


@pytest.fixture
def counted_calls(settings):
    """The default cache replaced by one that records its operations (as Redis would be)."""
    settings.CACHES = {**settings.CACHES, "default": COUNTING}
    counting_cache.CALLS.clear()
    return counting_cache.CALLS


@pytest.fixture
def article(site_tree, client):
    article = ConditionArticlePageFactory(
        parent=site_tree["articles"], title="Back Spasm", slug="back-spasm"
    )
    client.get("/")
    return article


def test_the_file_cache_counts_atomically_across_processes():
    location = tempfile.mkdtemp(prefix="spa-shared-cache-")
    cache = SharedFileCache(location, {})
    cache.set("counter", 0, timeout=None)
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=shared_counter.increment_many, args=(location, 50)) for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert cache.get("counter") == 200
    cache.set("short", 1, timeout=30)
    cache.incr("short")
    assert cache.get("short") == 2  # incr kept the expiry instead of dropping the key


def test_a_change_in_another_process_is_seen_by_the_next_request(client, article, settings):
    """The version lives where every process reads it, not in this one's memory."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    assert client.get("/conditions/back-spasm/")["X-Page-Cache"] == "miss"
    assert client.get("/conditions/back-spasm/")["X-Page-Cache"] == "hit"
    before = content_version.current()
    location = caches["default"]._dir
    code = (
        "from spa_site.cache_backends import SharedFileCache;"
        f"c = SharedFileCache({location!r}, {{'KEY_PREFIX': {settings.CACHES['default'].get('KEY_PREFIX', '')!r}}});"
        f"c.incr({content_version.KEY!r})"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    assert content_version.current() == before + 1
    assert client.get("/conditions/back-spasm/")["X-Page-Cache"] == "miss"


def test_healthz_touches_no_cache(db, client, counted_calls):
    assert client.get("/healthz").status_code == 200
    assert counted_calls == []


def test_a_cached_page_from_redis_costs_one_round_trip(client, article, settings, counted_calls):
    """With REDIS_URL, answers live in the default cache: version and answer in one get_many;
    the first-party view counter adds its increment (a cache call, never a query)."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    settings.RESPONSE_CACHE = "default"
    assert client.get("/conditions/back-spasm/")["X-Page-Cache"] == "miss"
    counted_calls.clear()
    assert client.get("/conditions/back-spasm/")["X-Page-Cache"] == "hit"
    assert counted_calls[0] == "get_many"
    assert set(counted_calls[1:]) <= {"incr", "add"} and "incr" in counted_calls


def test_one_transaction_bumps_the_version_once(article, django_capture_on_commit_callbacks):
    before = content_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):  # each publish sends several signals
            article.save_revision().publish()
        assert content_version.current() == before
    assert content_version.current() == before + 1


def test_cached_answers_never_outlive_the_next_expiry(
    client, article, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    with django_capture_on_commit_callbacks(execute=True):
        article.expire_at = timezone.now() + datetime.timedelta(seconds=90)
        article.save_revision().publish()
    response = client.get("/conditions/back-spasm/")
    assert response["X-Page-Cache"] == "miss"
    max_age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < max_age <= 90
    assert 0 < content_version.seconds_until_next_expiry() <= 90


def test_cached_answers_are_keyed_by_the_release():
    assert spa_settings.RELEASE_ID in response_cache.key_for("page", "http://x/")
