"""Condition articles, techniques and topics in the delivery API."""

from datetime import date, datetime
from typing import Literal

from django.db.models import Count, F, Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field
from wagtail.models import Page

from author_profiles.api import TeamMemberRef, serialize_ref
from services.api import ServiceRef, serialize_service_ref
from spa_site.api.endpoints import context, listing, public_page_or_404, public_queryset, search_ids
from spa_site.api.head import PageHead, head_data
from spa_site.api.images import ImageSchema, prefetch_renditions, serialize_image
from spa_site.api.index_pages import register_index_page
from spa_site.api.links import page_link, page_meta
from spa_site.api.params import ListParams, SearchQuery, Slug, expand_param
from spa_site.api.registry import register_page_type
from spa_site.api.rich_text import RichTextHTML, render_rich_text
from spa_site.api.schemas import PageLink, PageMeta, paginated, reference, responses
from spa_site.api.streamfield import chooser_page_ids, serialize_block, stream_schema

from . import selectors
from .models import (
    ArticleIndexPage,
    ConditionArticlePage,
    TaggedArticle,
    TechniqueIndexPage,
    TechniquePage,
    TopicTag,
)

articles_router = Router(tags=["articles"])
techniques_router = Router(tags=["techniques"])
topics_router = Router(tags=["topics"])

ConditionArticleBody = stream_schema(
    ConditionArticlePage._meta.get_field("body").stream_block, "ConditionArticleBody"
)


class TopicLink(Schema):
    name: str
    slug: str
    url: str | None = Field(description="Path of the topic page on the site.")
    api_url: str


class TechniqueCard(PageLink):
    type: Literal["technique"]
    summary: str
    pressure_level: Literal["gentle", "moderate", "firm", "deep"]
    pressure_label: str
    listing_image: ImageSchema | None = Field(description="Presets: card.")
    tags: list[TopicLink]


TechniqueRef = reference(TechniqueCard, PageLink, "TechniqueRef")


class ArticleCard(PageLink):
    """What an article card shows, with its references as links (or expanded on request)."""

    type: Literal["condition_article"]
    summary: str
    condition_name: str
    listing_image: ImageSchema | None = Field(description="Presets: card.")
    tags: list[TopicLink]
    author: TeamMemberRef | None
    reviewer: TeamMemberRef | None = Field(
        description="Who approved this content in the Medical review workflow; null until "
        "a medical reviewer has approved the current content."
    )
    last_reviewed: date | None = Field(
        description="When that approval was given; null together with `reviewer`."
    )
    reading_time_minutes: int
    last_published_at: datetime | None
    techniques: list[TechniqueRef] = Field(description="Recommended techniques.")
    services: list[ServiceRef] = Field(description="Services to book for this condition.")


class TocEntry(Schema):
    anchor: str = Field(description="The id the section heading carries on the site.")
    heading: str
    block_id: str = Field(description="The `id` of the body block the heading belongs to.")


class RelatedArticle(PageLink):
    summary: str
    listing_image: ImageSchema | None = Field(description="Presets: card.")


class ArticleDetail(ArticleCard):
    subtitle: str
    alternate_names: list[str]
    hero_image: ImageSchema | None = Field(description="Presets: hero, card.")
    table_of_contents: list[TocEntry]
    body: ConditionArticleBody
    related_articles: list[RelatedArticle] = Field(description="Articles sharing topics.")
    meta: PageMeta


class ConditionLink(PageLink):
    condition_name: str


class TechniqueDetail(TechniqueCard):
    reviewer: TeamMemberRef | None = Field(
        description="Who approved this content in the Medical review workflow; null until "
        "a medical reviewer has approved the current content."
    )
    last_reviewed: date | None = Field(
        description="When that approval was given; null together with `reviewer`."
    )
    how_it_works: RichTextHTML
    what_to_expect: RichTextHTML
    precautions: RichTextHTML
    good_for: list[ConditionLink] = Field(description="Conditions whose articles recommend it.")
    services: list[ServiceRef]
    therapists: list[TeamMemberRef] = Field(description="Who performs a service using it.")
    meta: PageMeta


class TopicCard(TopicLink):
    article_count: int
    technique_count: int


class TopicDetail(TopicLink):
    articles: list[ArticleCard]
    techniques: list[TechniqueCard]
    head: PageHead | None = Field(
        description="The topic page's HTML head (null when the site has no conditions index)."
    )


ArticleList = paginated(ArticleCard, "ArticleList")
TechniqueList = paginated(TechniqueCard, "TechniqueList")
TopicList = paginated(TopicCard, "TopicList")

ARTICLE_EXPANDS = ("author", "reviewer", "techniques", "services")
TECHNIQUE_EXPANDS = ("reviewer", "services", "therapists")


# Topics ---------------------------------------------------------------------------------


def _topic_index(ctx):
    if not hasattr(ctx, "_topic_index"):
        ctx._topic_index = public_queryset(ctx, ArticleIndexPage).first()
    return ctx._topic_index


def topic_link(tag, ctx):
    ctx.depends_on(f"topic-{tag.pk}")
    index = _topic_index(ctx)
    return {
        "name": tag.name,
        "slug": tag.slug,
        "url": index.topic_url(tag) if index else None,
        "api_url": reverse("content_api:topic_detail", kwargs={"slug": tag.slug}),
    }


