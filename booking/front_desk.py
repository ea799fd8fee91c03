"""Front desk in the admin: book a caller by phone, and the day view per location.

A phone booking goes through ``operations.create_booking``, the path the public flow and
the API use: the same checks, the same double-booking guard, the same emails. The health
screen is optional here (a caller may not want to answer on the phone); when it is skipped
no answers are stored, and answers given are stored apart as always (``HealthScreen``),
visible only with ``booking.view_health_screen``. Both pages are plain forms and links
(no JavaScript needed), in tab order, and fit a 1280 px screen.
"""

import copy
import datetime as dt
import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from services.models import LocationPage, Service
from spa_site import visibility
from spa_site.text import multi_line

from . import availability, clock, conf, day_view, operations
from .forms import YES_NO, BookingDetailsForm, format_start, parse_start
from .models import HealthScreen

PERMISSION = "booking.change_booking"  # the front desk's own permission on bookings
ANY = "any"


def _int(value):
    value = str(value or "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else None


def _day(value, default):
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return default


def public_locations():
    return list(visibility.current().pages(LocationPage).order_by("path"))


class FrontDeskMixin(WagtailAdminTemplateMixin):
    header_icon = "date"
    _show_breadcrumbs = True

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("booking_admin:index"), "label": "Bookings"},
            {"url": "", "label": self.page_title},
        ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def today(self):
        return clock.now().astimezone(conf.tz()).date()

    @cached_property
    def locations(self):
        return public_locations()

    def chosen_location(self, params):
        wanted = _int(params.get("location"))
        found = next((loc for loc in self.locations if loc.pk == wanted), None)
        return found or (self.locations[0] if len(self.locations) == 1 else None)


