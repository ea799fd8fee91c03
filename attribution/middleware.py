"""Count a view of every public page the server answers to an anonymous visitor.

Sits outside ``AnonymousPageCacheMiddleware`` (before it in ``MIDDLEWARE``), so it sees
every answer, including hits the page cache replays before the rest of the middleware runs.
The page cache marks each answer of a public Wagtail page with the page's id, fresh or from
the cache (``PAGE_ID_ATTR``), so counting a cached view needs no query. Signed-in users
(editors checking a page), previews, HEAD requests, errors and restricted pages are not
counted.
"""

from django.conf import settings

from spa_site.page_cache import PAGE_ID_ATTR

from . import counter


class PageViewCounterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 200 or request.method != "GET":
            return response
        page_id = getattr(response, PAGE_ID_ATTR, None)
        if page_id is not None and settings.SESSION_COOKIE_NAME not in request.COOKIES:
            counter.count_view(page_id)
        return response
