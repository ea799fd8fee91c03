"""Routing a URL to its page in two queries, as Wagtail's own walk would.

Wagtail first reads the active locale and the specific form of the site's home page, then
walks the path one level at a time: for each level a query for the child with that slug and
one for its specific form (seven queries for ``/conditions/back-spasm/``). Every page knows
its ``url_path``, so ``PageRouteMiddleware`` reads the home page's translations, every page
on the path and their translations in one query, and the target's specific form in a second
one, and hands Wagtail the result through its own per-request cache of the route
(``request._wagtail_route_for_request``, which ``Page.route_for_request`` documents).

The result is the walk's: the page must be live; an ancestor that routes sub-paths itself
(a ``RoutablePageMixin`` page such as the articles index with its topic pages) takes the path
when one of its routes matches, exactly as in the walk. Whenever the fast path cannot
decide (such an ancestor, a missing page, a preview, a home page of another type that
routes its own way, a site root outside the default language), Wagtail routes as usual and
the home page's ``route`` (``route``) still saves the walk's per-level queries. Nothing is
cached between requests.

The chain is kept on the page (``ancestors_on_path``) for breadcrumbs, and the
translations of the page and its ancestors (``translations_on_path``) for hreflang and the
language switch, so they cost nothing more.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, Subquery
from django.http import Http404
from django.urls import Resolver404
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from . import sites, visibility

ANCESTORS_ATTR = "_spa_ancestors_on_path"
TRANSLATIONS_ATTR = "_spa_translations_on_path"
#: Marks a page model whose ``route`` is this module's (the home page's).
FAST_ROUTE_ATTR = "routes_with_spa_routing"


def _model(page):
    return ContentType.objects.get_for_id(page.content_type_id).model_class()


def _claims_path(model, page, remaining):
    """Whether ``page`` (a live routable page) would route ``remaining`` to one of its views."""
    get_resolver = getattr(model, "get_resolver", None)
    if get_resolver is None or not page.live:
        return False
    try:
        get_resolver().resolve("/" + "/".join(remaining) + ("/" if remaining else ""))
    except Resolver404:
        return False
    return True


def _prefixes(root, path_components):
    return [
        root.url_path + "".join(f"{part}/" for part in path_components[: i + 1])
        for i in range(len(path_components))
    ]


def _serve(root, request, path_components, chain):
    """The route to the last page of ``chain`` (the pages below ``root`` on the path), or
    None when an ancestor on the way routes the rest itself."""
    parent = root
    for depth, page in enumerate(chain[:-1]):
        if _claims_path(_model(page), page, path_components[depth + 1 :]):
            return None
        page._cached_parent_obj = parent
        parent = page
    target = chain[-1]
    model = _model(target)
    if model is None:
        return None
    # A page type may load what it always shows with itself (``serve_queryset``).
    queryset = model.serve_queryset() if hasattr(model, "serve_queryset") else model.objects
    specific = queryset.get(pk=target.pk)
    specific._cached_parent_obj = parent
    setattr(specific, ANCESTORS_ATTR, [root, *chain[:-1]])
    return specific


def route(root, request, path_components, walk):
    """Route ``path_components`` below ``root`` (the site's root page); ``walk`` is
    Wagtail's own ``route`` of ``root``, used whenever the fast path cannot decide."""
    if not path_components or getattr(request, "is_preview", False):
        return walk(request, path_components)
    prefixes = _prefixes(root, path_components)
    found = {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=prefixes, path__startswith=root.path)
    }
    chain = [found.get(prefix) for prefix in prefixes]
    if None in chain:  # not a page at every level: a routable ancestor or a 404
        return walk(request, path_components)
    specific = _serve(root, request, path_components, chain)
    if specific is None:
        return walk(request, path_components)
    return specific.route(request, [])


def _active_language():
    try:
        return get_supported_content_language_variant(translation.get_language() or "")
    except LookupError:
        return None


