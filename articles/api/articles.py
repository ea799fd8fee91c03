"""Condition articles in the delivery API (``/api/content/articles/``)."""

from typing import Literal

from django.db.models import F, prefetch_related_objects
from ninja import Query, Router, Schema
from pydantic import Field

from services.api import serialize_service_ref
from spa_site.api.endpoints import context, listing, public_page_or_404, public_queryset, search_ids
from spa_site.api.images import prefetch_renditions, serialize_image
from spa_site.api.index_pages import register_index_page
from spa_site.api.links import page_link, page_meta
from spa_site.api.params import ListParams, SearchQuery, Slug, expand_param
from spa_site.api.registry import register_page_type
from spa_site.api.schemas import responses
from spa_site.api.streamfield import chooser_page_ids, serialize_block

from .. import selectors
from ..models import ArticleIndexPage, ConditionArticlePage, TaggedArticle
from .links import person_ref, tag_prefetch, tags
from .schemas import ARTICLE_EXPANDS, ArticleDetail, ArticleList
from .techniques import serialize_technique_card

articles_router = Router(tags=["articles"])


def article_card_queryset(ctx, queryset):
    """Articles ready for cards; their people, techniques and services are read for a whole
    page of cards at once by ``selectors.load_articles``."""
    queryset = queryset.select_related("listing_image").prefetch_related(
        tag_prefetch(TaggedArticle)
    )
    return prefetch_renditions(queryset, "listing_image")


def serialize_article_cards(articles, ctx):
    articles = list(articles)
    selectors.load_articles(articles, ctx.audience)
    if "techniques" in ctx.expand:  # expanded technique cards show their topics: one query
        techniques = [
            t for a in articles for t in selectors.recommended_techniques(a, ctx.audience)
        ]
        prefetch_related_objects(techniques, selectors.technique_tags())
    return [serialize_article_card(article, ctx) for article in articles]


def _technique_ref(technique, ctx):
    if "techniques" in ctx.expand:
        return serialize_technique_card(technique, ctx)
    return page_link(technique, ctx)


def serialize_article_card(article, ctx):
    audience = ctx.audience
    people = selectors.article_people(article, audience)
    claim = selectors.review(article, audience)
    techniques = selectors.recommended_techniques(article, audience)
    if "techniques" in ctx.expand:  # a no-op when a listing prefetched them already
        prefetch_related_objects(techniques, selectors.technique_tags())
    return {
        **page_link(article, ctx),
        "summary": article.listing_summary,
        "condition_name": article.condition_name,
        "listing_image": serialize_image(article.listing_image, ["card"], ctx),
        "tags": tags(article, ctx),
        "author": person_ref(people["author"], ctx, "author" in ctx.expand),
        "reviewer": person_ref(people["reviewer"], ctx, "reviewer" in ctx.expand),
        "last_reviewed": claim.reviewed_on if claim else None,
        "reading_time_minutes": article.estimated_reading_time_minutes(),
        "last_published_at": article.last_published_at,
        "techniques": [_technique_ref(t, ctx) for t in techniques],
        "services": [
            serialize_service_ref(s, ctx, "services" in ctx.expand)
            for s in selectors.article_services(article, audience)
        ],
    }


def serialize_article_detail(article, ctx):
    # The card first, as the page's context comes before its template: the selectors keep
    # what they load (``spa_site.loaded``), so the body's chosen services and techniques
    # are those, with their locations and prices, not read again one by one.
    card = serialize_article_card(article, ctx)
    body_block = article.body.stream_block
    ctx.visible(chooser_page_ids(body_block, article.body))
    related = selectors.related_articles(article, ctx.audience) if article.pk else []
    return {
        **card,
        "subtitle": article.subtitle,
        "alternate_names": [n.strip() for n in article.alternate_names.split(",") if n.strip()],
        "hero_image": serialize_image(article.hero_image, ["hero", "card"], ctx),
        "table_of_contents": [
            {"anchor": anchor, "heading": heading, "block_id": block_id or ""}
            for block_id, anchor, heading in article.table_of_contents
        ],
        "body": serialize_block(body_block, article.body, ctx),
        "related_articles": [
            {
                **page_link(other, ctx),
                "summary": other.listing_summary,
                "listing_image": serialize_image(other.listing_image, ["card"], ctx),
            }
            for other in related
        ],
        "meta": page_meta(article, ctx),
    }


class ArticleFilters(ListParams):
    tag: Slug | None = Field(None, description="Slug of a topic.")
    technique: Slug | None = Field(None, description="Slug of a recommended technique.")
    service: Slug | None = Field(None, description="Slug of a related service.")
    author: Slug | None = Field(None, description="Slug of the author's profile page.")
    search: SearchQuery | None = None
    ordering: Literal[
        "title", "-title", "last_reviewed", "-last_reviewed", "published", "-published"
    ] = "title"
    expand: expand_param(*ARTICLE_EXPANDS) = None


ORDERING_FIELDS = {"published": "first_published_at"}


@articles_router.get(
    "/", response=responses(ArticleList), url_name="article_list", summary="List condition articles"
)
def list_articles(request, filters: ArticleFilters = Query(...)):
    """Article cards: title, summary, image, topics, author, reading time and last review."""
    ctx = context(request, filters.expand)
    queryset = public_queryset(ctx, ConditionArticlePage)
    if filters.tag:
        queryset = queryset.filter(tagged_items__tag__slug=filters.tag)
    if filters.technique:
        queryset = queryset.filter(recommended_techniques__technique__slug=filters.technique)
    if filters.service:
        queryset = queryset.filter(related_services__service__slug=filters.service)
    if filters.author:
        queryset = queryset.filter(author__slug=filters.author)
    if filters.search:
        queryset = queryset.filter(pk__in=search_ids(ConditionArticlePage, filters.search))
    field = filters.ordering.lstrip("-")
    column = F(ORDERING_FIELDS.get(field, field))
    # A never-reviewed article sorts as the oldest review, on every database.
    if filters.ordering.startswith("-"):
        ordering = column.desc(nulls_last=True)
    else:
        ordering = column.asc(nulls_first=True)
    queryset = article_card_queryset(ctx, queryset.distinct().order_by(ordering, "title", "pk"))
    return listing(ctx, queryset, filters, serialize_article_cards, "articles")


class ArticleDetailParams(Schema):
    expand: expand_param(*ARTICLE_EXPANDS) = None


@articles_router.get(
    "/{slug}/",
    response=responses(ArticleDetail),
    url_name="article_detail",
    summary="Condition article",
)
def get_article(request, slug: Slug, params: ArticleDetailParams = Query(...)):
    """Everything the article page shows, with the body as typed blocks."""
    ctx = context(request, params.expand)
    queryset = article_detail_queryset(public_queryset(ctx, ConditionArticlePage), ctx)
    return serialize_article_detail(public_page_or_404(ctx, queryset, slug), ctx)


def article_detail_queryset(queryset, ctx):
    queryset = article_card_queryset(ctx, queryset)
    return prefetch_renditions(queryset.select_related("hero_image"), "hero_image")


register_page_type(
    ConditionArticlePage,
    "condition_article",
    ArticleDetail,
    serialize_article_detail,
    detail_url_name="article_detail",
    prefetch_detail=article_detail_queryset,
)
register_index_page(ArticleIndexPage, "article_index")
