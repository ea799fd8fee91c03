"""The page-view counter: an atomic increment in the shared ``default`` cache per view, a
batched flush into ``DailyPageViews`` from cron (``manage.py flush_page_views``) or when the
report opens.

Counting touches no database, so a page answered from the response cache still costs no
query (``tests/attribution``). The cache is the one every worker and server shares (Redis
``INCR``, or the embedded default's file cache, whose ``incr`` takes a file lock), so no
view is counted twice or lost between processes. A key lives ``KEEP_DAYS`` days: the flush
must run at least once a day (every few minutes is the intent). Flushing subtracts what it
wrote from the key (``decr``), so views counted meanwhile stay for the next flush.
"""

import datetime as dt

from django.core.cache import caches
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from .models import DailyPageViews

PREFIX = "pageviews"
KEEP_DAYS = 3
TIMEOUT = (KEEP_DAYS + 1) * 24 * 60 * 60
BATCH = 500


def _cache():
    return caches["default"]


def key(page_id, day):
    return f"{PREFIX}:{day:%Y%m%d}:{page_id}"


def count_view(page_id, day=None):
    """One more view of ``page_id`` today: no database query, one or two cache calls."""
    name = key(page_id, day or timezone.localdate())
    cache = _cache()
    try:
        cache.incr(name)
    except ValueError:  # the first view of the day (or the key expired)
        if not cache.add(name, 1, TIMEOUT):
            cache.incr(name)  # another process added it first


def _days(today):
    return [today - dt.timedelta(days=n) for n in range(KEEP_DAYS)]


def flush(today=None):
    """Move the counted views into the database; returns (rows touched, views moved)."""
    today = today or timezone.localdate()
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
