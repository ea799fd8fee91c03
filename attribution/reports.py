"""The "Bookings by content" report: per page, the views the server counted, the bookings
its Book links led to, and the conversion rate, for a week, a month or chosen dates.

Bookings are counted on the day they were made (site time zone), cancelled ones included: a
booking is what the page earned, whatever happened later. Bookings whose Book link came from
no page (or from a page since deleted) are one "Direct" row.
"""

import datetime as dt
from dataclasses import dataclass

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Page

from booking.models import Booking

from . import chart, counter
from .models import DailyPageViews

PERMISSION = "attribution.view_bookings_by_content"
PERIODS = [("week", "Last 7 days"), ("month", "Last 30 days"), ("custom", "Chosen dates")]
PERIOD_DAYS = {"week": 7, "month": 30}
MAX_DAYS = 366


@dataclass
class Row:
    page: Page | None
    views: int
    bookings: int

    @property
    def title(self):
        return self.page.get_admin_display_title() if self.page else "Direct (no page)"

    @property
    def page_type(self):
        return self.page.specific_class._meta.verbose_name if self.page else ""

    @property
    def url(self):
        return (self.page.full_url or "") if self.page else ""

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk]) if self.page else None

    @property
    def conversion(self):
        """Bookings per 100 views; None where no view was counted (direct, or a CDN)."""
        if not self.page or not self.views:
            return None
        return round(100 * self.bookings / self.views, 2)

    @property
    def conversion_label(self):
        return "—" if self.conversion is None else f"{self.conversion:.2f}%"


class PeriodFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(
        label="Period", choices=PERIODS, empty_label=None, method="keep"
    )
    starts = django_filters.DateFilter(
        label="From (chosen dates)", widget=AdminDateInput, method="keep"
    )
    ends = django_filters.DateFilter(
        label="To (chosen dates)", widget=AdminDateInput, method="keep"
    )

    class Meta:
        model = DailyPageViews
        fields = []

    def keep(self, queryset, name, value):
        return queryset  # the view reads the period itself

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("period"):
            data = data.copy()
            data["period"] = "week"
        super().__init__(data, *args, **kwargs)


def period_days(data, today):
    """(first day, last day, problem) of the period the filter asks for."""
    period = data.get("period") or "week"
    if period in PERIOD_DAYS:
        return today - dt.timedelta(days=PERIOD_DAYS[period] - 1), today, None
    starts, ends = data.get("starts"), data.get("ends")
    if not starts or not ends:
        return today - dt.timedelta(days=6), today, "Give both dates; showing the last 7 days."
    if ends < starts:
        starts, ends = ends, starts
    if (ends - starts).days >= MAX_DAYS:
        return (
            ends - dt.timedelta(days=MAX_DAYS - 1),
            ends,
            f"At most {MAX_DAYS} days at once; showing the {MAX_DAYS} days up to the end date.",
        )
    return starts, ends, None


def _local_midnight(day):
    return dt.datetime.combine(day, dt.time(0), tzinfo=timezone.get_current_timezone())


class BookingsByContentReport(ReportView):
    page_title = "Bookings by content"
    header_icon = "pick"
    index_url_name = "attribution:report"
    index_results_url_name = "attribution:report_results"
    results_template_name = "attribution/report_results.html"
    filterset_class = PeriodFilterSet
    paginate_by = 100
    default_ordering = "-bookings"
    columns = [
        TitleColumn("title", label="Page", get_url=lambda row: row.edit_url),
        Column("page_type", label="Type"),
        Column("views", label="Views", sort_key="views"),
        Column("bookings", label="Bookings", sort_key="bookings"),
        Column("conversion_label", label="Conversion", sort_key="conversion"),
    ]
    list_export = ["title", "page_type", "url", "views", "bookings", "conversion"]
    export_headings = {
        "title": "Page",
        "page_type": "Type",
        "url": "Public URL",
        "views": "Views",
        "bookings": "Bookings",
        "conversion": "Conversion (%)",
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        first, last = self.period[:2]
        return f"bookings-by-content-{first:%Y-%m-%d}-to-{last:%Y-%m-%d}"

    @cached_property
    def period(self):
        data = self.filters.form.cleaned_data if self.filters and self.filters.is_valid() else {}
        return period_days(data, timezone.localdate())

    def get_valid_orderings(self):
        return ["views", "-views", "bookings", "-bookings", "conversion", "-conversion"]

    def get_base_queryset(self):
        counter.flush()  # the report shows what the cache has counted so far
        first, last = self.period[:2]
        views = dict(
            DailyPageViews.objects.filter(day__range=(first, last))
            .values("page")
            .annotate(total=Sum("views"))
            .values_list("page", "total")
        )
        bookings = dict(
            self._bookings()
            .values("source_page")
            .annotate(total=Count("pk"))
            .values_list("source_page", "total")
        )
        pages = Page.objects.filter(pk__in=set(views) | set(bookings)).select_related(
            "content_type"
        )
        rows = [Row(page, views.get(page.pk, 0), bookings.get(page.pk, 0)) for page in pages]
        if bookings.get(None):
            rows.append(Row(None, 0, bookings[None]))
        return rows

    def _bookings(self):
        first, last = self.period[:2]
        return Booking.objects.filter(
            created_at__gte=_local_midnight(first),
            created_at__lt=_local_midnight(last + dt.timedelta(days=1)),
        )

    def order_queryset(self, rows):
        ordering = self.ordering or self.default_ordering
        name = ordering.lstrip("-")
        descending = ordering.startswith("-")
        present = [r for r in rows if getattr(r, name) is not None]
        missing = [r for r in rows if getattr(r, name) is None]
        present.sort(key=lambda r: (getattr(r, name), r.title.lower()), reverse=descending)
        return present + missing

    def filter_queryset(self, rows):
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first, last, problem = self.period
        days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        daily_views = dict(
            DailyPageViews.objects.filter(day__range=(first, last))
            .values("day")
            .annotate(total=Sum("views"))
            .values_list("day", "total")
        )
        daily_bookings = dict(
            self._bookings()
            .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
            .values("day")
            .annotate(total=Count("pk"))
            .values_list("day", "total")
        )
        context.update(
            chart=chart.daily_chart(days, daily_views, daily_bookings),
            period_first=first,
            period_last=last,
            period_problem=problem,
        )
        return context
