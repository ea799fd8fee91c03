"""Whole-response caching of public pages for anonymous visitors (``response_cache``).

Only views that answer every anonymous visitor alike are looked up: Wagtail's page
``serve`` (when the page really is a public Wagtail page), the sitemap and robots.txt. The
lookup happens once the URL is resolved, so other requests (``/healthz``, the admin,
booking, search) never touch the cache. A hit costs no database query.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

from . import response_cache, visibility

PAGE_REQUEST_ATTR = "_spa_serves_wagtail_page"
CACHEABLE_ATTR = "spa_whole_response_cache"


def mark_page_request(page, request, serve_args, serve_kwargs):
    """``before_serve_page`` hook: this request is answered by a Wagtail page. Its response
    may be shared between anonymous visitors only if the page is public (a restricted page
    answers with a password or login form, never stored)."""
    setattr(request, PAGE_REQUEST_ATTR, "public" if visibility.is_public(page, request) else "own")


def shared_view(view):
    """Mark a view whose anonymous GET answers are the same for everyone (sitemap, robots)."""
    setattr(view, CACHEABLE_ATTR, True)
    return view


def _anonymous_get(request):
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _key(request):
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return response_cache.key_for("page", url)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        from wagtail.views import serve  # needs the app registry, ready by now

        self.get_response = get_response
        self.serve = serve

    def _cacheable_view(self, view_func):
        return view_func is self.serve or getattr(view_func, CACHEABLE_ATTR, False)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self._cacheable_view(view_func):
            return None
        request._spa_shared_view = True
        if not (_anonymous_get(request) and settings.PUBLIC_PAGE_CACHE_SECONDS > 0):
            return None
        cached = response_cache.load(_key(request))
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
        return cached

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("X-Page-Cache") == "hit":
            return response
        is_page = getattr(request, PAGE_REQUEST_ATTR, False)
        if is_page and not (_anonymous_get(request) and response.status_code == 200):
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if not (getattr(request, "_spa_shared_view", False) and _anonymous_get(request)):
            return response
        if response.status_code != 200 or response.cookies:
            return response
        if is_page == "own" or "private" in response.get("Cache-Control", ""):
            return response
        if is_page:
            cache_control = dict(settings.PUBLIC_PAGE_CACHE_CONTROL)
            for name in ("max_age", "s_maxage"):
                cache_control[name] = response_cache.max_age(cache_control[name])
            patch_cache_control(response, public=True, **cache_control)
        if settings.PUBLIC_PAGE_CACHE_SECONDS > 0 and "'nonce-" not in response.get(
            "Content-Security-Policy", ""
        ):
            # A page with a CSP nonce is never shared: a nonce must be new on every response.
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            response["X-Page-Cache"] = "miss"
            response_cache.store(_key(request), response, settings.PUBLIC_PAGE_CACHE_SECONDS)
        return response
