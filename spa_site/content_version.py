"""A site-wide content version: any publish, unpublish, move or delete of a page, and any
save of the snippets and settings that pages show, bumps it. Caches of derived page data
include it in their keys, so they are never stale and need no per-key invalidation."""

from django.core.cache import cache
from django.db import transaction

KEY = "spa:content-version"


def current():
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, 1, timeout=None)
        version = cache.get(KEY, 1)
    return version


def _increment():
    try:
        cache.incr(KEY)
    except ValueError:  # key missing (cache cleared or evicted)
        cache.set(KEY, 2, timeout=None)


def bump(**kwargs):
    """Signal receiver. Bumps now, and again after commit: anything another request cached
    from not-yet-committed rows in between is keyed under a version nobody asks for again."""
    _increment()
    transaction.on_commit(_increment)


def cached(name, build, timeout=60 * 60):
    """``build()``'s result cached under ``name`` for the current content version."""
    key = f"spa:{name}:v{current()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value
