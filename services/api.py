"""Locations and bookable services in the delivery API (what the booking start needs)."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field
from wagtail.models import Page

from author_profiles.api import (
    ProfileCard,
    ProfileRef,
    card_queryset,
    serialize_card,
    serialize_ref,
)
from author_profiles.models import ProfilePage
from spa_site.api.endpoints import context, listing, public_page_or_404, public_queryset, search_ids
from spa_site.api.images import ImageSchema, prefetch_renditions, serialize_image
from spa_site.api.index_pages import register_index_page
from spa_site.api.links import page_link, page_meta
from spa_site.api.params import ListParams, SearchQuery, Slug, expand_param
from spa_site.api.registry import register_page_type
from spa_site.api.rich_text import RichTextHTML, render_rich_text
from spa_site.api.schemas import PageLink, PageMeta, paginated, reference, responses
from spa_site.api.streamfield import register_snippet_serializer

from . import selectors
from .models import LocationIndexPage, LocationPage, Service

router = Router(tags=["services"])
locations_router = Router(tags=["locations"])


class Variant(Schema):
    duration_minutes: int
    price: Decimal = Field(description="Price in US dollars.")
    currency: Literal["USD"] = "USD"


class ServiceCard(Schema):
    name: str
    slug: str
    description: str
    url: str | None = Field(description="Where the service is shown on the site.")
    api_url: str
    location: PageLink | None
    variants: list[Variant]
    buffer_minutes: int
    contains_sample_data: bool


class ServiceRefLink(Schema):
    name: str
    slug: str
    api_url: str


ServiceRef = reference(ServiceCard, ServiceRefLink, "ServiceRef")


class ServiceDetail(ServiceCard):
    therapists: list[ProfileRef]
    techniques: list[PageLink]


class Address(Schema):
    street_address: str
    locality: str
    region: str
    postal_code: str
    country: str
    lines: list[str]


class Geo(Schema):
    latitude: float
    longitude: float


LocalTime = Annotated[
    str, Field(pattern=r"^\d{2}:\d{2}$", description="Local time (America/Los_Angeles), HH:MM.")
]


class OpeningPeriod(Schema):
    weekday: int = Field(ge=0, le=6, description="0 is Monday.")
    weekday_label: str
    opens: LocalTime
    closes: LocalTime


class ClosureSchema(Schema):
    date: date
    reason: str


class LocationCard(PageLink):
    type: Literal["location"]
    summary: str
    business_name: str
    address: Address
    geo: Geo | None
    phone: str
    email: str
    listing_image: ImageSchema | None = Field(description="Presets: card.")


class LocationDetail(LocationCard):
    description: RichTextHTML
    neighbourhoods_served: list[str]
    opening_hours: list[OpeningPeriod]
    closures: list[ClosureSchema]
    services: list[ServiceCard]
    therapists: list[ProfileCard]
    contains_sample_data: bool
    meta: PageMeta


ServiceList = paginated(ServiceDetail, "ServiceList")
LocationList = paginated(LocationCard, "LocationList")


def public_services(ctx):
    """Bookable services at a public location."""
    return Service.objects.bookable(ctx.audience)


def service_queryset(ctx, queryset, therapists=True):
    """``queryset`` (from ``bookable()``: location and variants loaded) with what a service
    detail shows."""
    if therapists:
        people = card_queryset(public_queryset(ctx, ProfilePage)).order_by("title")
        queryset = queryset.prefetch_related(
            Prefetch("therapists", queryset=people),
            Prefetch("technique_links", queryset=_public_technique_links(ctx)),
        )
    return queryset


def _public_technique_links(ctx):
    """Links from techniques (a reverse relation: the articles app sits above this one)."""
    link_model = Service.technique_links.rel.related_model
    public = public_queryset(ctx, Page).values("pk")
    return (
        link_model.objects.filter(technique__in=public)
        .select_related("technique")
        .order_by("technique__title")
    )


def service_url(service, location, ctx):
    """The service's anchor on the page of ``location``, its first (``service.location``)."""
    location_url = ctx.page_url(location) if location else None
    return f"{location_url}#service-{service.slug}" if location_url else None


def service_api_url(service):
    return reverse("content_api:service_detail", kwargs={"slug": service.slug})


def serialize_service(service, ctx):
    ctx.depends_on(f"service-{service.pk}")
    location = service.location
    return {
        "name": service.name,
        "slug": service.slug,
        "description": service.description,
        "url": service_url(service, location, ctx),
        "api_url": service_api_url(service),
        "location": page_link(location, ctx) if location and ctx.visible([location.pk]) else None,
        "variants": [
            {"duration_minutes": v.duration_minutes, "price": v.price}
            for v in service.variants_at(location)
        ],
        "buffer_minutes": service.buffer_minutes,
        "contains_sample_data": service.contains_sample_data,
    }


def serialize_service_ref(service, ctx, expand):
    if expand:
        return serialize_service(service, ctx)
    return {"name": service.name, "slug": service.slug, "api_url": service_api_url(service)}


def serialize_service_detail(service, ctx, expand=frozenset()):
    return {
        **serialize_service(service, ctx),
        "therapists": [
            serialize_ref(p, ctx, "therapists" in expand) for p in service.therapists.all()
        ],
        "techniques": [page_link(link.technique, ctx) for link in service.technique_links.all()],
    }


