"""The page-view counter: counts gathered in each process, pushed as atomic increments to
the shared ``default`` cache by a thread of each process every ``PAGE_VIEW_PUSH_SECONDS``
(and when the process exits),
then a batched flush into ``DailyPageViews`` from cron (``manage.py flush_page_views``) or when
the report opens.

Pushing in batches keeps a cached page view as cheap as the cache hit itself: on the embedded
default an increment is a locked file write, which halved the cached article's throughput
when made on every view (docs/benchmarks.md). A process killed without exiting loses at most
the views of its last interval: these are aggregate counts, not records.

Counting touches no database, so a page answered from the response cache still costs no
query (``tests/attribution``). The cache is the one every worker and server shares (Redis
``INCR``, or the embedded default's file cache, whose ``incr`` takes a file lock), so no
view is counted twice or lost between processes. A key lives ``KEEP_DAYS`` days: the flush
must run at least once a day (every few minutes is the intent). Flushing subtracts what it
wrote from the key (``decr``), so views counted meanwhile stay for the next flush.
"""

import atexit
import datetime as dt
import logging
import os
import threading
import time
from collections import Counter

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from .models import DailyPageViews

logger = logging.getLogger(__name__)

PREFIX = "pageviews"
KEEP_DAYS = 3
TIMEOUT = (KEEP_DAYS + 1) * 24 * 60 * 60
BATCH = 500


def _cache():
    return caches["default"]


def key(page_id, day):
    return f"{PREFIX}:{day:%Y%m%d}:{page_id}"


_pending = Counter()
_lock = threading.Lock()
_pusher_pid = None  # the process whose pusher thread runs (a forked worker starts its own)


def _interval():
    return getattr(settings, "PAGE_VIEW_PUSH_SECONDS", 5)


def count_view(page_id, day=None):
    """One more view of ``page_id`` today: no database query and, unless the interval is 0,
    no cache call either (this process's pusher thread adds the counts to the cache)."""
    name = key(page_id, day or timezone.localdate())
    with _lock:
        _pending[name] += 1
    if _interval() <= 0:
        push()
    elif _pusher_pid != os.getpid():
        _start_pusher()


def push():
    """Add this process's gathered counts to the shared cache."""
    with _lock:
        counts = dict(_pending)
        _pending.clear()
    cache = _cache()
    for name, views in counts.items():
        try:
            cache.incr(name, views)
        except ValueError:  # the first views of the day (or the key expired)
            if not cache.add(name, views, TIMEOUT):
                cache.incr(name, views)  # another process added it first


def _start_pusher():
    global _pusher_pid
    with _lock:
        if _pusher_pid == os.getpid():
            return
        _pusher_pid = os.getpid()
    threading.Thread(target=_push_every_interval, name="page-view-push", daemon=True).start()


def _push_every_interval():
    """Push at least every interval, whether or not more views arrive (checked each second)."""
    last = time.monotonic()
    while True:
        time.sleep(1)
        if time.monotonic() - last < _interval():
            continue
        last = time.monotonic()
        try:
            push()
        except Exception:  # a cache outage must not end the thread; the counts are lost
            logger.exception("Could not add page views to the shared cache")


atexit.register(push)


def _days(today):
    return [today - dt.timedelta(days=n) for n in range(KEEP_DAYS)]


def flush(today=None):
    """Move the counted views into the database; returns (rows touched, views moved)."""
    today = today or timezone.localdate()
    push()
    cache = _cache()
    page_ids = list(Page.objects.filter(depth__gt=1).values_list("pk", flat=True))
    names = {key(pk, day): (pk, day) for pk in page_ids for day in _days(today)}
    rows = moved = 0
    keys = list(names)
    for start in range(0, len(keys), BATCH):
        found = cache.get_many(keys[start : start + BATCH])
        for name, value in found.items():
            if not isinstance(value, int) or value <= 0:
                continue
            page_id, day = names[name]
            with transaction.atomic():
                row, _ = DailyPageViews.objects.get_or_create(page_id=page_id, day=day)
                DailyPageViews.objects.filter(pk=row.pk).update(views=F("views") + value)
                cache.decr(name, value)
            rows += 1
            moved += value
    return rows, moved
