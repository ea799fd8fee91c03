"""Count a view of every public page the server answers to an anonymous visitor.

Sits inside ``AnonymousPageCacheMiddleware`` (after it in ``MIDDLEWARE``): on a miss it
tags the response with the page id before the page cache stores it, so on a hit the cached
response carries the id and the count needs no query. Signed-in users (editors checking a
page), previews, HEAD requests, errors and restricted pages are not counted.
"""

from django.conf import settings

from spa_site.page_cache import PAGE_REQUEST_ATTR

from . import counter

PAGE_ID_ATTR = "attribution_page_id"  # set on the request by the before_serve_page hook
RESPONSE_ATTR = "attribution_page_id"  # kept on the (cached) response


def remember_page(page, request, serve_args, serve_kwargs):
    """``before_serve_page`` hook: which page this request serves."""
    setattr(request, PAGE_ID_ATTR, page.pk)


class PageViewCounterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 200:
            return response
        page_id = getattr(response, RESPONSE_ATTR, None)
        if page_id is None and getattr(request, PAGE_REQUEST_ATTR, None) == "public":
            page_id = getattr(request, PAGE_ID_ATTR, None)
            setattr(response, RESPONSE_ATTR, page_id)
        if (
            page_id is not None
            and request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        ):
            counter.count_view(page_id)
        return response
