"""``meta.head``: what the page's HTML head holds, for a front end to render the same head.

Built by ``spa_site.seo.metadata.page_head``, the function the HTML head prints, so the two
cannot drift: title, description, canonical URL, robots, Open Graph and Twitter tags (image
URLs included), hreflang alternates and the JSON-LD graph.
"""

from typing import Any

from ninja import Schema
from pydantic import Field

from ..seo.metadata import page_head


class MetaProperty(Schema):
    property: str = Field(examples=["og:image"])
    content: str


class MetaName(Schema):
    name: str = Field(examples=["twitter:card"])
    content: str


class HeadImage(Schema):
    url: str = Field(description="Absolute URL of the share image (1200×630 unless uploaded).")
    width: int
    height: int
    alt: str


class Alternate(Schema):
    hreflang: str
    href: str


class PageHead(Schema):
    """Print these as the page's ``<head>``: ``<title>``, ``<meta name="description">``,
    ``<link rel="canonical">``, ``<meta name="robots">``, one ``<meta property>`` per
    ``open_graph`` item, one ``<meta name>`` per ``twitter`` item, one ``<link rel="alternate"
    hreflang>`` per alternate and ``json_ld`` in a ``<script type="application/ld+json">``."""

    title: str = Field(description="The full `<title>`, site name included.")
    description: str
    canonical: str = Field(description="Absolute canonical URL of the page on the site.")
    robots: str = Field(examples=["index, follow, max-image-preview:large", "noindex, follow"])
    open_graph: list[MetaProperty]
    twitter: list[MetaName]
    image: HeadImage | None
    alternates: list[Alternate] = Field(
        description="The page in other languages (empty while the site has one locale)."
    )
    json_ld: dict[str, Any] | None = Field(
        description="The page's JSON-LD document (`@context`, `@graph`), as the HTML page has it."
    )


def head_data(page, ctx, context=None):
    """The head of ``page`` (``context``: a routed sub-page's, e.g. ``{"topic": tag}``)."""
    ctx.depends_on("site")
    return page_head(ctx.request, page, context or {}, own_query=False).as_data()
