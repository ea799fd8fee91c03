"""Admin wiring: a "Bookings" menu with the bookings listing, schedules and time off."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from .admin_views import (
    BookingCancelView,
    BookingFilterSet,
    BookingIndexView,
    BookingInspectView,
    BookingMoveView,
    BookingPermissionPolicy,
)
from .front_desk import PERMISSION as FRONT_DESK_PERMISSION
from .front_desk import DayView, PhoneBookingView
from .models import Booking, Schedule, TimeOff

register_permission_policy(Booking, BookingPermissionPolicy(Booking), exact_class=True)


class BookingViewSet(ModelViewSet):
    model = Booking
    name = "booking_admin"
    url_prefix = "booking/bookings"
    icon = "date"
    menu_label = "Bookings"
    index_view_class = BookingIndexView
    inspect_view_class = BookingInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = BookingFilterSet
    search_fields = ["customer_name", "customer_email", "customer_phone"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        Column("reference", label="Reference"),
        Column("local_start_label", label="When", sort_key="starts_at"),
        "location",
        "therapist",
        "service",
        "customer_name",
        "customer_phone",
        "status",
    ]
    list_export = [
        "reference",
        "local_start_label",
        "duration_minutes",
        "location",
        "therapist",
        "service",
        "customer_name",
        "customer_email",
        "customer_phone",
        "status",
        "staff_notes",
    ]
    export_headings = {"reference": "Reference", "local_start_label": "Starts (local time)"}
    export_filename = "bookings"
    form_fields = ["customer_name", "customer_email", "customer_phone", "staff_notes"]
    inspect_view_fields = [
        "reference",
        "status",
        "local_start_label",
        "duration_minutes",
        "service",
        "therapist",
        "location",
        "price",
        "customer_name",
        "customer_email",
        "customer_phone",
        "staff_notes",
        "source_page",
        "created_at",
        "cancelled_at",
        "cancelled_by",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("cancel/<int:pk>/", BookingCancelView.as_view(), name="cancel"),
            path("move/<int:pk>/", BookingMoveView.as_view(), name="move"),
            path("phone/", PhoneBookingView.as_view(), name="phone"),
            path("day/", DayView.as_view(), name="day"),
        ]


class ScheduleViewSet(ModelViewSet):
    model = Schedule
    name = "booking_schedule"
    url_prefix = "booking/working-hours"
    icon = "time"
    menu_label = "Working hours"
    list_display = ["__str__", "therapist", "location"]
    list_filter = ["therapist", "location"]
    copy_view_enabled = False


class TimeOffViewSet(ModelViewSet):
    model = TimeOff
    name = "booking_timeoff"
    url_prefix = "booking/time-off"
    icon = "cross"
    menu_label = "Time off"
    list_display = ["therapist", "starts_at", "ends_at", "reason"]
    list_filter = ["therapist"]
    copy_view_enabled = False


class FrontDeskMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(FRONT_DESK_PERMISSION)


class FrontDeskLink(ViewSet):
    """A menu entry for a front-desk page served by ``BookingViewSet`` (its URLs)."""

    url_name = ""
    menu_item_class = FrontDeskMenuItem

    def get_urlpatterns(self):
        return []

    @cached_property
    def menu_url(self):
        return reverse(f"booking_admin:{self.url_name}")


class DayViewLink(FrontDeskLink):
    name = "booking_day"
    menu_label = "Day view"
    icon = "calendar"
    url_name = "day"


class PhoneBookingLink(FrontDeskLink):
    name = "booking_phone"
    menu_label = "Book by phone"
    icon = "mobile-alt"
    url_name = "phone"


class BookingAdminGroup(ModelViewSetGroup):
    menu_label = "Bookings"
    menu_icon = "date"
    menu_order = 210
    items = [DayViewLink, PhoneBookingLink, BookingViewSet, ScheduleViewSet, TimeOffViewSet]


@hooks.register("register_admin_viewset")
def register_booking_admin():
    return BookingAdminGroup()


@hooks.register("register_content_api_router")
def register_booking_api():
    from .api import router  # the API assembles after the apps are ready

    return "/booking/", router, False  # personal and written to: never a cached answer
