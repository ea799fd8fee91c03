"""A shared detail shape for pages that mainly introduce and list their children."""

from typing import Literal

from pydantic import Field, create_model
from wagtail.models import Page

from spa_site import visibility

from .images import ImageSchema, prefetch_renditions, serialize_image
from .links import page_link, page_meta
from .registry import register_page_type
from .rich_text import RichTextHTML, render_rich_text
from .schemas import PageLink, PageMeta


def serialize_index_page(page, ctx):
    children = (
        visibility.for_request(ctx.request)
        .filter(Page.objects.child_of(page))
        .specific(defer=True)
        .order_by("path")
        if page.pk
        else []
    )
    return {
        **page_link(page, ctx),
        "summary": page.listing_summary,
        "intro": render_rich_text(getattr(page, "intro", ""), ctx),
        "listing_image": serialize_image(page.listing_image, ["card"], ctx),
        "children": [page_link(child, ctx) for child in children],
        "meta": page_meta(page, ctx),
    }


def register_index_page(model, name):
    schema = create_model(
        f"{model.__name__}Detail",
        __base__=PageLink,
        type=(Literal[name], ...),
        summary=(str, ...),
        intro=(RichTextHTML, ...),
        listing_image=(ImageSchema | None, Field(description="Presets: card.")),
        children=(list[PageLink], Field(description="Public child pages, in menu order.")),
        meta=(PageMeta, ...),
    )
    register_page_type(
        model,
        name,
        schema,
        serialize_index_page,
        prefetch_detail=lambda qs, ctx: prefetch_renditions(
            qs.select_related("listing_image"), "listing_image"
        ),
    )
    return schema
