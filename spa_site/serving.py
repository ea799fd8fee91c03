"""What Wagtail looks up on every page view, remembered per content version.

Serving a page costs Wagtail a query for the site, two per level of the path (the child by
slug, then its specific form) and two for view restrictions (the ancestors, then their
restrictions). None of these change unless a site, a page's place or publication, or a
privacy setting changes, and each of those bumps the content version. So the answers are
cached under it: the site per host, the page a path leads to (by primary key, loaded in one
query and checked as Wagtail would), and which restrictions apply to a page.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from wagtail.models import PageViewRestriction, Site

from .content_version import cached, versioned_key


def find_site(request):
    """``Site.find_for_request`` from the cache; later calls of it get the same site."""

    def find():
        site = Site._find_for_request(request)  # what find_for_request does, uncached
        if site is not None:
            site.root_page = site.root_page.specific
        return site

    site = cached(f"site-for:{request._get_raw_host()}:{request.get_port()}", find)
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = site
    return request._wagtail_site


class CachedSiteMiddleware:
    """Page views find their site from the cache before Wagtail routes them."""

    def __init__(self, get_response):
        from wagtail.views import serve  # needs the app registry, ready by now

        self.get_response = get_response
        self.serve = serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is self.serve:
            find_site(request)


def route(root, request, path_components, route_uncached):
    """The route from ``root`` (a site's root page) down ``path_components``.

    A path that led to a plain page (no sub-route arguments) is remembered as that page's
    primary key; the page is then loaded in one query and asked to route the rest (nothing),
    which checks it is live as Wagtail's walk would. Anything else is walked as usual.
    """
    if not path_components or getattr(request, "is_preview", False):
        return route_uncached(request, path_components)
    path = hashlib.sha256("/".join(path_components).encode()).hexdigest()
    key = versioned_key(f"route:{root.pk}:{path}")
    target = cache.get(key)
    if target is not None:
        content_type_id, pk = target
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        # Unordered: a page's ORDER BY costs more to compile than the lookup takes to run.
        found = list(model.objects.filter(pk=pk).order_by()) if model else []
        if found:
            return found[0].route(request, [])
    result = route_uncached(request, path_components)
    page, args, kwargs = result
    if not args and not kwargs:
        cache.set(key, (page.content_type_id, page.pk), 60 * 60)
    return result


def view_restrictions(page, uncached):
    """The restrictions applying to ``page``, as a queryset; without a query when none do
    (the usual case), since Wagtail checks them on every view."""
    ids = cached(
        f"view-restrictions:{page.pk}", lambda: list(uncached().values_list("pk", flat=True))
    )
    if not ids:
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(pk__in=ids)
