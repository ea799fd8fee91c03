"""Wagtail's own v3 API at ``/api/v3/``, for token-authenticated editing tools, guarded.

Wagtail 8.0.1's v3 answers 500 to some input (see the recipes): a huge ``offset`` or id
overflows the database integer, actions on the tree root fail inside Wagtail, and some
lookups assume a default Site. Each URL is wrapped so such input gets a 4xx problem
response before it reaches Wagtail, and anonymous reads never include pages whose
``expire_at`` has passed, even before the scheduler has unpublished them. ``search`` is
reduced to plain terms (``spa_site.search_terms``) before Wagtail passes it to the backend;
text without a word is refused with 422.
"""

import functools
import json
import re

from django.db import DataError
from wagtail.api.v3 import querysets as v3_querysets
from wagtail.api.v3.api import api
from wagtail.api.v3.errors import problem_response
from wagtail.api.v3.routers import pages as v3_pages
from wagtail.models import Page

from spa_site import visibility

from ..search_terms import NO_WORDS_MESSAGE, search_terms

#: Largest value the database's integer columns hold (PostgreSQL bigint).
MAX_INT = 2**63 - 1
INTEGER_QUERY_PARAMS = {
    "offset",
    "limit",
    "id",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
}
BODY_PAGE_FIELDS = ("destination_id", "parent_id")


def _too_large(value):
    value = str(value).strip()
    # ASCII digits only: "²".isdigit() is true, but int("²") fails.
    return bool(re.fullmatch(r"-?[0-9]+", value)) and abs(int(value)) > MAX_INT


def _root_page_id():
    return Page.get_first_root_node().pk if Page.objects.exists() else None


def _body_page_ids(request):
    if request.content_type != "application/json" or not request.body:
        return []
    try:
        body = json.loads(request.body)
    except ValueError:
        return []
    if not isinstance(body, dict):
        return []
    meta = body.get("meta") if isinstance(body.get("meta"), dict) else {}
    return [
        source[field]
        for source in (body, meta)
        for field in BODY_PAGE_FIELDS
        if isinstance(source.get(field), int)
    ]


def guard(view, route):
    """Several methods share one URL (ninja dispatches them), so decide on route and method."""
    pages_route = route.startswith("pages/")
    read_needs_site = route in {"pages/", "pages/find/", "pages/<page_id>/"}

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        for key, value in request.GET.items():
            if key in INTEGER_QUERY_PARAMS and _too_large(value):
                return problem_response(status=400, detail=f"“{key}” is out of range.")
        if "search" in request.GET:
            terms = search_terms(request.GET["search"])
            if not terms:
                return problem_response(
                    status=422,
                    detail=NO_WORDS_MESSAGE,
                    errors=[{"loc": ["query", "search"], "msg": NO_WORDS_MESSAGE}],
                )
            request.GET = request.GET.copy()
            request.GET["search"] = terms
        for key, value in kwargs.items():
            if _too_large(value):
                return problem_response(status=404, detail=f"No object with {key} {value}.")
        if request.method not in ("GET", "HEAD", "OPTIONS") and pages_route:
            root_id = _root_page_id()
            targets = [kwargs.get("page_id"), *_body_page_ids(request)]
            if root_id is not None and any(str(t) == str(root_id) for t in targets if t):
                return problem_response(
                    status=422, detail="The tree root cannot be changed, copied, moved or targeted."
                )
            if any(_too_large(t) for t in targets if t is not None):
                return problem_response(status=422, detail="A page id is out of range.")
        if (
            read_needs_site
            and request.method == "GET"
            and not request.GET.get("site")
            and visibility.for_request(request).site is None
        ):
            return problem_response(status=404, detail="No site is configured.")
        return view(request, *args, **kwargs)

    return wrapper


def _public_pages_without_expired(request, model=Page):
    """Anonymous callers get what the read layer lets them see (``spa_site.visibility``).

    Wagtail already keeps to live, unrestricted pages of the site it picks (its ``site``
    parameter); what else the read layer hides (expired pages, before the cron) is left out
    by id, because a search can only filter on indexed fields and ``expire_at`` is not one
    (a filter on it made every anonymous search a 422). Normally none or very few."""
    queryset = _wagtail_get_pages_queryset(request, model)
    if not request.user.is_authenticated:
        queryset = queryset.exclude(pk__in=visibility.anonymous().hidden_live_ids())
    return queryset


_wagtail_get_pages_queryset = v3_querysets.get_pages_queryset
# The pages router looks the function up in its own module namespace at call time.
v3_pages.get_pages_queryset = _public_pages_without_expired


@api.exception_handler(DataError)
@api.exception_handler(OverflowError)
def _out_of_range(request, exc):
    return problem_response(status=400, detail="A parameter is out of range.")


def urls():
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = guard(pattern.callback, str(pattern.pattern))
    return patterns, app_name, namespace
