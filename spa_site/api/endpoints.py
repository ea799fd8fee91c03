"""Helpers the per-type endpoints share: public detail lookup and paginated listings."""

from django.http import Http404
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from spa_site import visibility

from ..pagination import count_keys
from .context import ApiContext
from .links import listing_translations
from .params import parse_expand


def context(request, expand=None):
    return ApiContext(request, parse_expand(expand))


def public_page_or_404(ctx, queryset, slug):
    """The one public page with ``slug`` in ``queryset`` (already filtered by type)."""
    page = queryset.filter(slug=slug).first()
    if page is None:
        raise Http404(f"No public {queryset.model._meta.verbose_name} with slug “{slug}”.")
    ctx.depends_on_page(page)
    return page


def public_queryset(ctx, model):
    return visibility.for_request(ctx.request).pages(model)


def listing(ctx, queryset, params, serialize_page, key):
    """Paginate ``queryset``; ``serialize_page(items, ctx)`` serialises one page of results."""
    ctx.depends_on(key)
    count = count_keys(queryset)
    items = params.page(queryset) if count > params.offset else []
    result = {
        "count": count,
        "limit": params.limit,
        "offset": params.offset,
        "items": serialize_page(items, ctx),
    }
    if issubclass(queryset.model, Page):
        result["translations"] = listing_translations(items, ctx)
    return result


def search_ids(model, terms, limit=500):
    """Primary keys of ``model`` objects matching ``terms`` in Wagtail's search backend.

    Callers intersect them with their public, filtered queryset (``pk__in``), so search
    combines with any filter, including ones the search index cannot express.
    """
    return [obj.pk for obj in get_search_backend().search(terms, model)[:limit]]
