"""Site search over the page types and models named in settings, labelled by type.

The core app never imports the content apps: what to search is configuration
(``SITE_SEARCH_PAGE_TYPES`` and ``SITE_SEARCH_MODELS``), resolved through the app registry.
Wagtail's database backend uses PostgreSQL full-text search there and a simpler
matcher on SQLite; both are exercised by the tests.
"""

import functools

from django.apps import apps
from django.conf import settings
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe
from wagtail.models import Page

from .listing import with_card_images
from .pagination import paginate
from .publishing import not_expired_q
from .search_terms import search_terms

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def _models(names):
    return [apps.get_model(name) for name in names]


def search_pages(query):
    """Public pages matching ``query``: plain terms from ``search_terms``, never raw input."""
    page_types = _models(settings.SITE_SEARCH_PAGE_TYPES)
    # Expiry is not a search filter field on Page, so leave expired pages out by id (before
    # the scheduled-publishing cron unpublishes them; normally none or very few).
    expired = Page.objects.live().exclude(not_expired_q()).values_list("pk", flat=True)
    return (
        Page.objects.live()
        .public()
        .exclude(pk__in=list(expired))
        .type(*page_types)
        .specific()
        .search(query)
    )


def search_other(query):
    """Non-page results (e.g. services); only active ones when the model has the flag."""
    results = []
    for model in _models(settings.SITE_SEARCH_MODELS):
        queryset = model.objects.all()
        if any(f.name == "active" for f in model._meta.fields):
            queryset = queryset.filter(active=True)
        results.append(
            (model._meta.verbose_name_plural.capitalize(), list(queryset.search(query)[:5]))
        )
    return [(label, items) for label, items in results if items]


@require_safe
def search_view(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    terms = search_terms(query)

    @functools.cache
    def results():
        if not terms:
            return None, None
        page_obj = paginate(request, search_pages(terms), RESULTS_PER_PAGE)
        page_obj.object_list = with_card_images(page_obj.object_list)
        return page_obj, search_other(terms) if page_obj.number == 1 else None

    # Lazy: the template renders the results from a fragment cached per query, page and
    # content version, and searches only when that fragment is not cached.
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