class CallerForm(forms.Form):
    """The caller's details: the public form's name, email and phone fields and rules."""

    start = forms.ChoiceField(
        label="Time", widget=forms.RadioSelect, error_messages={"required": "Choose a time."}
    )
    staff_notes = forms.CharField(
        label="Notes for staff (optional)",
        required=False,
        validators=[multi_line],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    policy_read = forms.BooleanField(
        label="I read the cancellation policy to the caller and they accept it",
        error_messages={"required": "Read the cancellation policy to the caller first."},
    )
    health_asked = forms.BooleanField(
        label="The caller answered the health screen below",
        required=False,
        help_text="Optional. Leave unticked to store no health answers.",
    )
    health_notes = forms.CharField(
        label="Anything else the therapist should know? (optional)",
        required=False,
        max_length=500,
        validators=[multi_line],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    clean_phone = BookingDetailsForm.clean_phone

    def __init__(self, *args, times=(), **kwargs):
        super().__init__(*args, **kwargs)
        contact = {
            n: copy.deepcopy(BookingDetailsForm.base_fields[n]) for n in ("name", "email", "phone")
        }
        contact["email"].help_text = "The confirmation and the manage link are sent here."
        contact["phone"].help_text = ""
        self.fields = {"start": self.fields.pop("start"), **contact, **self.fields}
        self.fields["start"].choices = [
            (format_start(moment), f"{moment.astimezone(conf.tz()):%-I:%M %p %Z}")
            for moment in times
        ]
        for name, question in HealthScreen.QUESTIONS:
            self.fields[name] = forms.ChoiceField(
                label=question, choices=YES_NO, widget=forms.RadioSelect, required=False
            )
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)

    @property
    def health_fields(self):
        return [self[name] for name, _ in HealthScreen.QUESTIONS]

    def clean(self):
        data = super().clean()
        if data.get("health_asked"):
            for name, _ in HealthScreen.QUESTIONS:
                if not data.get(name):
                    self.add_error(name, "Answer yes or no (or untick the health screen).")
        return data

    def health_answers(self):
        """The answers, or None when the caller was not asked."""
        if not self.cleaned_data.get("health_asked"):
            return None
        return {name: self.cleaned_data[name] == "yes" for name, _ in HealthScreen.QUESTIONS}


class PhoneBookingView(FrontDeskMixin, TemplateView):
    """Step by step, each a GET form: location → treatment, therapist and day → time and
    caller (the one POST)."""

    template_name = "booking/admin/phone.html"
    page_title = "Book by phone"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        params = request.POST if request.method == "POST" else request.GET
        self.location = self.chosen_location(params)
        self.services = (
            list(Service.objects.bookable(visibility.current(), location=self.location))
            if self.location
            else []
        )
        self.treatments = [
            (variant, service)
            for service in self.services
            for variant in service.variants_at(self.location)
        ]
        wanted = _int(params.get("treatment"))
        self.variant, self.service = next(
            ((v, s) for v, s in self.treatments if v.pk == wanted), (None, None)
        )
        self.team = day_view.therapists_at(self.location) if self.location else []
        therapist_id = _int(params.get("therapist"))
        self.therapist = next((t for t in self.team if t.pk == therapist_id), None)
        self.day = max(_day(params.get("date"), self.today), self.today)

    @property
    def ready(self):
        return self.service is not None

    def free_times(self):
        if not self.ready:
            return []
        result = availability.compute(
            self.service,
            self.variant.duration_minutes,
            self.day,
            self.day,
            None if self.therapist is None else {self.therapist.pk},
            location=self.location,
        )
        return result.starts(None if self.therapist is None else self.therapist.pk)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        times = self.free_times()
        if self.ready and form is None:
            initial = {}
            wanted = parse_start(self.request.GET.get("start", ""))
            if wanted in times:
                initial["start"] = format_start(wanted)
            form = CallerForm(times=times, initial=initial)
        context.update(
            locations=self.locations,
            location=self.location,
            treatments=self.treatments,
            variant=self.variant,
            service=self.service,
            team=self.team,
            therapist=self.therapist,
            any=ANY,
            day=self.day,
            today=self.today,
            times=times,
            form=form,
            day_view_url=self.day_view_url(),
        )
        return context

    def day_view_url(self):
        if not self.location:
            return reverse("booking_admin:day")
        return (
            f"{reverse('booking_admin:day')}?location={self.location.pk}&date={self.day:%Y-%m-%d}"
        )

    def post(self, request, *args, **kwargs):
        if not self.ready:
            messages.error(request, "Choose the location, treatment and day again.")
            return redirect(reverse("booking_admin:phone"))
        form = CallerForm(request.POST, times=self.free_times())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        booking_request = operations.BookingRequest(
            service=self.service,
            variant=self.variant,
            therapist=self.therapist,
            starts_at=parse_start(data["start"]),
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            accept_policy=data["policy_read"],
            health=form.health_answers(),
            health_notes=data["health_notes"] if data.get("health_asked") else "",
            idempotency_key=data["idempotency_key"],
            location=self.location,
            staff_notes=data["staff_notes"],
        )
        try:
            booking, _created = operations.create_booking(booking_request)
        except operations.BookingError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            status = exc.status
            if isinstance(exc, operations.SlotTaken):
                form = CallerForm(request.POST, times=self.free_times())
                form.is_valid()
                form.add_error("start", "That time was just taken. Choose another.")
            return self.render_to_response(self.get_context_data(form=form), status=status)
        messages.success(
            request,
            f"Booked {booking.reference}: {booking.service.name} with {booking.therapist.title} "
            f"at {booking.location.title}, {booking.local_starts_at:%a %b %-d, %-I:%M %p %Z}. "
            "The caller is emailed a confirmation.",
        )
        return redirect(
            f"{reverse('booking_admin:day')}?location={booking.location_id}"
            f"&date={booking.local_starts_at:%Y-%m-%d}"
        )


class DayView(FrontDeskMixin, TemplateView):
    template_name = "booking/admin/day.html"
    page_title = "Day view"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        location = self.chosen_location(self.request.GET) or (
            self.locations[0] if self.locations else None
        )
        day = _day(self.request.GET.get("date"), self.today)
        grid = day_view.day_grid(location, day) if location else None
        phone = reverse("booking_admin:phone")
        context.update(
            locations=self.locations,
            location=location,
            day=day,
            grid=grid,
            previous_day=day - dt.timedelta(days=1),
            next_day=day + dt.timedelta(days=1),
            phone_url=phone,
            columns=[(therapist, grid.summary(n)) for n, therapist in enumerate(grid.therapists)]
            if grid
            else [],
        )
        return context
