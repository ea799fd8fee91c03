"""Site-wide endpoints: path lookup, the redirects table, settings and navigation."""

from typing import Annotated, Union

from django.http import Http404
from ninja import Query, Router, Schema
from pydantic import Field
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from spa_site import visibility
from spa_site.models import HomePage, SiteSettings

from .endpoints import context, listing
from .index_pages import register_index_page
from .links import page_link
from .params import ListParams
from .registry import page_types
from .schemas import PageLink, paginated, responses

register_index_page(HomePage, "home")

PATH_PATTERN = r"^/([-\w]+/)*$"


def page_detail_union():
    """Every registered detail shape, discriminated on ``type``."""
    members = tuple(page_type.detail_schema for page_type in page_types.values())
    return Annotated[Union[members], Field(discriminator="type")]  # noqa: UP007


def serialize_page_detail(page, ctx):
    page_type = page_types.get(type(page))
    if page_type is None:
        raise Http404("This kind of page is not available in the API.")
    return page_type.serialize_detail(page, ctx)


def find_public_page(ctx, path):
    site = visibility.for_request(ctx.request).site
    if site is None:
        raise Http404("No site is configured.")
    root_url_path = (
        Page.objects.filter(pk=site.root_page_id).values_list("url_path", flat=True).first()
    )
    url_path = (root_url_path or "/") + path.lstrip("/")
    page = visibility.for_request(ctx.request).pages().filter(url_path=url_path).first()
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
    new_url: str = Field(description="A path on the site, or an external URL.")
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
        response=responses(PageDetail),
        url_name="page_by_path",
        summary="Page by path",
    )
    def page_by_path(request, params: PathParams = Query(...)):
        """The public page at a site path, in its type's detail shape (not a redirect)."""
        ctx = context(request)
        return serialize_page_detail(find_public_page(ctx, params.path), ctx)

    @router.get(
        "/redirects/",
        response=responses(RedirectList),
        url_name="redirect_list",
        summary="Redirects",
    )
    def list_redirects(request, params: ListParams = Query(...)):
        """The redirects editors and Wagtail (on slug change and move) created for this site."""
        ctx = context(request)
        site = visibility.for_request(request).site
        queryset = Redirect.objects.filter(site__isnull=True)
        if site is not None:
            queryset = Redirect.objects.filter(site=site) | queryset
        public = visibility.for_request(request).pages().values("pk")
        queryset = (
            (
                queryset.filter(redirect_page__isnull=True)
                | queryset.filter(redirect_page__in=public)
            )
            .select_related("redirect_page")
            .order_by("old_path", "pk")
        )

        def serialize(items, ctx):
            return [
                {
                    "old_path": r.old_path,
                    "new_url": ctx.page_url(r.redirect_page) if r.redirect_page else r.link,
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
        home = visibility.for_request(request).pages().filter(pk=site.root_page_id).first()
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
