from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import QuerySet


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


def paginate(request, items, per_page, param="page"):
    """The requested page of ``items``; a missing, malformed or out-of-range number gives the
    nearest valid page rather than an error, so shared links never break."""
    if isinstance(items, QuerySet):
        items = KeyedRows(items)
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get(param, 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
