"""Schemas every app's endpoints share: page links, listing envelopes and error bodies."""

from datetime import datetime
from typing import Any

from ninja import Schema
from pydantic import Field, create_model

from .head import PageHead


class PageLink(Schema):
    """A reference to another public page: enough to link to it and to fetch it."""

    id: int
    type: str = Field(description="The page type, as in the detail endpoints' `type`.")
    title: str
    slug: str
    url: str | None = Field(description="Path of the page on the site.")
    api_url: str | None = Field(description="Where the API serves the page in full.")


class SeoSchema(Schema):
    """The editor's SEO fields (for the page's own heading); print ``head`` as the head."""

    title: str = Field(description="SEO title, falling back to the page title.")
    description: str = Field(description="Meta description, falling back to the summary.")


class Translation(Schema):
    """The same page in another language (only translations a visitor may see)."""

    locale: str = Field(examples=["es"])
    id: int
    title: str
    url: str | None = Field(description="Path of the translation on the site (e.g. `/es/…`).")
    api_url: str | None = Field(description="Where the API serves it (with its `locale`).")


class PageMeta(Schema):
    locale: str = Field(description="The page's language.", examples=["en"])
    translations: list[Translation] = Field(
        description="The page in the site's other languages; empty while it has none."
    )
    first_published_at: datetime | None
    last_published_at: datetime | None
    head: PageHead = Field(description="What the page's HTML head holds, built by the same code.")
    seo: SeoSchema


def reference(card, link, name):
    """A reference schema: the link's members, plus the card's members inline, filled when
    ``expand`` names the field and null otherwise (one shape, no nested ``expanded``)."""
    extra = {
        field_name: (info.annotation | None, Field(None, description=info.description))
        for field_name, info in card.model_fields.items()
        if field_name not in link.model_fields
    }
    return create_model(
        name,
        __base__=link,
        __doc__=(
            f"A reference: the link members always; when `expand` names the field, the "
            f"{card.__name__} members too, inline (null otherwise)."
        ),
        **extra,
    )


def paginated(item_schema, name):
    """A listing envelope named for its items, e.g. ``ArticleList``; a listing of pages also
    maps each item to its translations."""
    fields = {
        "count": (int, Field(description="Items matching the filters, across all pages.")),
        "limit": (int, ...),
        "offset": (int, ...),
        "items": (list[item_schema], ...),
    }
    if issubclass(item_schema, PageLink):
        fields["translations"] = (
            dict[str, list[Translation]],
            Field(
                description="The listed pages in the site's other languages, by item `id` "
                "(as a string); an item without a visible translation is absent.",
                examples=[
                    {
                        "12": [
                            {
                                "locale": "es",
                                "id": 31,
                                "title": "Espasmo de espalda",
                                "url": "/es/afecciones/espasmo-de-espalda/",
                                "api_url": "/api/content/articles/espasmo-de-espalda/?locale=es",
                            }
                        ]
                    }
                ],
            ),
        )
    return create_model(name, __base__=Schema, **fields)


class Problem(Schema):
    """An RFC 9457 problem (``application/problem+json``): every error of every endpoint."""

    type: str = Field("about:blank", description="A URI naming the problem, or about:blank.")
    title: str = Field(description="The HTTP status phrase.")
    status: int
    detail: str = Field(description="What went wrong, for people.")
    code: str = Field(description="What went wrong, for programs (e.g. `slot_taken`).")
    field: str | None = Field(None, description="The input the problem is about, if one.")
    errors: list[dict[str, Any]] | None = Field(
        None, description="Each validation failure (`loc`, `msg`, `type`), for 400 and 422."
    )


#: Every endpoint documents its error answers, so generated clients and schemathesis know them.
ERRORS = {400: Problem, 404: Problem, 422: Problem}


def responses(schema):
    return {200: schema, **ERRORS}
