"""Site search over the page types and models named in settings, labelled by type.

The core app never imports the content apps: what to search is configuration
(``SITE_SEARCH_PAGE_TYPES`` and ``SITE_SEARCH_MODELS``), resolved through the app registry.
Wagtail's database backend uses PostgreSQL full-text search there and a simpler
matcher on SQLite; both are exercised by the tests.
"""

import functools

from django.apps import apps
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe
from wagtail.models import Page

from . import visibility
from .conf import spa_settings
from .listing import with_card_images
from .pagination import paginate
from .search_terms import search_terms

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def _models(names):
    return [apps.get_model(name) for name in names]


def search_pages(terms, request=None):
    """Public pages of the searched types matching ``terms`` (plain words from
    ``search_terms``, never raw input). The search backend filters only on indexed fields,
    so the read layer's rule is applied as live pages less the hidden ones, by id."""
    page_types = _models(spa_settings.SITE_SEARCH_PAGE_TYPES)
    audience = visibility.for_request(request)
    hidden = audience.hidden_live_ids()
    pages = Page.objects.live().filter(audience.scope_q).type(*page_types).exclude(pk__in=hidden)
    return pages.specific().search(terms)


def search_other(query, request=None):
    """Non-page results (e.g. services): what visitors may see of them, which the model's
    manager says with ``bookable(audience)`` when it has one."""
    results = []
    audience = visibility.for_request(request)
    for model in _models(spa_settings.SITE_SEARCH_MODELS):
        queryset = model.objects.all()
        found = list(queryset.search(query)[:50])
        if hasattr(queryset, "bookable"):
            # The search backend filters on indexed fields only: keep the bookable ones here.
            shown = set(queryset.bookable(audience).values_list("pk", flat=True))
            found = [obj for obj in found if obj.pk in shown]
        results.append((model._meta.verbose_name_plural.capitalize(), found[:5]))
    return [(label, items) for label, items in results if items]


@require_safe
def search_view(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    terms = search_terms(query)

    @functools.cache
    def results():
        if not terms:
            return None, None
        page_obj = paginate(request, search_pages(terms, request), RESULTS_PER_PAGE)
        page_obj.object_list = with_card_images(page_obj.object_list)
        return page_obj, search_other(terms, request) if page_obj.number == 1 else None

    response = render(
        request,
        "spa_site/search.html",
        {
            "search_query": query,
            "query": query,
            "no_words": bool(query) and not terms,
            "page_number": request.GET.get("page", "1"),
            "page_obj": SimpleLazyObject(lambda: results()[0]),
            "other_results": SimpleLazyObject(lambda: results()[1]),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response
