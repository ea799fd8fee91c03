"""Whole anonymous answers (pages, delivery-API answers, sitemap, robots.txt), kept per URL.

The only content caches the site keeps are these, at its edges (see docs/benchmarks.md for
the figures behind removing the inner ones). An entry holds the content version it was built
under (``content_version``) and is served only while that version is current; its timeout
stops at the next scheduled expiry of a live page, so an expired page is never served from
here, whenever the cron runs.

Where entries live is ``settings.RESPONSE_CACHE``:

- ``"default"`` (with ``REDIS_URL``): in Redis, shared by every worker and server. The
  version and the entry are read in one ``get_many``, so a hit is one round trip.
- ``"responses"`` (the embedded default): each process's memory, the version read from the
  shared file cache. A worker renders a page at most once per content version.

Keys carry ``settings.RELEASE_ID``: a deploy never unpickles answers the previous code stored.
"""

import hashlib

from django.core.cache import caches

from . import content_version
from .conf import spa_settings


def _store():
    return caches[spa_settings.RESPONSE_CACHE]


def key_for(kind, url):
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"response:{spa_settings.RELEASE_ID}:{kind}:{digest}"


def load(key):
    """The stored answer for ``key`` if it was built under the current version, else None."""
    if spa_settings.RESPONSE_CACHE == "default":
        found = caches["default"].get_many([content_version.KEY, key])
        version = content_version.remember(found.get(content_version.KEY))
        entry = found.get(key)
    else:
        version = content_version.current()
        entry = _store().get(key)
    if entry is None or entry[0] != version:
        return None
    return entry[1]


def store(key, value, timeout):
    """Keep ``value`` under the current version, never beyond the next scheduled expiry."""
    until_expiry = content_version.seconds_until_next_expiry()
    if until_expiry is not None:
        timeout = min(timeout, until_expiry)
    if timeout > 0:
        _store().set(key, (content_version.current(), value), timeout)


def max_age(seconds):
    """``seconds``, cut to the next scheduled expiry: what browsers and CDNs may keep."""
    until_expiry = content_version.seconds_until_next_expiry()
    return seconds if until_expiry is None else min(seconds, until_expiry)
