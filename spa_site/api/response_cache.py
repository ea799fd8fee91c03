"""Whole delivery-API answers for anonymous callers, kept per URL (``spa_site.response_cache``).

An answer is built from public content only (``spa_site.visibility``) and its URL, so under
one content version the same URL always gets the same bytes. A successful public answer is
stored with its headers (ETag, Cache-Control, Surrogate-Key) and the next identical request
is answered from them without serialising anything. Requests that carry a session cookie or
credentials are never served from it nor stored, and neither are answers that are private
or ``no-store`` (previews, errors).
"""

from django.conf import settings
from django.utils.http import urlencode

from spa_site import compression, response_cache

from ..conf import spa_settings


def key_for(request):
    """The cache key for this request's answer, or None when it must be built afresh."""
    if spa_settings.API_RESPONSE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "Authorization" in request.headers:
        return None
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    return response_cache.key_for(
        "api", f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    )


def load(request, key):
    stored = response_cache.load(key)
    return None if stored is None else compression.stored_answer(request, *stored)


def store(key, response):
    """Keep a public answer; its gzipped body, or None (also when it is not kept)."""
    cache_control = response.get("Cache-Control", "")
    if (
        response.status_code != 200
        or getattr(response, "streaming", False)
        or "public" not in cache_control
        or "no-store" in cache_control
        or "private" in cache_control
        or response.cookies
    ):
        return None
    entry = (response.content, compression.gzipped_body(response), list(response.items()))
    response_cache.store(key, entry, spa_settings.API_RESPONSE_CACHE_SECONDS)
    return entry[1]
