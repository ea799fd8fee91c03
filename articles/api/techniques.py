"""Techniques in the delivery API (``/api/content/techniques/``)."""

from typing import Literal

from ninja import Query, Router, Schema
from pydantic import Field

from author_profiles.api import serialize_ref
from services.api import serialize_service_ref
from spa_site.api.endpoints import context, listing, public_page_or_404, public_queryset, search_ids
from spa_site.api.images import serialize_image
from spa_site.api.index_pages import register_index_page
from spa_site.api.links import page_link, page_meta
from spa_site.api.params import ListParams, SearchQuery, Slug, expand_param
from spa_site.api.registry import register_page_type
from spa_site.api.rich_text import render_rich_text
from spa_site.api.schemas import responses

from .. import selectors
from ..models import TechniqueIndexPage, TechniquePage
from .links import reviewer_ref, tags
from .schemas import TECHNIQUE_EXPANDS, TechniqueDetail, TechniqueList

techniques_router = Router(tags=["techniques"])


def technique_card_queryset(queryset):
    return selectors.technique_cards(queryset).prefetch_related(selectors.technique_tags())


def serialize_technique_card(technique, ctx):
    return {
        **page_link(technique, ctx),
        "summary": technique.listing_summary,
        "pressure_level": technique.pressure_level,
        "pressure_label": technique.get_pressure_level_display(),
        "listing_image": serialize_image(technique.listing_image, ["card"], ctx),
        "tags": tags(technique, ctx),
    }


def serialize_technique_detail(technique, ctx):
    audience = ctx.audience
    good_for = selectors.technique_good_for(technique, audience)
    services = selectors.technique_services(technique, audience)
    therapists = selectors.technique_therapists(technique, audience)
    claim = selectors.review(technique, audience)
    return {
        **serialize_technique_card(technique, ctx),
        "reviewer": reviewer_ref(claim, ctx),
        "last_reviewed": claim.reviewed_on if claim else None,
        "how_it_works": render_rich_text(technique.how_it_works, ctx),
        "what_to_expect": render_rich_text(technique.what_to_expect, ctx),
        "precautions": render_rich_text(technique.precautions, ctx),
        "good_for": [
            {**page_link(article, ctx), "condition_name": article.condition_name}
            for article in good_for
        ],
        "services": [serialize_service_ref(s, ctx, "services" in ctx.expand) for s in services],
        "therapists": [serialize_ref(p, ctx, "therapists" in ctx.expand) for p in therapists],
        "meta": page_meta(technique, ctx),
    }


class TechniqueFilters(ListParams):
    tag: Slug | None = Field(None, description="Slug of a topic.")
    service: Slug | None = Field(None, description="Slug of a service that uses it.")
    pressure: Literal["gentle", "moderate", "firm", "deep"] | None = None
    search: SearchQuery | None = None
    ordering: Literal["title", "-title"] = "title"


@techniques_router.get(
    "/", response=responses(TechniqueList), url_name="technique_list", summary="List techniques"
)
def list_techniques(request, filters: TechniqueFilters = Query(...)):
    ctx = context(request)
    queryset = public_queryset(ctx, TechniquePage)
    if filters.tag:
        queryset = queryset.filter(tagged_items__tag__slug=filters.tag)
    if filters.service:
        queryset = queryset.filter(technique_services__service__slug=filters.service)
    if filters.pressure:
        queryset = queryset.filter(pressure_level=filters.pressure)
    if filters.search:
        queryset = queryset.filter(pk__in=search_ids(TechniquePage, filters.search))
    queryset = technique_card_queryset(queryset.distinct().order_by(filters.ordering, "pk"))
    return listing(
        ctx,
        queryset,
        filters,
        lambda items, c: [serialize_technique_card(t, c) for t in items],
        "techniques",
    )


class TechniqueDetailParams(Schema):
    expand: expand_param(*TECHNIQUE_EXPANDS) = None


@techniques_router.get(
    "/{slug}/",
    response=responses(TechniqueDetail),
    url_name="technique_detail",
    summary="Technique",
)
def get_technique(request, slug: Slug, params: TechniqueDetailParams = Query(...)):
    ctx = context(request, params.expand)
    technique = public_page_or_404(
        ctx, technique_card_queryset(public_queryset(ctx, TechniquePage)), slug
    )
    return serialize_technique_detail(technique, ctx)


register_page_type(
    TechniquePage,
    "technique",
    TechniqueDetail,
    serialize_technique_detail,
    detail_url_name="technique_detail",
    prefetch_detail=lambda queryset, ctx: technique_card_queryset(queryset),
)
register_index_page(TechniqueIndexPage, "technique_index")
