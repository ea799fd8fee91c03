"""Where a redirect sends a visitor: the one rule the HTML site and the API share.

Wagtail's redirects middleware follows ``Redirect.link``; the delivery API lists redirects and
answers ``pages/by-path/`` for a redirected path. Both ask ``target()`` here, so a renamed
topic (a redirect to the conditions index *and a route*, ``topics/<new-slug>/``) goes to the
topic page in both, and a redirect to a page the visitor may not see (a draft, an expired or
restricted page, ``spa_site.visibility``) goes nowhere in both: the HTML site answers 404 and
the API leaves it out.
"""

from urllib.parse import urlparse

from django import http
from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.redirects.middleware import RedirectMiddleware as WagtailRedirectMiddleware
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

from . import visibility


def target(redirect, request):
    """The URL ``redirect`` sends this request's visitor to (a path on this site, or an
    absolute URL), or None when it goes nowhere they may see."""
    if redirect.redirect_page_id is None:
        return redirect.redirect_link or None
    page = redirect.redirect_page
    if not visibility.for_request(request).can_see(page):
        return None
    page = page.specific_deferred
    base = page.get_url(request=request, current_site=visibility.for_request(request).site)
    route = redirect.redirect_page_route_path
    if not base or not route:
        return base
    try:
        page.resolve_subpage(route)
    except (AttributeError, Resolver404, Http404):
        return base
    return base.rstrip("/") + route


def for_path(request, path):
    """The redirect for a site path (with or without a query string), as the middleware finds
    it: the site's own redirect first, then one for every site."""
    normalised = Redirect.normalise_path(path, decode_unicode=False)
    redirect = get_redirect(request, normalised)
    if redirect is None:
        without_query = urlparse(normalised).path
        if without_query != normalised:
            redirect = get_redirect(request, without_query)
    return redirect


def for_site(request):
    """The redirects of the request's site (and those for every site), with their targets'
    pages loaded, in ``old_path`` order."""
    site = visibility.for_request(request).site
    queryset = Redirect.objects.filter(site__isnull=True)
    if site is not None:
        queryset = Redirect.objects.filter(site=site) | queryset
    return queryset.select_related("redirect_page").order_by("old_path", "pk")


class RedirectMiddleware(WagtailRedirectMiddleware):
    """Wagtail's redirects middleware, sending visitors where ``target()`` says."""

    def process_response(self, request, response):
        if response.status_code != 404:
            return response
        redirect = for_path(request, request.get_full_path())
        location = target(redirect, request) if redirect else None
        if location is None:
            return response
        if redirect.is_permanent:
            return http.HttpResponsePermanentRedirect(location)
        return http.HttpResponseRedirect(location)
