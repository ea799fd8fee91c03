"""Wagtail admin views for front-desk staff: the bookings listing, inspect, cancel and move.

Cancel and move call the same guarded functions as the public flow (operations.py), acting
as staff: the double-booking guard applies, the customer's online cut-off does not.
Health-screen answers and flags appear only for users with ``booking.view_health_screen``.
"""

import datetime as dt

import django_filters
from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, Button
from wagtail.admin.widgets.button import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from author_profiles.models import ProfilePage

from . import availability, clock, conf, operations
from .models import Booking

HEALTH_PERMISSION = "booking.view_health_screen"


def can_see_health(user):
    return user.has_perm(HEALTH_PERMISSION)


class BookingPermissionPolicy(ModelPermissionPolicy):
    """Bookings are made through the booking flow and never deleted (they are cancelled)."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


class BookingFilterSet(WagtailFilterSet):
    when = django_filters.ChoiceFilter(
        label="When",
        choices=[("upcoming", "Upcoming"), ("past", "Past"), ("all", "All")],
        method="filter_when",
        empty_label=None,
    )
    day = django_filters.DateFilter(label="Day", method="filter_day", widget=AdminDateInput)
    therapist = django_filters.ModelChoiceFilter(
        queryset=ProfilePage.objects.filter(booking_schedules__isnull=False)
        .distinct()
        .order_by("title"),
    )

    class Meta:
        model = Booking
        fields = ["status", "location", "service"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("when"):
            data = data.copy()
            data["when"] = "upcoming"
        super().__init__(data, *args, **kwargs)

    def filter_when(self, queryset, name, value):
        today = availability.local_midnight(clock.now().astimezone(conf.tz()).date())
        if value == "upcoming":
            return queryset.filter(starts_at__gte=today)
        if value == "past":
            return queryset.filter(starts_at__lt=today)
        return queryset

    def filter_day(self, queryset, name, value):
        return queryset.filter(
            starts_at__gte=availability.local_midnight(value),
            starts_at__lt=availability.local_midnight(value + dt.timedelta(days=1)),
        )


class HealthFlagColumn(Column):
    def get_value(self, instance):
        screen = getattr(instance, "health_screen", None)
        return "Call before visit" if screen and screen.flagged else ""


class BookingIndexView(generic.IndexView):
    def get_base_queryset(self):
        queryset = (
            super()
            .get_base_queryset()
            .select_related("service", "therapist", "location")
            .order_by("starts_at")
        )
        if can_see_health(self.request.user):
            queryset = queryset.select_related("health_screen")
        return queryset

    @cached_property
    def columns(self):
        columns = super().columns
        if can_see_health(self.request.user):
            columns = [*columns, HealthFlagColumn("health_flag", label="Health screen")]
        return columns

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_confirmed and self.user_has_permission("change"):
            buttons += [
                ListingButton(
                    "Move",
                    url=reverse("booking_admin:move", args=[instance.pk]),
                    icon_name="calendar-alt",
                    priority=15,
                ),
                ListingButton(
                    "Cancel booking",
                    url=reverse("booking_admin:cancel", args=[instance.pk]),
                    icon_name="cross",
                    priority=16,
                ),
            ]
        return buttons


class BookingInspectView(generic.InspectView):
    template_name = "booking/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Booking.objects.select_related("service", "therapist", "location"), pk=self.pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if can_see_health(self.request.user):
            context["health_screen"] = getattr(self.object, "health_screen", None)
            context["show_health"] = True
        return context

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.is_confirmed and self.user_has_permission("change"):
            buttons += [
                Button(
                    "Move",
                    url=reverse("booking_admin:move", args=[self.object.pk]),
                    icon_name="calendar-alt",
                ),
                Button(
                    "Cancel booking",
                    url=reverse("booking_admin:cancel", args=[self.object.pk]),
                    icon_name="cross",
                ),
            ]
        return buttons


class _BookingActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    permission_policy = BookingPermissionPolicy(Booking)
    permission_required = "change"
    header_icon = "date"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.booking = get_object_or_404(
            Booking.objects.select_related("service", "therapist", "location"), pk=kwargs["pk"]
        )

    def get_page_subtitle(self):
        return str(self.booking)

    def get_success_url(self):
        return reverse("booking_admin:index")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["booking"] = self.booking
        context["local_start"] = self.booking.local_starts_at
        context["index_url"] = self.get_success_url()
        return context


class CancelForm(forms.Form):
    pass


class BookingCancelView(_BookingActionView):
    template_name = "booking/admin/cancel.html"
    page_title = "Cancel booking"
    form_class = CancelForm

    def form_valid(self, form):
        try:
            operations.cancel_booking(self.booking, actor=Booking.Actor.STAFF)
        except operations.BookingError as exc:
            messages.error(self.request, exc.message)
            return redirect(self.get_success_url())
        messages.success(
            self.request, f"Booking {self.booking.reference} cancelled; the customer is emailed."
        )
        return redirect(self.get_success_url())


class MoveForm(forms.Form):
    therapist = forms.ModelChoiceField(queryset=ProfilePage.objects.none())
    starts_at = forms.DateTimeField(label="New start (Long Beach time)", widget=AdminDateTimeInput)

    def __init__(self, *args, booking, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["therapist"].queryset = ProfilePage.objects.filter(
            pk__in=[
                t.pk for t in availability.bookable_therapists(booking.service, booking.location)
            ]
        ).order_by("title")
        self.fields["therapist"].initial = booking.therapist_id


class BookingMoveView(_BookingActionView):
    template_name = "booking/admin/move.html"
    page_title = "Move booking"
    form_class = MoveForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"booking": self.booking}

    def get_initial(self):
        return {"starts_at": self.booking.local_starts_at.replace(tzinfo=None)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        after = max(clock.now(), self.booking.starts_at - dt.timedelta(days=1))
        context["free_times"] = [
            moment.astimezone(conf.tz())
            for moment in availability.next_free(
                self.booking.service,
                self.booking.duration_minutes,
                self.booking.therapist_id,
                after,
                count=10,
                location=self.booking.location,
            )
        ]
        return context

    def form_valid(self, form):
        starts_at = form.cleaned_data["starts_at"]
        if starts_at.tzinfo is None:
            starts_at = starts_at.replace(tzinfo=conf.tz())
        try:
            moved = operations.reschedule_booking(
                self.booking,
                starts_at.astimezone(dt.UTC),
                therapist=form.cleaned_data["therapist"],
                actor=Booking.Actor.STAFF,
            )
        except operations.BookingError as exc:
            form.add_error("starts_at", exc.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Booking {moved.reference} moved to {moved.local_starts_at:%a %b %-d, %-I:%M %p %Z}; "
            "the customer is emailed a new invite.",
        )
        return redirect(self.get_success_url())
