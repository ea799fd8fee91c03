"""The links every card carries: its topics and its people."""

from django.db.models import Prefetch
from django.urls import reverse

from author_profiles.api import serialize_ref
from spa_site.api.endpoints import public_queryset

from ..models import ArticleIndexPage


def topic_index(ctx):
    """The conditions index whose topic pages the links point at (None without one)."""
    if not hasattr(ctx, "_topic_index"):
        ctx._topic_index = public_queryset(ctx, ArticleIndexPage).first()
    return ctx._topic_index


def topic_link(tag, ctx):
    ctx.depends_on(f"topic-{tag.pk}")
    index = topic_index(ctx)
    return {
        "name": tag.name,
        "slug": tag.slug,
        "url": index.topic_url(tag) if index else None,
        "api_url": reverse("content_api:topic_detail", kwargs={"slug": tag.slug}),
    }


def tag_prefetch(through):
    return Prefetch(
        "tagged_items", queryset=through.objects.select_related("tag").order_by("tag__name")
    )


def tags(page, ctx):
    if ctx.preview:  # previewed content keeps its tags in memory, unprefetched
        return [topic_link(tag, ctx) for tag in page.tags.all()]
    return [topic_link(item.tag, ctx) for item in page.tagged_items.all()]


def person_ref(person, ctx, expand):
    return serialize_ref(person, ctx, expand) if person else None


def reviewer_ref(claim, ctx):
    """The reviewer a review claim names (already checked public by the selectors)."""
    return person_ref(claim.reviewer if claim else None, ctx, "reviewer" in ctx.expand)
