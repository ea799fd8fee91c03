"""Site-wide endpoints: path lookup, the redirects table, settings and navigation."""

from typing import Annotated, Literal, Union

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from ninja import Query, Router, Schema
from pydantic import Field

from spa_site import redirects, visibility
from spa_site.models import HomePage, SiteSettings

from .endpoints import context, listing
from .index_pages import register_index_page
from .links import page_link
from .params import ListParams
from .registry import page_types
from .schemas import PageLink, paginated, responses

register_index_page(HomePage, "home")

PATH_PATTERN = r"^/([-\w]+/)*$"


class RedirectTarget(Schema):
    """The site redirects this path: send the visitor on with ``status`` and ``location``, as
    the HTML site does (the same rule, ``spa_site.redirects``)."""

    type: Literal["redirect"]
    status: Literal[301, 302] = Field(description="301 permanent, 302 temporary.")
    location: str = Field(description="A path on the site, or an external URL.")
    api_url: str | None = Field(
        description="`pages/by-path/` of the location when it is a path on the site."
    )


def _by_name(page_type):
    """Page types in a stable order, whatever order the apps registered them in."""
    return page_type.name


def page_detail_union(*extra):
    """Every registered detail shape (and ``extra`` ones), discriminated on ``type``."""
    members = (
        tuple(page_type.detail_schema for page_type in sorted(page_types.values(), key=_by_name))
        + extra
    )
    return Annotated[Union[members], Field(discriminator="type")]  # noqa: UP007


def by_path_url(location):
    if not location or not location.startswith("/"):
        return None
    return reverse("content_api:page_by_path") + "?" + urlencode({"path": location})


def redirect_at(ctx, path):
    """The redirect answer for ``path``, or None when the site does not redirect it."""
    redirect = redirects.for_path(ctx.request, path)
    location = redirects.target(redirect, ctx.request) if redirect else None
    if location is None:
        return None
    ctx.depends_on("redirects")
    return {
        "type": "redirect",
        "status": 301 if redirect.is_permanent else 302,
        "location": location,
        "api_url": by_path_url(location),
    }


def serialize_page_detail(page, ctx):
    page_type = page_types.get(type(page))
    if page_type is None:
        raise Http404("This kind of page is not available in the API.")
    return page_type.serialize_detail(page, ctx)


def find_public_page(ctx, path):
    language = translation.get_language_from_path(path)
    if language and language != settings.LANGUAGE_CODE:  # a site path such as /es/tecnicas/
        visibility.use_language(ctx.request, language)
        path = path[len(language) + 1 :]
    audience = visibility.for_request(ctx.request)
    if audience.site is None:
        raise Http404("No site is configured.")
    home = audience.home
    if home is None:
        raise Http404(f"No public page at “{path}”.")
    url_path = home.url_path + path.lstrip("/")
    page = audience.pages().filter(url_path=url_path).first()
    if page is None:
        raise Http404(f"No public page at “{path}”.")
    page = page.specific
    page_type = page_types.get(type(page))
    if page_type and page_type.prefetch_detail:
        page = page_type.prefetch_detail(type(page).objects.filter(pk=page.pk), ctx).get()
    ctx.depends_on_page(page)
    return page


class PathParams(Schema):
    path: str = Field(
        pattern=PATH_PATTERN,
        max_length=255,
        description="The page's path on the site, with leading and trailing slashes.",
        examples=["/conditions/back-spasm/"],
    )


class RedirectSchema(Schema):
    old_path: str
    new_url: str = Field(
        description="Where the site sends the visitor: a path on the site, or an external URL."
    )
    is_permanent: bool


RedirectList = paginated(RedirectSchema, "RedirectList")


class SiteSettingsSchema(Schema):
    business_name: str
    tagline: str


class SiteSchema(Schema):
    site_name: str
    root_url: str
    home: PageLink | None
    navigation: list[PageLink] = Field(description="Top-level pages shown in menus.")
    settings: SiteSettingsSchema


def build_router():
    """Built after every app registered its page types, so the union names them all."""
    router = Router(tags=["site"])
    PageDetail = page_detail_union()

    @router.get(
        "/pages/by-path/",
        response=responses(page_detail_union(RedirectTarget)),
        url_name="page_by_path",
        summary="Page by path",
    )
    def page_by_path(request, params: PathParams = Query(...)):
        """The public page at a site path, in its type's detail shape; for a path the site
        redirects, a `redirect` object with the status and location the site answers with."""
        ctx = context(request)
        try:
            page = find_public_page(ctx, params.path)
        except Http404:
            redirect = redirect_at(ctx, params.path)
            if redirect is None:
                raise
            return redirect
        return serialize_page_detail(page, ctx)

    @router.get(
        "/redirects/",
        response=responses(RedirectList),
        url_name="redirect_list",
        summary="Redirects",
    )
    def list_redirects(request, params: ListParams = Query(...)):
        """The redirects editors and Wagtail (on slug change and move) created for this site."""
        ctx = context(request)
        queryset = redirects.for_site(request)
        public = visibility.for_request(request).pages().values("pk")
        queryset = queryset.filter(redirect_page__isnull=True).exclude(
            redirect_link=""
        ) | queryset.filter(redirect_page__in=public)

        def serialize(items, ctx):
            return [
                {
                    "old_path": r.old_path,
                    "new_url": redirects.target(r, request),
                    "is_permanent": r.is_permanent,
                }
                for r in items
            ]

        return listing(ctx, queryset, params, serialize, "redirects")

    @router.get(
        "/site/",
        response=responses(SiteSchema),
        url_name="site",
        summary="Site settings and navigation",
    )
    def site_info(request):
        ctx = context(request)
        ctx.depends_on("site")
        site = visibility.for_request(request).site
        if site is None:
            raise Http404("No site is configured.")
        audience = visibility.for_request(request)
        home = audience.home if audience.home and audience.can_see(audience.home) else None
        navigation = visibility.for_request(request).menu(home).specific(defer=True) if home else []
        settings = SiteSettings.for_site(site)
        return {
            "site_name": site.site_name or settings.business_name,
            "root_url": site.root_url,
            "home": page_link(home.specific, ctx) if home else None,
            "navigation": [page_link(page, ctx) for page in navigation],
            "settings": {"business_name": settings.business_name, "tagline": settings.tagline},
        }

    return router, PageDetail
