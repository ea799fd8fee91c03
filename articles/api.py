"""Condition articles, techniques and topics in the delivery API."""

from datetime import date, datetime
from typing import Literal

from django.db.models import Count, F, Prefetch, Q
from django.http import Http404
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field
from wagtail.models import Page

from author_profiles.api import TeamMemberRef, card_queryset, serialize_ref
from services.api import ServiceRef, public_services, serialize_service_ref, service_queryset
from spa_site.api.endpoints import context, listing, public_page_or_404, public_queryset, search_ids
from spa_site.api.images import ImageSchema, prefetch_renditions, serialize_image
from spa_site.api.index_pages import register_index_page
from spa_site.api.links import page_link, page_meta
from spa_site.api.params import ListParams, SearchQuery, Slug, expand_param
from spa_site.api.registry import register_page_type
from spa_site.api.rich_text import RichTextHTML, render_rich_text
from spa_site.api.schemas import PageLink, PageMeta, paginated, responses
from spa_site.api.streamfield import chooser_page_ids, serialize_block, stream_schema
from spa_site.review_claims import review_claim, review_claims

from .models import (
    ArticleIndexPage,
    ArticleService,
    ArticleTechnique,
    ConditionArticlePage,
    TaggedArticle,
    TaggedTechnique,
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


class TechniqueRef(PageLink):
    """A link to a technique; ``expanded`` holds its card when ``expand`` names the field."""

    expanded: TechniqueCard | None = None


NOT_GIVEN = object()


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
    return prefetch_renditions(
        queryset.select_related("listing_image").prefetch_related(_tag_prefetch(TaggedTechnique)),
        "listing_image",
    )


def serialize_technique_card(technique, ctx):
    return {
        **page_link(technique, ctx),
        "summary": technique.summary,
        "pressure_level": technique.pressure_level,
        "pressure_label": technique.get_pressure_level_display(),
        "listing_image": serialize_image(technique.listing_image, ["card"], ctx),
        "tags": _tags(technique, ctx),
    }


def serialize_technique_detail(technique, ctx):
    saved = technique.pk is not None
    public = public_queryset(ctx, Page).values("pk")
    good_for = technique.good_for().filter(pk__in=public) if saved else []
    services = service_queryset(ctx, technique.services(), therapists=False) if saved else []
    therapists = card_queryset(technique.therapists().filter(pk__in=public)) if saved else []
    claim = review_claim(technique)
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
        "meta": page_meta(technique),
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
    """Everything a page of cards needs, in a fixed number of queries whatever its size."""
    public = public_queryset(ctx, Page).values("pk")
    techniques = technique_card_queryset(TechniquePage.objects.all())
    services = service_queryset(ctx, public_services(ctx), therapists=False)
    queryset = queryset.select_related(
        "listing_image", "author__photo", "medical_reviewer__photo"
    ).prefetch_related(
        _tag_prefetch(TaggedArticle),
        Prefetch(
            "recommended_techniques",
            queryset=ArticleTechnique.objects.filter(technique__in=public)
            .prefetch_related(Prefetch("technique", queryset=techniques))
            .order_by("sort_order"),
        ),
        Prefetch(
            "related_services",
            queryset=ArticleService.objects.filter(service__in=public_services(ctx).values("pk"))
            .prefetch_related(Prefetch("service", queryset=services))
            .order_by("sort_order"),
        ),
    )
    return prefetch_renditions(
        queryset, "listing_image", "author__photo", "medical_reviewer__photo"
    )


def serialize_article_cards(articles, ctx):
    claims = review_claims(articles)
    ctx.visible({a.author_id for a in articles} | {c.reviewer.pk for c in claims.values()})
    return [serialize_article_card(article, ctx, claims.get(article.pk)) for article in articles]


def _reviewer(page, claim, ctx):
    """The reviewer of the claim, as a reference (the article's prefetched copy when it agrees)."""
    if claim is None:
        return None
    person = claim.reviewer
    if getattr(page, "medical_reviewer_id", None) == person.pk:
        person = page.medical_reviewer  # prefetched with its photo for listings
    return _person(person.pk, person, ctx, "reviewer" in ctx.expand)


def _person(person_id, person, ctx, expand):
    if person_id is None or not ctx.visible([person_id]):
        return None
    return serialize_ref(person, ctx, expand)


def _technique_ref(technique, ctx):
    data = page_link(technique, ctx)
    if "techniques" in ctx.expand:
        data["expanded"] = serialize_technique_card(technique, ctx)
    return data


def _article_techniques(article, ctx):
    if ctx.preview:  # in-memory links from the editor: check each target here
        links = [link for link in article.recommended_techniques.all() if link.technique_id]
        visible = ctx.visible([link.technique_id for link in links])
        return [link.technique for link in links if link.technique_id in visible]
    return [link.technique for link in article.recommended_techniques.all()]


def _article_services(article, ctx):
    if ctx.preview:
        ids = [link.service_id for link in article.related_services.all()]
        return list(
            service_queryset(ctx, public_services(ctx).filter(pk__in=ids), therapists=False)
        )
    return [link.service for link in article.related_services.all()]


def serialize_article_card(article, ctx, claim=NOT_GIVEN):
    if claim is NOT_GIVEN:
        claim = review_claim(article)
    return {
        **page_link(article, ctx),
        "summary": article.summary,
        "condition_name": article.condition_name,
        "listing_image": serialize_image(article.listing_image, ["card"], ctx),
        "tags": _tags(article, ctx),
        "author": _person(article.author_id, article.author, ctx, "author" in ctx.expand),
        "reviewer": _reviewer(article, claim, ctx),
        "last_reviewed": claim.reviewed_on if claim else None,
        "reading_time_minutes": article.estimated_reading_time_minutes(),
        "last_published_at": article.last_published_at,
        "techniques": [_technique_ref(t, ctx) for t in _article_techniques(article, ctx)],
        "services": [
            serialize_service_ref(s, ctx, "services" in ctx.expand)
            for s in _article_services(article, ctx)
        ],
    }


def serialize_article_detail(article, ctx):
    body_block = article.body.stream_block
    claim = review_claim(article)
    ctx.visible(
        chooser_page_ids(body_block, article.body)
        | {article.author_id, claim.reviewer.pk if claim else None}
    )
    related = []
    if article.pk and ctx.preview:  # in-memory tags cannot be queried: use the saved ones
        saved = ConditionArticlePage.objects.filter(pk=article.pk).first()
        related = saved.related_articles() if saved else []
    elif article.pk:
        related = article.related_articles()
    return {
        **serialize_article_card(article, ctx, claim),
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
                "summary": other.summary,
                "listing_image": serialize_image(other.listing_image, ["card"], ctx),
            }
            for other in related
        ],
        "meta": page_meta(article),
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
    return {
        **topic_link(tag, ctx),
        "articles": serialize_article_cards(list(articles), ctx),
        "techniques": [serialize_technique_card(t, ctx) for t in techniques],
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
