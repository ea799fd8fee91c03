"""Query parameters: limit/offset bounds, ``expand`` and the refusal of unknown parameters."""

import functools
from typing import Annotated

from ninja import Schema
from pydantic import Field
from wagtail.api.v3.errors import problem_response

from ..pagination import rows_by_keys

MAX_LIMIT = 50
MAX_OFFSET = 10_000
SLUG_PATTERN = r"^[-\w]+$"

Slug = Annotated[
    str, Field(pattern=SLUG_PATTERN, max_length=255, description="A slug, e.g. `back-pain`.")
]
SearchQuery = Annotated[
    str, Field(min_length=1, max_length=200, description="Full-text search terms.")
]


class ListParams(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description=f"Page size, at most {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description=f"Items to skip, at most {MAX_OFFSET}.")

    def page(self, queryset):
        return rows_by_keys(queryset, self.offset, self.offset + self.limit)


def expand_param(*names):
    """A comma-separated ``expand`` parameter limited to ``names`` (one level deep)."""
    alternatives = "|".join(names)
    return Annotated[
        str | None,
        Field(
            None,
            pattern=rf"^({alternatives})(,({alternatives}))*$",
            description=(
                "Comma-separated references to return in full instead of as links: "
                f"{', '.join(names)}. Expansion is one level deep."
            ),
        ),
    ]


def parse_expand(value):
    return frozenset(value.split(",")) if value else frozenset()


def _query_names(operation):
    names = set()
    for model in operation.models:
        if getattr(model, "__ninja_param_source__", None) == "query":
            names.update(getattr(model, "__ninja_flatten_map__", {}) or model.model_fields)
    return names


def refuse_unknown_query_params(run):
    """Answer 400 to query parameters the operation does not declare, instead of ignoring them."""

    @functools.wraps(run)
    def wrapper(request, *args, **kwargs):
        operation = run.__self__
        unknown = sorted(set(request.GET) - _query_names(operation))
        if unknown:
            return problem_response(
                status=400,
                detail=f"Unknown query parameter(s): {', '.join(unknown)}.",
                errors=[{"loc": ["query", name], "msg": "unknown parameter"} for name in unknown],
            )
        return run(request, *args, **kwargs)

    return wrapper
