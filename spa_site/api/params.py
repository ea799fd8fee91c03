"""Parameter and field types of the APIs: limit/offset bounds, ``expand``, search terms,
text without control characters, and the refusal of unknown parameters."""

import functools
from typing import Annotated

from django.conf import settings
from ninja import Schema
from pydantic import AfterValidator, Field

from .. import text, visibility
from ..pagination import rows_by_keys
from ..search_terms import NO_WORDS_MESSAGE, search_terms
from .problems import problem_response

MAX_LIMIT = 50
MAX_OFFSET = 10_000
SLUG_PATTERN = r"^[-\w]+$"

Slug = Annotated[
    str, Field(pattern=SLUG_PATTERN, max_length=255, description="A slug, e.g. `back-pain`.")
]


def _terms(value):
    terms = search_terms(value)
    if not terms:
        raise ValueError(NO_WORDS_MESSAGE)
    return terms


def _text_rule(multiline):
    def check(value):
        message = text.problem(value, multiline=multiline)
        if message:
            raise ValueError(message)
        return value

    return check


#: The words of the text are searched (letters and digits in any script); punctuation and
#: operators are ignored, and text without a word is refused (422).
SearchQuery = Annotated[
    str,
    Field(
        min_length=1,
        max_length=200,
        description=(
            "Full-text search: the words of the text (letters and digits) are searched, "
            "punctuation and operators ignored. Text without a word is refused (422)."
        ),
    ),
    AfterValidator(_terms),
]
#: One line of text: no control character, no line break (a name, a phone number).
SingleLine = Annotated[str, AfterValidator(_text_rule(multiline=False))]
#: Free text over several lines: no control character but tab, line feed and carriage return.
MultiLine = Annotated[str, AfterValidator(_text_rule(multiline=True))]


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


#: Every endpoint's language parameter (documented in the OpenAPI document by
#: ``problems.ProblemAPI``): the content and the interface texts of the answer.
LOCALE_PARAM = "locale"


def locales():
    return [code for code, _ in settings.LANGUAGES]


def refuse_unknown_query_params(run):
    """Answer 400 to query parameters the operation does not declare, instead of ignoring them,
    and answer in the language ``locale`` names (default English) on every endpoint."""

    @functools.wraps(run)
    def wrapper(request, *args, **kwargs):
        operation = run.__self__
        unknown = sorted(set(request.GET) - _query_names(operation) - {LOCALE_PARAM})
        if unknown:
            return problem_response(
                status=400,
                detail=f"Unknown query parameter(s): {', '.join(unknown)}.",
                errors=[{"loc": ["query", name], "msg": "unknown parameter"} for name in unknown],
            )
        locale = request.GET.get(LOCALE_PARAM, settings.LANGUAGE_CODE)
        if locale not in locales():
            return problem_response(
                status=400,
                detail=f"Unknown locale; use one of: {', '.join(locales())}.",
                errors=[{"loc": ["query", LOCALE_PARAM], "msg": "unknown locale"}],
            )
        visibility.use_language(request, locale)
        return run(request, *args, **kwargs)

    return wrapper
