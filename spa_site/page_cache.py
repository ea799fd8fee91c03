"""Whole-response caching of public pages for anonymous visitors (``response_cache``).

Only views that answer every anonymous visitor alike are stored: Wagtail's page ``serve``
(when the page really is a public Wagtail page), the sitemap and robots.txt. An entry is the
answer as it leaves the middleware inside this one (body, its gzipped copy, every header, the
page's id), so it is kept as bytes and header pairs, not as a pickled response, and replayed
as it was (gzipped to a client that accepts it: ``compression``).

A hit is answered before any of the inner middleware or URL resolution runs: the stored
headers already hold what they added (Content-Security-Policy, X-Frame-Options, Vary,
Content-Length), and those are the same for every anonymous visitor. The one header that
could differ, a CSP nonce, keeps an answer out of the cache altogether. The middleware
outside this one (security headers, the page-view counter) runs on hits and misses alike.

Which URLs are looked up that early: those this process has seen answered by a cacheable
view (a hint in process memory: it only chooses the path, never what is served; the
version check decides that). Other URLs are looked up once resolved (``process_view``), as
an answer another worker stored in Redis may be, so ``/healthz``, the admin, booking and
search never pay a cache round trip. A hit costs no database query.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

from . import compression, response_cache, visibility
from .conf import spa_settings

PAGE_REQUEST_ATTR = "_spa_serves_wagtail_page"
# The id of the public Wagtail page an answer shows, on the request (``before_serve_page``)
# and on the answer, fresh or replayed from the cache (the page-view counter reads it).
PAGE_ID_ATTR = "spa_page_id"
CACHEABLE_ATTR = "spa_whole_response_cache"
STATUS_HEADER = "X-Page-Cache"
KNOWN_KEYS_MAX = 10_000


def mark_page_request(page, request, serve_args, serve_kwargs):
    """``before_serve_page`` hook: this request is answered by a Wagtail page. Its response
    may be shared between anonymous visitors only if the page is public (a restricted page
    answers with a password or login form, never stored)."""
    public = visibility.is_public(page, request)
    setattr(request, PAGE_REQUEST_ATTR, "public" if public else "own")
    if public:
        setattr(request, PAGE_ID_ATTR, page.pk)


def shared_view(view):
    """Mark a view whose anonymous GET answers are the same for everyone (sitemap, robots)."""
    setattr(view, CACHEABLE_ATTR, True)
    return view


def _anonymous_get(request):
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _key(request):
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return response_cache.key_for("page", url)


def _pack(response, page_id):
    headers = tuple((name, value) for name, value in response.items() if name != STATUS_HEADER)
    return (response.content, compression.gzipped_body(response), headers, page_id)


def _replay(request, entry):
    content, gzipped, headers, page_id = entry
    response = compression.stored_answer(request, content, gzipped, headers)
    response[STATUS_HEADER] = "hit"
    setattr(response, PAGE_ID_ATTR, page_id)
    return response


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        from wagtail.views import serve  # needs the app registry, ready by now

        self.get_response = get_response
        self.serve = serve
        self.known_keys = set()  # URL keys this process saw answered by a cacheable view

    def _cacheable_view(self, view_func):
        return view_func is self.serve or getattr(view_func, CACHEABLE_ATTR, False)

    def _lookup(self, request):
        if not (spa_settings.PUBLIC_PAGE_CACHE_SECONDS > 0 and _anonymous_get(request)):
            return None
        request._spa_page_cache_key = key = _key(request)
        return key

    def _remember(self, key):
        if len(self.known_keys) >= KNOWN_KEYS_MAX:
            self.known_keys.clear()
        self.known_keys.add(key)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self._cacheable_view(view_func):
            return None
        request._spa_shared_view = True
        key = getattr(request, "_spa_page_cache_key", None)
        if key is None:
            return None
        self._remember(key)
        entry = response_cache.load(key)
        return None if entry is None else _replay(request, entry)

    def __call__(self, request):
        key = self._lookup(request)
        if key is not None and key in self.known_keys:
            entry = response_cache.load(key)
            if entry is not None:
                return _replay(request, entry)
        response = self.get_response(request)
        if response.get(STATUS_HEADER) == "hit":
            return response
        is_page = getattr(request, PAGE_REQUEST_ATTR, False)
        if is_page == "public" and response.status_code == 200:
            setattr(response, PAGE_ID_ATTR, getattr(request, PAGE_ID_ATTR, None))
        if is_page and not (_anonymous_get(request) and response.status_code == 200):
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if not (getattr(request, "_spa_shared_view", False) and _anonymous_get(request)):
            return response
        if response.status_code != 200 or response.cookies or response.streaming:
            return response
        if is_page == "own" or "private" in response.get("Cache-Control", ""):
            return response
        if is_page:
            cache_control = dict(spa_settings.PUBLIC_PAGE_CACHE_CONTROL)
            for name in ("max_age", "s_maxage"):
                cache_control[name] = response_cache.max_age(cache_control[name])
            patch_cache_control(response, public=True, **cache_control)
        if key is not None and "'nonce-" not in response.get("Content-Security-Policy", ""):
            # A page with a CSP nonce is never shared: a nonce must be new on every response.
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            entry = _pack(response, getattr(response, PAGE_ID_ATTR, None))
            response_cache.store(key, entry, spa_settings.PUBLIC_PAGE_CACHE_SECONDS)
            response[STATUS_HEADER] = "miss"
            compression.answer_with(request, response, entry[1])
        return response
