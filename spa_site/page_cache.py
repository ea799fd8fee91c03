"""Whole-response caching of public pages for anonymous visitors.

A hit is answered before Wagtail's routing runs, so it costs no database query. Entries are
keyed by the site-wide content version (see ``content_version``): a publish, unpublish, move
or delete anywhere, or a change to a service, topic or site settings, retires every entry at
once, so a visitor never sees a page older than the last publish.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control

from .content_version import current

PAGE_REQUEST_ATTR = "_spa_serves_wagtail_page"


def mark_page_request(page, request, serve_args, serve_kwargs):
    """``before_serve_page`` hook: this request is answered by a Wagtail page (not the admin,
    the API, booking or search), so its response may be shared between anonymous visitors."""
    setattr(request, PAGE_REQUEST_ATTR, True)


def _anonymous_get(request):
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _key(request):
    return f"spa:page:{request.get_host()}:{request.get_full_path()}:v{current()}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        anonymous = _anonymous_get(request)
        use_cache = anonymous and settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        if use_cache:
            cached = cache.get(_key(request))
            if cached is not None:
                cached["X-Page-Cache"] = "hit"
                return cached
        response = self.get_response(request)
        if not getattr(request, PAGE_REQUEST_ATTR, False):
            return response
        if not (anonymous and response.status_code == 200):
            patch_cache_control(response, private=True, no_cache=True)
            return response
        patch_cache_control(response, public=True, **settings.PUBLIC_PAGE_CACHE_CONTROL)
        if use_cache and "'nonce-" not in response.get("Content-Security-Policy", ""):
            # A page with a CSP nonce is never shared: a nonce must be new on every response.
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            response["X-Page-Cache"] = "miss"
            cache.set(_key(request), response, settings.PUBLIC_PAGE_CACHE_SECONDS)
        return response