def _service_in_stream(service, ctx):
    """A service chosen in a StreamField block, if it can still be booked."""
    service = selectors.as_bookable(service, ctx.audience)
    return serialize_service(service, ctx) if service else None


register_snippet_serializer(Service, ServiceCard, _service_in_stream)


class ServiceFilters(ListParams):
    location: Slug | None = Field(None, description="Slug of a location page.")
    technique: Slug | None = Field(None, description="Slug of a technique page.")
    therapist: Slug | None = Field(
        None, description="Slug of a therapist (their profile) who performs it."
    )
    search: SearchQuery | None = None
    ordering: Literal["name", "-name", "sort_order"] = "sort_order"
    expand: expand_param("therapists") = None


@router.get("/", response=responses(ServiceList), url_name="service_list", summary="List services")
def list_services(request, filters: ServiceFilters = Query(...)):
    """Bookable services with their durations and prices: the start of booking."""
    ctx = context(request, filters.expand)
    queryset = public_services(ctx)
    if filters.location:
        queryset = queryset.filter(locations__slug=filters.location)
    if filters.technique:
        queryset = queryset.filter(technique_links__technique__slug=filters.technique)
    if filters.therapist:
        queryset = queryset.filter(therapists__slug=filters.therapist)
    if filters.search:
        queryset = queryset.filter(pk__in=search_ids(Service, filters.search))
    ordering = ["sort_order", "name"] if filters.ordering == "sort_order" else [filters.ordering]
    queryset = service_queryset(ctx, queryset.order_by(*ordering, "pk"))
    return listing(
        ctx,
        queryset,
        filters,
        lambda items, c: [serialize_service_detail(s, c, c.expand) for s in items],
        "services",
    )


class ServiceDetailParams(Schema):
    expand: expand_param("therapists") = None


@router.get(
    "/{slug}/", response=responses(ServiceDetail), url_name="service_detail", summary="Service"
)
def get_service(request, slug: Slug, params: ServiceDetailParams = Query(...)):
    ctx = context(request, params.expand)
    service = service_queryset(ctx, public_services(ctx)).filter(slug=slug).first()
    if service is None:
        raise Http404(f"No bookable service with slug “{slug}”.")
    return serialize_service_detail(service, ctx, ctx.expand)


def location_card_queryset(queryset):
    return prefetch_renditions(queryset.select_related("listing_image"), "listing_image")


def serialize_location_card(location, ctx):
    geo = None
    if location.latitude is not None and location.longitude is not None:
        geo = {"latitude": float(location.latitude), "longitude": float(location.longitude)}
    return {
        **page_link(location, ctx),
        "summary": location.listing_summary,
        "business_name": location.business_name,
        "address": {
            "street_address": location.street_address,
            "locality": location.locality,
            "region": location.region,
            "postal_code": location.postal_code,
            "country": location.country,
            "lines": location.address_lines,
        },
        "geo": geo,
        "phone": location.phone,
        "email": location.email,
        "listing_image": serialize_image(location.listing_image, ["card"], ctx),
    }


def serialize_location_detail(location, ctx):
    services = selectors.location_services(location, ctx.audience)
    therapists = selectors.location_therapists(location, ctx.audience)
    return {
        **serialize_location_card(location, ctx),
        "description": render_rich_text(location.description, ctx),
        "neighbourhoods_served": [
            n.strip() for n in location.neighbourhoods_served.split(",") if n.strip()
        ],
        "opening_hours": [
            {
                "weekday": row.weekday,
                "weekday_label": row.get_weekday_display(),
                "opens": row.opens.strftime("%H:%M"),
                "closes": row.closes.strftime("%H:%M"),
            }
            for row in location.opening_hours.all()
        ],
        "closures": [{"date": c.date, "reason": c.reason} for c in location.closures.all()],
        "services": [serialize_service(s, ctx) for s in services],
        "therapists": [serialize_card(p, ctx) for p in therapists],
        "contains_sample_data": location.contains_sample_data,
        "meta": page_meta(location, ctx),
    }


class LocationFilters(ListParams):
    search: SearchQuery | None = None
    ordering: Literal["title", "-title"] = "title"


@locations_router.get(
    "/", response=responses(LocationList), url_name="location_list", summary="List locations"
)
def list_locations(request, filters: LocationFilters = Query(...)):
    ctx = context(request)
    queryset = public_queryset(ctx, LocationPage)
    if filters.search:
        queryset = queryset.filter(pk__in=search_ids(LocationPage, filters.search))
    queryset = location_card_queryset(queryset.order_by(filters.ordering, "pk"))
    return listing(
        ctx,
        queryset,
        filters,
        lambda items, c: [serialize_location_card(p, c) for p in items],
        "locations",
    )


@locations_router.get(
    "/{slug}/", response=responses(LocationDetail), url_name="location_detail", summary="Location"
)
def get_location(request, slug: Slug):
    ctx = context(request)
    queryset = location_card_queryset(public_queryset(ctx, LocationPage)).prefetch_related(
        "opening_hours", "closures", "therapists"
    )
    return serialize_location_detail(public_page_or_404(ctx, queryset, slug), ctx)


register_page_type(
    LocationPage,
    "location",
    LocationDetail,
    serialize_location_detail,
    detail_url_name="location_detail",
    prefetch_detail=lambda queryset, ctx: location_card_queryset(queryset).prefetch_related(
        "opening_hours", "closures", "therapists"
    ),
)
register_index_page(LocationIndexPage, "location_index")
