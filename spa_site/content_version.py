"""A site-wide content version that every process and every server sees change at once.

Any publish, unpublish, move or delete of a page, and any save of what pages show besides
pages (snippets, settings, privacy, images, redirects, sites), bumps it. Whole-response
caches (``response_cache``) record the version an answer was built under and serve it only
while that version is current, so they need no per-key invalidation and are never stale.

Where it lives: in the shared ``default`` cache, Redis when ``REDIS_URL`` is set, otherwise
the file cache every worker of the one server shares (``cache_backends``). Never in one
process's memory. A change made anywhere (an editor on another worker, ``publish_scheduled``
from cron, ``manage.py shell``) is seen by the next request on every worker.

When: once per transaction, after it commits. A request that reads the new version has
therefore started after the change was committed, and everything it builds shows it; a
request that read the old version may store an answer built from newer rows under it, which
is harmless. (Bumping before the commit as well, as this module once did, made every
publish re-render each page twice.)

Time changes content too: a live page whose ``expire_at`` passes is hidden at once, before
``publish_scheduled`` unpublishes it. ``next_expiry()`` gives that moment for the current
version; cached answers never outlive it (their timeout stops there).

A request reads the version once and keeps it (``current()``), so one answer is built, and
stored, under the one version it was read from.
"""

import threading
import time

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.db.models import Subquery
from django.utils import timezone

KEY = "content-version"
UNTIL_KEY = "content-version-until:{}"
NEVER = None
MISSING = object()

_request = threading.local()


def _start_request(**kwargs):
    _request.active, _request.version, _request.until = True, None, MISSING


def _end_request(**kwargs):
    _request.active, _request.version, _request.until = False, None, MISSING


request_started.connect(_start_request, dispatch_uid="spa-content-version-start")
request_finished.connect(_end_request, dispatch_uid="spa-content-version-end")


def remember(version):
    """Keep ``version`` for the rest of this request (read with another key in one trip)."""
    if version is None:
        version = _initialise()
    if getattr(_request, "active", False):
        _request.version = version
    return version


def current():
    version = getattr(_request, "version", None)
    if version is None:
        version = remember(cache.get(KEY))
    return version


def _initialise():
    """A version for an empty cache (first start, eviction, a cleared cache).

    It starts from the clock in milliseconds rather than 1, so it is larger than any
    version an older cache could still hold answers for.
    """
    cache.add(KEY, int(time.time() * 1000), timeout=None)
    return cache.get(KEY)


def _increment():
    _request.version = None
    try:
        cache.incr(KEY)
    except ValueError:  # missing: evicted or cleared
        _initialise()


def bump(**kwargs):
    """Signal receiver: bump the version once this transaction commits (at once outside one).

    Every signal of one change (a publish saves a revision, a redirect, a page) registers a
    callback, but the callbacks of one transaction share one bump, so a publish retires each
    cached answer once. Django drops the callbacks when the transaction rolls back.
    """
    if not connection.in_atomic_block:
        _increment()
        return
    batch = getattr(connection, "_spa_version_batch", None)
    if batch is None or batch["done"] or batch["callbacks"] is not connection.run_on_commit:
        batch = {"callbacks": connection.run_on_commit, "done": False}
        connection._spa_version_batch = batch

    def after_commit():
        if not batch["done"]:
            batch["done"] = True
            _increment()

    transaction.on_commit(after_commit)


def _first_expiry():
    """The first expiry time ahead among live pages, as a queryset of one value."""
    return (
        _live_pages()
        .filter(expire_at__gt=timezone.now())
        .order_by("expire_at")
        .values("expire_at")[:1]
    )


def _note(version, until):
    """Keep the version's next expiry for the rest of the request (as ``remember``)."""
    if getattr(_request, "active", False):
        _request.until = (version, until)


def _keep(first):
    version, until = current(), first.timestamp() if first else NEVER
    cache.set(UNTIL_KEY.format(version), until, timeout=24 * 60 * 60)
    _note(version, until)
    return until


def _known():
    """The current version's next expiry if known (this request, or the cache), else MISSING."""
    version = current()
    kept = getattr(_request, "until", MISSING)
    if kept is not MISSING and kept[0] == version:
        return kept[1]
    until = cache.get(UNTIL_KEY.format(version), MISSING)
    if until is not MISSING:
        _note(version, until)
    return until


def with_next_expiry(queryset):
    """``queryset`` with the next expiry read beside its rows, when this version does not know
    it yet (``next_expiry`` then needs no query of its own); call ``kept_next_expiry`` with
    the rows once they are read."""
    if _known() is not MISSING:
        return queryset
    return queryset.annotate(spa_first_expiry=Subquery(_first_expiry()))


def kept_next_expiry(rows):
    """Keep the next expiry a ``with_next_expiry`` queryset read with ``rows``, if it did."""
    if rows and hasattr(rows[0], "spa_first_expiry"):
        _keep(rows[0].spa_first_expiry)


def next_expiry():
    """When the next live page expires (a timestamp), or None; one query per version (none
    when a request's first read carried it: ``with_next_expiry``)."""
    until = _known()
    if until is MISSING:
        until = _keep(_first_expiry().values_list("expire_at", flat=True).first())
    return until


def seconds_until_next_expiry():
    """Seconds until cached answers built now must stop being served, or None for no limit."""
    until = next_expiry()
    if until is None:
        return None
    return max(0, int(until - time.time()))


def _live_pages():
    from wagtail.models import Page  # the app registry is not ready when this module loads

    return Page.objects.filter(live=True)
