"""Routing a URL to its page in three queries, as Wagtail's own walk would.

Wagtail first reads the request's site, the active locale and the specific form of the
site's home page, then walks the path one level at a time: for each level a query for the
child with that slug and one for its specific form (seven queries for
``/conditions/back-spasm/``, and the site root paths for its URLs after that). Every page
knows its ``url_path``, so ``PageRouteMiddleware`` reads every site with its settings
(``sites``), then the pages that may be on the path with the home pages and the
translations of them all, then the target's specific form, and hands Wagtail the result
through its own per-request cache of the route (``request._wagtail_route_for_request``,
which ``Page.route_for_request`` documents).

The result is the walk's (``_walk``): a page must be live to be served; a routable page on
the path (a ``RoutablePageMixin`` page such as the articles index with its topic pages)
takes the rest of the path when one of its routes matches; a missing level is a 404. Only a
preview, a home page of a type that routes its own way and a site root outside the default
language go to Wagtail (the home page's ``route`` then still reads the path in one query).
Nothing is cached between requests.

The chain is kept on the page (``ancestors_on_path``) for breadcrumbs, and the
translations of the page and its ancestors (``translations_on_path``) for hreflang and the
language switch, so they cost nothing more.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404
from django.urls import Resolver404
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, PageViewRestriction, Site

from . import sites, visibility

ANCESTORS_ATTR = "_spa_ancestors_on_path"
TRANSLATIONS_ATTR = "_spa_translations_on_path"
#: ``preroute``'s answer when only Wagtail can route the request.
UNDECIDED = object()
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


def _specific(page, root, ancestors):
    """``page`` in its specific form, as a page type loads itself to be served
    (``serve_queryset``), with its parent and ``ancestors`` below ``root`` kept."""
    model = _model(page) or Page
    queryset = model.serve_queryset() if hasattr(model, "serve_queryset") else model.objects
    specific = queryset.get(pk=page.pk)
    specific._cached_parent_obj = getattr(page, "_cached_parent_obj", None)
    setattr(specific, ANCESTORS_ATTR, [root, *ancestors])
    return specific


def _walk(root, request, path_components, found):
    """Wagtail's walk from ``root`` over ``found`` (``{url_path: page}`` holding every page
    that is on the path): the route, or ``Http404`` where the walk raises it. A routable
    page that claims the rest of the path (``_claims_path``) routes it to its own view, as
    in the walk; any other page descends to its child with the next slug."""
    parent, chain = root, []
    for depth, prefix in enumerate(_prefixes(root, path_components)):
        remaining = path_components[depth:]
        if chain and _claims_path(_model(parent), parent, remaining):
            return _specific(parent, root, chain[:-1]).route(request, remaining)
        page = found.get(prefix)
        if page is None:
            raise Http404
        page._cached_parent_obj = parent
        chain.append(page)
        parent = page
    return _specific(parent, root, chain[:-1]).route(request, [])


def route(root, request, path_components, walk):
    """Route ``path_components`` below ``root`` (the site's root page) when the middleware
    has not (``preroute``): the pages on the path in one query, then ``_walk``. ``walk`` is
    Wagtail's own ``route`` of ``root``, kept for previews and the home page itself."""
    if not path_components or getattr(request, "is_preview", False):
        return walk(request, path_components)
    prefixes = _prefixes(root, path_components)
    found = {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=prefixes, path__startswith=root.path)
    }
    return _walk(root, request, path_components, found)


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
    """Wagtail's route for ``path``: a ``RouteResult``, None where Wagtail answers 404, or
    ``UNDECIDED`` to let Wagtail route.

    Three queries in all: every site with its settings (``sites``), the pages that may be on
    the path with the home pages, the translations of them all, the menu's sections and the
    view-restricted pages, and the target's specific form."""
    if getattr(request, "is_preview", False) or not settings.WAGTAIL_I18N_ENABLED:
        return UNDECIDED
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
    # all, the sections shown in menus (the header's, ``Audience.menu_pages``) and the pages
    # carrying a view restriction (the visibility rule's, ``Audience.restricted_paths``).
    keys = Page.objects.filter(on_path | Q(pk__in=[s.root_page_id for s in every_site]))
    restrictions = PageViewRestriction.objects.all()
    rows = list(
        Page.objects.filter(
            on_path
            | Q(translation_key__in=Subquery(keys.values("translation_key")))
            | Q(depth=root.depth + 1, show_in_menus=True)
            | Q(pk__in=restrictions.values("page_id"))
        )
        .annotate(restricted=Exists(restrictions.filter(page=OuterRef("pk"))))
        .select_related("locale")
    )
    audience = visibility.for_request(request)
    audience.keep_restricted_paths(r.path for r in rows if r.restricted)
    sites.keep_root_paths(request, every_site, rows)
    home = _localized_root(root, rows, _active_language())
    if home is None or not _routes_as_walk(_model(home)):
        return UNDECIDED
    audience.loaded_pages = rows
    found = {r.url_path: r for r in rows if r.path.startswith(home.path)}
    try:
        if components:
            result = _walk(home, request, components, found)
        else:
            result = home.specific.route(request, [])
    except Http404:
        return None  # what Wagtail keeps for a path no page answers
    page = result[0]
    on_path = {p.translation_key for p in [home, *(ancestors_on_path(page) or []), page]}
    setattr(
        page,
        TRANSLATIONS_ATTR,
        [r for r in rows if r.translation_key in on_path and r.locale_id != page.locale_id],
    )
    return result


def ancestors_on_path(page):
    """The pages from the site root down to ``page``'s parent, if routing found them."""
    return getattr(page, ANCESTORS_ATTR, None)


def translations_on_path(page):
    """The pages in other languages translating ``page`` or its ancestors, if routing read
    them (rows of every state: the caller applies the visibility rule), else None."""
    return getattr(page, TRANSLATIONS_ATTR, None)


class PageRouteMiddleware:
    """Routes a request Wagtail's ``serve`` answers in three queries (``preroute``)."""

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
            if result is not UNDECIDED:
                request._wagtail_route_for_request = result
        return None