def _tag_prefetch(through):
    return Prefetch(
        "tagged_items", queryset=through.objects.select_related("tag").order_by("tag__name")
    )


def _tags(page, ctx):
    if ctx.preview:  # previewed content keeps its tags in memory, unprefetched
        return [topic_link(tag, ctx) for tag in page.tags.all()]
    return [topic_link(item.tag, ctx) for item in page.tagged_items.all()]


# Techniques -----------------------------------------------------------------------------


def technique_card_queryset(queryset):
    return selectors.technique_cards(queryset).prefetch_related(selectors.technique_tags())


def serialize_technique_card(technique, ctx):
    return {
        **page_link(technique, ctx),
        "summary": technique.listing_summary,
        "pressure_level": technique.pressure_level,
        "pressure_label": technique.get_pressure_level_display(),
        "listing_image": serialize_image(technique.listing_image, ["card"], ctx),
        "tags": _tags(technique, ctx),
    }


def serialize_technique_detail(technique, ctx):
    audience = ctx.audience
    good_for = selectors.technique_good_for(technique, audience)
    services = selectors.technique_services(technique, audience)
    therapists = selectors.technique_therapists(technique, audience)
    claim = selectors.review(technique, audience)
    return {
        **serialize_technique_card(technique, ctx),
        "reviewer": _reviewer(technique, claim, ctx),
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


# Articles -------------------------------------------------------------------------------


def article_card_queryset(ctx, queryset):
    """Articles ready for cards; their people, techniques and services are read for a whole
    page of cards at once by ``selectors.load_articles``."""
    queryset = queryset.select_related("listing_image").prefetch_related(
        _tag_prefetch(TaggedArticle)
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


def _person(person, ctx, expand):
    return serialize_ref(person, ctx, expand) if person else None


def _reviewer(page, claim, ctx):
    """The reviewer a review claim names (already checked public by the selectors)."""
    return _person(claim.reviewer if claim else None, ctx, "reviewer" in ctx.expand)


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
        "tags": _tags(article, ctx),
        "author": _person(people["author"], ctx, "author" in ctx.expand),
        "reviewer": _person(people["reviewer"], ctx, "reviewer" in ctx.expand),
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
    body_block = article.body.stream_block
    ctx.visible(chooser_page_ids(body_block, article.body))
    related = selectors.related_articles(article, ctx.audience) if article.pk else []
    return {
        **serialize_article_card(article, ctx),
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


# Topics endpoints -----------------------------------------------------------------------


@topics_router.get("/", response=responses(TopicList), url_name="topic_list", summary="List topics")
def list_topics(request, params: ListParams = Query(...)):
    """Topics with at least one public article or technique."""
    ctx = context(request)
    public = public_queryset(ctx, Page).values("pk")
    queryset = (
        TopicTag.objects.annotate(
            article_count=Count(
                "tagged_articles",
                filter=Q(tagged_articles__content_object__in=public),
                distinct=True,
            ),
            technique_count=Count(
                "tagged_techniques",
                filter=Q(tagged_techniques__content_object__in=public),
                distinct=True,
            ),
        )
        .filter(Q(article_count__gt=0) | Q(technique_count__gt=0))
        .order_by("name", "pk")
    )
    return listing(
        ctx,
        queryset,
        params,
        lambda items, c: [
            {
                **topic_link(t, c),
                "article_count": t.article_count,
                "technique_count": t.technique_count,
            }
            for t in items
        ],
        "topics",
    )


class TopicParams(Schema):
    expand: expand_param(*ARTICLE_EXPANDS) = None


@topics_router.get(
    "/{slug}/", response=responses(TopicDetail), url_name="topic_detail", summary="Topic"
)
def get_topic(request, slug: Slug, params: TopicParams = Query(...)):
    """A topic page: its articles and techniques (``expand`` applies to the article cards)."""
    ctx = context(request, params.expand)
    tag = TopicTag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404(f"No topic with slug “{slug}”.")
    articles = article_card_queryset(
        ctx, public_queryset(ctx, ConditionArticlePage).filter(tagged_items__tag=tag)
    ).order_by("title", "pk")
    techniques = technique_card_queryset(
        public_queryset(ctx, TechniquePage).filter(tagged_items__tag=tag)
    ).order_by("title", "pk")
    index = _topic_index(ctx)
    return {
        **topic_link(tag, ctx),
        "articles": serialize_article_cards(list(articles), ctx),
        "techniques": [serialize_technique_card(t, ctx) for t in techniques],
        "head": head_data(index, ctx, index.topic_context(request, tag)) if index else None,
    }


register_page_type(
    ConditionArticlePage,
    "condition_article",
    ArticleDetail,
    serialize_article_detail,
    detail_url_name="article_detail",
    prefetch_detail=article_detail_queryset,
)
register_page_type(
    TechniquePage,
    "technique",
    TechniqueDetail,
    serialize_technique_detail,
    detail_url_name="technique_detail",
    prefetch_detail=lambda queryset, ctx: technique_card_queryset(queryset),
)
register_index_page(ArticleIndexPage, "article_index")
register_index_page(TechniqueIndexPage, "technique_index")
