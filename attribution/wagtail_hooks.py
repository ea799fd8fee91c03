"""Admin wiring: the "Bookings by content" report under Reports."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import PERMISSION, BookingsByContentReport


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = [
        path("", BookingsByContentReport.as_view(), name="report"),
        path("results/", BookingsByContentReport.as_view(results_only=True), name="report_results"),
    ]
    return [path("reports/bookings-by-content/", include((urls, "attribution")))]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        "Bookings by content",
        reverse("attribution:report"),
        name="bookings-by-content",
        icon_name="pick",
        order=900,
    )
