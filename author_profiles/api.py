"""Profiles (the people who write, review and perform services) in the delivery API."""

from datetime import date
from typing import Literal

from django.urls import NoReverseMatch, reverse
from ninja import Query, Router, Schema
from pydantic import Field

from spa_site.api.endpoints import context, listing, public_page_or_404, public_queryset, search_ids
from spa_site.api.images import ImageSchema, prefetch_renditions, serialize_image
from spa_site.api.index_pages import register_index_page
from spa_site.api.links import page_link, page_meta
from spa_site.api.params import ListParams, SearchQuery, Slug
from spa_site.api.registry import register_page_type
from spa_site.api.rich_text import RichTextHTML, render_rich_text
from spa_site.api.schemas import PageLink, PageMeta, paginated, reference, responses

from . import selectors
from .models import ProfileIndexPage, ProfilePage

router = Router(tags=["profiles"])


class ProfileCard(PageLink):
    """What a card or byline shows about a person."""

    type: Literal["profile"]
    summary: str = Field(description="The summary, else the start of the bio (as on the cards).")
    job_title: str
    experience: str = Field(description="Years of practice in words, e.g. “12 years”.")
    photo: ImageSchema | None = Field(description="Presets: avatar.")
    specialties: list[str]


ProfileRef = reference(ProfileCard, PageLink, "ProfileRef")


class Credential(Schema):
    name: str
    kind: Literal["license", "certification", "degree"]
    kind_label: str
    issuer: str
    identifier: str
    expires: date | None


class ProfileLink(Schema):
    label: str
    url: str


class ServiceLink(Schema):
    name: str
    slug: str
    api_url: str | None


class ProfileDetail(ProfileCard):
    bio: RichTextHTML
    credentials: list[Credential]
    profile_links: list[ProfileLink]
    articles_written: list[PageLink]
    articles_reviewed: list[PageLink]
    services: list[ServiceLink] = Field(description="Bookable services this person performs.")
    locations: list[PageLink]
    contains_sample_data: bool = Field(description="Some facts on this profile are placeholders.")
    meta: PageMeta


ProfileList = paginated(ProfileCard, "ProfileList")


class ProfileFilters(ListParams):
    location: Slug | None = Field(None, description="Slug of a location page.")
    service: Slug | None = Field(None, description="Slug of a service they perform.")
    search: SearchQuery | None = None
    ordering: Literal["title", "-title"] = "title"


def card_queryset(queryset):
    return prefetch_renditions(queryset.select_related("photo"), "photo")


def serialize_card(person, ctx):
    return {
        **page_link(person, ctx),
        "summary": person.listing_summary,
        "job_title": person.job_title,
        "experience": person.experience_label,
        "photo": serialize_image(person.photo, ["avatar"], ctx),
        "specialties": [str(block.value) for block in person.specialties],
    }


def serialize_ref(person, ctx, expand):
    """A person reference; callers have checked the person is public."""
    if person is None:
        return None
    return serialize_card(person, ctx) if expand else page_link(person, ctx)


def _service_api_url(slug):
    try:
        return reverse("content_api:service_detail", kwargs={"slug": slug})
    except NoReverseMatch:
        return None


def serialize_detail(person, ctx):
    audience = ctx.audience
    written = selectors.articles_written(person, audience)
    reviewed = selectors.articles_reviewed(person, audience)
    services = selectors.services_performed(person, audience)
    locations = selectors.locations(person, audience)
    return {
        **serialize_card(person, ctx),
        "bio": render_rich_text(person.bio, ctx),
        "credentials": [
            {
                "name": c.name,
                "kind": c.kind,
                "kind_label": c.get_kind_display(),
                "issuer": c.issuer,
                "identifier": c.identifier,
                "expires": c.expires,
            }
            for c in person.credentials.all()
        ],
        "profile_links": [
            {"label": link.label, "url": link.url} for link in person.profile_links.all()
        ],
        "articles_written": [page_link(a, ctx) for a in written],
        "articles_reviewed": [page_link(a, ctx) for a in reviewed],
        "services": [
            {"name": s.name, "slug": s.slug, "api_url": _service_api_url(s.slug)} for s in services
        ],
        "locations": [page_link(location, ctx) for location in locations],
        "contains_sample_data": person.contains_sample_data,
        "meta": page_meta(person, ctx),
    }


@router.get("/", response=responses(ProfileList), url_name="profile_list", summary="List profiles")
def list_profiles(request, filters: ProfileFilters = Query(...)):
    """Staff profiles, who write and review articles and perform services."""
    ctx = context(request)
    queryset = public_queryset(ctx, ProfilePage)
    if filters.location:
        queryset = queryset.filter(locations__slug=filters.location)
    if filters.service:
        queryset = queryset.filter(services__slug=filters.service, services__active=True)
    if filters.search:
        queryset = queryset.filter(pk__in=search_ids(ProfilePage, filters.search))
    queryset = card_queryset(queryset.distinct().order_by(filters.ordering, "pk"))
    return listing(
        ctx, queryset, filters, lambda items, c: [serialize_card(p, c) for p in items], "profiles"
    )


@router.get(
    "/{slug}/", response=responses(ProfileDetail), url_name="profile_detail", summary="Profile"
)
def get_profile(request, slug: Slug):
    ctx = context(request)
    queryset = card_queryset(public_queryset(ctx, ProfilePage)).prefetch_related(
        "credentials", "profile_links"
    )
    return serialize_detail(public_page_or_404(ctx, queryset, slug), ctx)


register_page_type(
    ProfilePage,
    "profile",
    ProfileDetail,
    serialize_detail,
    detail_url_name="profile_detail",
    prefetch_detail=lambda queryset, ctx: card_queryset(queryset).prefetch_related(
        "credentials", "profile_links"
    ),
)
register_index_page(ProfileIndexPage, "profile_index")
