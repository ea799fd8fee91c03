from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from .content_version import cached


def rows_by_keys(queryset, start, stop):
    """Rows ``start:stop`` of ``queryset``, found by primary key first ("deferred join").

    The database sorts and skips over narrow (key, sort column) rows, then loads the full
    rows of the one slice: a plain OFFSET on a queryset of pages drags every row's
    StreamField body through the sort, so the last page of 10,000 articles took seconds.
    """
    keys = list(queryset.values_list("pk", flat=True)[start:stop])
    if not keys:
        return []
    rows = {row.pk: row for row in queryset.filter(pk__in=keys).order_by()}
    return [rows[key] for key in keys if key in rows]


def count_keys(queryset):
    """Distinct rows of ``queryset``, counted on primary keys only (not on whole rows)."""
    return queryset.order_by().values("pk").distinct().count()


class KeyedRows:
    """A queryset as the Paginator sees it, counted and sliced by ``count_keys`` and
    ``rows_by_keys``; the page's ``object_list`` is a list of full model instances."""

    def __init__(self, queryset):
        self.queryset = queryset
        self.ordered = queryset.ordered

    def count(self):
        return count_keys(self.queryset)

    def __getitem__(self, index):
        return rows_by_keys(self.queryset, index.start, index.stop)


class CachedKeyedRows(KeyedRows):
    """``KeyedRows`` whose ordered keys are kept under the content version (``name``): a
    listing's count and sort then cost nothing until the next publish, whatever its length."""

    def __init__(self, queryset, name):
        super().__init__(queryset)
        self.name = name

    @cached_property
    def keys(self):
        return cached(f"keys:{self.name}", lambda: list(self.queryset.values_list("pk", flat=True)))

    def count(self):
        return len(self.keys)

    def __getitem__(self, index):
        keys = self.keys[index]
        rows = {row.pk: row for row in self.queryset.filter(pk__in=keys).order_by()} if keys else {}
        return [rows[key] for key in keys if key in rows]


def paginate(request, items, per_page, param="page", keys_cache=None):
    """The requested page of ``items``; a missing, malformed or out-of-range number gives the
    nearest valid page rather than an error, so shared links never break. ``keys_cache``
    names a listing whose ordered keys may be cached (it must not depend on the request)."""
    if isinstance(items, QuerySet):
        items = CachedKeyedRows(items, keys_cache) if keys_cache else KeyedRows(items)
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get(param, 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
