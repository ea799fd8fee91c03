"""The shared cache of the embedded default (one server, no Redis).

Several gunicorn workers on one server must see one value for the state they share: the
content version, rate-limit counters, preview drafts, Wagtail's cached site root paths. A
per-process local-memory cache cannot give that; Django's file-based cache can, since every
worker reads the same directory and a write is a rename. What it lacks is atomic
read-modify-write: ``add`` and ``incr`` (django-ratelimit counts with them, the content
version is bumped with ``incr``) are made atomic here with an exclusive ``flock`` on a lock
file in the cache directory, and ``incr`` keeps the entry's expiry instead of resetting it.
With ``REDIS_URL`` set, Django's ``RedisCache`` does all of this itself.
"""

import contextlib
import os
import pickle
import time
import zlib

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks


class SharedFileCache(FileBasedCache):
    @contextlib.contextmanager
    def _exclusive(self):
        self._createdir()
        with open(os.path.join(self._dir, "lock"), "a+b") as lock_file:
            locks.lock(lock_file, locks.LOCK_EX)
            try:
                yield
            finally:
                locks.unlock(lock_file)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._exclusive():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        fname = self._key_to_file(key, version)
        with self._exclusive():
            try:
                with open(fname, "rb") as f:
                    # The server's own cache directory, as in Django's FileBasedCache.
                    expiry = pickle.load(f)  # noqa: S301
                    value = pickle.loads(zlib.decompress(f.read()))  # noqa: S301
            except (FileNotFoundError, EOFError):
                expiry, value = 0, None
            now = time.time()
            if value is None or (expiry is not None and expiry < now):
                raise ValueError(f"Key '{key}' not found")
            value += delta
            timeout = None if expiry is None else max(expiry - now, 0.001)
            self.set(key, value, timeout, version)
            return value
