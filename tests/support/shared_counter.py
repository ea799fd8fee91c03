"""Run in separate processes by tests: increment one key of a shared file cache."""

from spa_site.cache_backends import SharedFileCache


def increment_many(location, n):
    cache = SharedFileCache(location, {})
    for _ in range(n):
        cache.incr("counter")
