"""A local-memory cache that records every operation callers make on it (one entry per call,
as a Redis round trip would be: ``get_many`` counts once, not once per key)."""

from django.core.cache.backends.locmem import LocMemCache

CALLS = []
_depth = [0]


class CountingCache(LocMemCache):
    pass


for _name in ("get", "get_many", "set", "add", "incr", "set_many", "delete", "has_key"):

    def _counted(self, *args, _name=_name, **kwargs):
        if not _depth[0]:
            CALLS.append(_name)
        _depth[0] += 1
        try:
            return getattr(LocMemCache, _name)(self, *args, **kwargs)
        finally:
            _depth[0] -= 1

    setattr(CountingCache, _name, _counted)
