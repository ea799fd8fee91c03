"""A site-wide content version: any publish, unpublish, move or delete of a page, and any
save of the snippets and settings that pages show, bumps it. Caches of derived page data
include it in their keys, so they are never stale and need no per-key invalidation.

Time changes content too: a live page whose ``expire_at`` passes is hidden at once, before
``publish_scheduled`` unpublishes it. Each version therefore records the next such moment,
and the first request after it bumps the version.

A request reads the version once and keeps it (a page view asks for it a dozen times, each
a round trip to Redis); a bump within the request forgets it. So one response is built, and
stored, under the one version it was read from."""

import threading

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from wagtail.models import Page

KEY = "spa:content-version"
NEVER = float("inf")


_request = threading.local()


def _start_request(**kwargs):
    _request.active, _request.version = True, None


def _end_request(**kwargs):
    _request.active, _request.version = False, None


request_started.connect(_start_request, dispatch_uid="spa-content-version-start")
request_finished.connect(_end_request, dispatch_uid="spa-content-version-end")


def current():
    version = getattr(_request, "version", None)
    if version is None:
        version = _read()
        if getattr(_request, "active", False):
            _request.version = version
    return version


def _read():
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, 1, timeout=None)
        version = cache.get(KEY, 1)
    if timezone.now().timestamp() >= _valid_until(version):
        _increment()
        version = cache.get(KEY, version + 1)
    return version


def _valid_until(version):
    """When the next live page expires, as a timestamp (one query per version)."""
    key = f"spa:content-version-until:v{version}"
    until = cache.get(key)
    if until is None:
        next_expiry = Page.objects.filter(live=True, expire_at__gt=timezone.now()).aggregate(
            first=Min("expire_at")
        )["first"]
        until = next_expiry.timestamp() if next_expiry else NEVER
        cache.set(key, until, timeout=24 * 60 * 60)
    return until


def _increment():
    _request.version = None
    try:
        cache.incr(KEY)
    except ValueError:  # key missing (cache cleared or evicted)
        cache.set(KEY, 2, timeout=None)


def bump(**kwargs):
    """Signal receiver. Bumps now, and again after commit: anything another request cached
    from not-yet-committed rows in between is keyed under a version nobody asks for again."""
    _increment()
    transaction.on_commit(_increment)


def versioned_key(name):
    """The cache key for ``name`` under the current content version."""
    return f"spa:{name}:v{current()}"


def cached(name, build, timeout=60 * 60):
    """``build()``'s result cached under ``name`` for the current content version."""
    key = versioned_key(name)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value
