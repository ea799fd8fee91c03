"""Topics in the delivery API (``/api/content/topics/``): the tags of articles and techniques."""

from django.db.models import Count, Q
from django.http import Http404
from ninja import Query, Router, Schema
from wagtail.models import Page

from spa_site.api.endpoints import context, listing, public_queryset
from spa_site.api.head import head_data
from spa_site.api.params import ListParams, Slug, expand_param
from spa_site.api.schemas import responses

from ..models import ConditionArticlePage, TechniquePage, TopicTag
from .articles import article_card_queryset, serialize_article_cards
from .links import topic_index, topic_link
from .schemas import ARTICLE_EXPANDS, TopicDetail, TopicList
from .techniques import serialize_technique_card, technique_card_queryset

topics_router = Router(tags=["topics"])


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
    index = topic_index(ctx)
    return {
        **topic_link(tag, ctx),
        "articles": serialize_article_cards(list(articles), ctx),
        "techniques": [serialize_technique_card(t, ctx) for t in techniques],
        "head": head_data(index, ctx, index.topic_context(request, tag)) if index else None,
    }