def _localized_root(root, rows, language):
    """Wagtail's ``root.localized`` among ``rows`` (the root's translations), or None when
    only Wagtail can say (a root outside the default language with no translation here)."""
    translations = [r for r in rows if r.translation_key == root.translation_key]
    own = next((r for r in translations if r.pk == root.pk), None)
    if own is None or language is None:
        return None
    if own.locale.language_code == language:
        return own
    localized = next((r for r in translations if r.locale.language_code == language), None)
    if localized is None:
        # No translation in this language: Wagtail keeps the root when it is in the default
        # language (the language's locale, or the default one if it has none).
        return own if own.locale.language_code == settings.LANGUAGE_CODE else None
    return localized if localized.live else own


def _routes_as_walk(model):
    """Whether a home page of ``model`` routes below itself as Wagtail's walk does."""
    return model is not None and (
        getattr(model, FAST_ROUTE_ATTR, False) or model.route is Page.route
    )


def preroute(request, path):
    """Wagtail's route for ``path`` (a ``RouteResult``), or None to let Wagtail route.

    Three queries in all: every site with its settings (``sites``), the pages that may be on the path with the home pages and the
    translations of them all, and the target's specific form."""
    if getattr(request, "is_preview", False) or not settings.WAGTAIL_I18N_ENABLED:
        return None
    every_site = sites.load(request)
    site = Site.find_for_request(request)  # found by ``load``: no query
    if site is None:
        return None
    root = site.root_page
    components = [part for part in path.split("/") if part]
    on_path = Q()
    for i, part in enumerate(components):
        on_path |= Q(depth=root.depth + 1 + i, slug=part)
    # The pages that may be on the path, the sites' home pages, the translations of them
    # all, and the sections shown in menus (the header's, ``Audience.menu_pages``).
    keys = Page.objects.filter(on_path | Q(pk__in=[s.root_page_id for s in every_site]))
    rows = list(
        Page.objects.filter(
            on_path
            | Q(translation_key__in=Subquery(keys.values("translation_key")))
            | Q(depth=root.depth + 1, show_in_menus=True)
        ).select_related("locale")
    )
    sites.keep_root_paths(request, every_site, rows)
    home = _localized_root(root, rows, _active_language())
    if home is None or not _routes_as_walk(_model(home)):
        return None
    visibility.for_request(request).loaded_pages = rows
    if components:
        found = {r.url_path: r for r in rows if r.path.startswith(home.path)}
        chain = [found.get(prefix) for prefix in _prefixes(home, components)]
        if None in chain:
            return None
        specific = _serve(home, request, components, chain)
        if specific is None:
            return None
    else:
        chain, specific = [], home.specific
    on_chain = {page.translation_key for page in [home, *chain]}
    setattr(
        specific,
        TRANSLATIONS_ATTR,
        [r for r in rows if r.translation_key in on_chain and r.locale_id != specific.locale_id],
    )
    try:
        return specific.route(request, [])
    except Http404:
        return None


def ancestors_on_path(page):
    """The pages from the site root down to ``page``'s parent, if routing found them."""
    return getattr(page, ANCESTORS_ATTR, None)


def translations_on_path(page):
    """The pages in other languages translating ``page`` or its ancestors, if routing read
    them (rows of every state: the caller applies the visibility rule), else None."""
    return getattr(page, TRANSLATIONS_ATTR, None)


class PageRouteMiddleware:
    """Routes a request Wagtail's ``serve`` answers in two queries (``preroute``)."""

    def __init__(self, get_response):
        from wagtail.views import serve  # needs the app registry, ready by now

        self.get_response = get_response
        self.serve = serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is self.serve and not hasattr(request, "_wagtail_route_for_request"):
            path = view_args[0] if view_args else view_kwargs.get("path", "")
            result = preroute(request, path)
            if result is not None:
                request._wagtail_route_for_request = result
        return None
