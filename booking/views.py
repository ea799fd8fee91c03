"""The public booking flow: service → length → therapist → day and time → details → done.

Every step is a plain GET (the choices so far travel in the query string) until the one
POST that books; the manage link shows on GET and changes only on a CSRF-protected POST.
Cancelling takes two steps (a confirmation page, then its POST), so one stray click cancels
nothing. Every booking page is private (``booking/urls.py``: no caching, no indexing).
"""

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib import messages
from django.core.validators import slug_re
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from author_profiles.models import ProfilePage
from services import selectors
from services.models import Service
from spa_site import languages, visibility
from spa_site.ratelimits import MESSAGE as RATE_LIMIT_MESSAGE
from spa_site.ratelimits import RETRY_AFTER_SECONDS, over_limit

from . import attribution, availability, clock, conf, invites, operations, tokens
from .forms import BookingDetailsForm, RescheduleForm, format_start, parse_start
from .models import Booking

ANY = "any"


@dataclass
class Selection:
    """What the visitor has chosen so far, resolved from the query string."""

    services: list = field(default_factory=list)
    service: Service | None = None
    variants: list = field(default_factory=list)  # lengths and prices at the location
    locations: list = field(default_factory=list)  # public locations offering the service
    location: object = None
    variant: object = None
    team: list = field(default_factory=list)
    therapist: ProfilePage | None = None
    therapist_chosen: bool = False
    errors: dict = field(default_factory=dict)
    status: int = 200
    source: object = None  # the public page whose Book link started this booking, if any

    def error(self, key, message, status=400):
        self.errors[key] = message
        self.status = max(self.status, status)

    def params(self, **extra):
        params = {}
        if self.service:
            params["service"] = self.service.slug
        if self.location:
            params["location"] = self.location.slug
        if self.variant:
            params["variant"] = self.variant.pk
        if self.therapist_chosen:
            params["therapist"] = self.therapist.slug if self.therapist else ANY
        if self.source:
            params[attribution.PARAM] = self.source.pk
        params.update({k: v for k, v in extra.items() if v is not None})
        return params

    def url(self, name="booking:start", **extra):
        return f"{reverse(name)}?{urlencode(self.params(**extra))}"

    @cached_property
    def change_urls(self):
        """Links back to an earlier step: later choices are dropped, the source is kept."""
        start = reverse("booking:start")
        keep = {attribution.PARAM: self.source.pk} if self.source else {}
        service = {"service": self.service.slug} if self.service else {}
        where = {"location": self.location.slug} if self.location else {}
        variant = {"variant": self.variant.pk} if self.variant else {}
        return {
            "service": f"{start}?{urlencode(keep)}" if keep else start,
            "location": f"{start}?{urlencode(service | {'location': ''} | keep)}",
            "variant": f"{start}?{urlencode(service | where | {'variant': ''} | keep)}",
            "therapist": f"{start}?{urlencode(service | where | variant | keep)}",
        }

    @property
    def therapist_label(self):
        return self.therapist.title if self.therapist else _("Any available therapist")


def resolve(params):
    """The choices in ``params``, each checked against what visitors may book now.

    Once a service is named, only that one is read (``Service.objects.bookable``'s rule,
    filtered by slug: its variants and public locations come with it); the list of every
    bookable service is read only when the visitor is still to choose one (or the name is
    not found). Locations are the request's public ones (shared with the footer, with their
    hours and closures), so the time step computes without reading them again."""
    audience = visibility.current()
    public_locations = selectors.all_locations(audience)  # shared with the footer
    selection = Selection(source=attribution.source_page(params.get(attribution.PARAM), audience))
    location_slug = params.get("location", "")
    wanted_location = next((loc for loc in public_locations if loc.slug == location_slug), None)
    if location_slug and wanted_location is None:
        selection.error("location", _("We could not find that location. Choose one below."))
    slug = params.get("service", "")
    if slug:
        selection.service = bookable_by_slug(audience, slug)
        if selection.service is None:
            selection.services = service_choices(audience)
            selection.error("service", _("We could not find that service. Choose one below."), 404)
            return selection
    else:
        selection.services = service_choices(audience)
        if wanted_location is not None:  # "Book" on a location page: what is offered there
            selection.location = wanted_location
            selection.services = [s for s in selection.services if wanted_location in s.offered_at]
        for service in selection.services:
            service.shown_variants = service.variants_at(selection.location)
        return selection

    # The same public locations as the memo's rows, which carry their hours and closures.
    loaded = {loc.pk: loc for loc in public_locations}
    selection.locations = [loaded.get(loc.pk, loc) for loc in selection.service.offered_at]
    if wanted_location is not None:
        if wanted_location in selection.locations:
            selection.location = wanted_location
        else:
            selection.error(
                "location",
                _("%(service)s is not offered at %(location)s. Choose a location below.")
                % {"service": selection.service.name, "location": wanted_location.title},
            )
    elif len(selection.locations) == 1:
        selection.location = selection.locations[0]
    if selection.location is None:
        return selection

    variants = selection.service.variants_at(selection.location)
    selection.variants = variants
    variant_id = params.get("variant", "")
    if variant_id:
        selection.variant = next((v for v in variants if str(v.pk) == str(variant_id)), None)
        if selection.variant is None:
            selection.error("variant", _("Choose one of the lengths below."))
    elif len(variants) == 1:
        selection.variant = variants[0]

    selection.team = availability.bookable_therapists(selection.service, selection.location)
    therapist_slug = params.get("therapist", "")
    if therapist_slug == ANY:
        selection.therapist_chosen = True
    elif therapist_slug:
        selection.therapist = next((t for t in selection.team if t.slug == therapist_slug), None)
        if selection.therapist is None:
            selection.error(
                "therapist",
                _("That therapist does not offer %(service)s. Choose below.")
                % {"service": selection.service.name},
            )
        else:
            selection.therapist_chosen = True
    elif len(selection.team) == 1:
        selection.therapist = selection.team[0]
        selection.therapist_chosen = True
    return selection


def bookable_by_slug(audience, slug):
    """The bookable service called ``slug``, or None. Text no slug can be (a NUL byte, which
    PostgreSQL refuses in a query, any control character or space) finds nothing without
    asking the database."""
    field = Service._meta.get_field("slug")
    if len(slug) > field.max_length or not slug_re.match(slug):
        return None
    return next(iter(Service.objects.bookable(audience).filter(slug=slug)), None)


def service_choices(audience=None):
    """Every bookable service, for the step that lists them."""
    return list(Service.objects.bookable(audience))


def _parse_day(value):
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _day_view(selection, params, exclude_booking_id=None, therapist_id=None):
    """Days with free times in the display window, and the chosen day's times."""
    today = clock.now().astimezone(conf.tz()).date()
    errors = {}
    requested = params.get("date")
    day = _parse_day(requested) if requested else None
    if requested and day is None:
        errors["date"] = _("Choose a date from the list.")
    elif day and day < today:
        errors["date"] = _("That date has passed. Choose a later date.")
        day = None
    elif day and (day - today).days > conf.get("BOOKING_HORIZON_DAYS"):
        errors["date"] = _("Bookings open %(days)s days ahead. Choose an earlier date.") % {
            "days": conf.get("BOOKING_HORIZON_DAYS")
        }
        day = None
    shown = conf.get("BOOKING_DISPLAY_DAYS")
    # Picking a day inside the current window keeps the window; later dates page on.
    window_start = day if day and (day - today).days >= shown else today
    window_end = window_start + dt.timedelta(days=shown - 1)
    result = availability.compute(
        selection.service,
        selection.variant.duration_minutes,
        window_start,
        window_end,
        None if therapist_id is None else {therapist_id},
        exclude_booking_id=exclude_booking_id,
        therapists=selection.team,
        location=selection.location,
    )
    days = result.by_local_date(therapist_id)
    chosen = day if day in days else next(iter(sorted(days)), None)
    return {
        "days": sorted(days.items()),
        "chosen_day": chosen,
        "times": days.get(chosen, []),
        "window_start": window_start,
        "next_window": window_end + dt.timedelta(days=1),
        "day_errors": errors,
    }


@require_GET
def start(request):
    selection = resolve(request.GET)
    context = {"selection": selection, "any": ANY}
    if selection.service is None:
        step = "service"
    elif selection.location is None:
        step = "location"
    elif selection.variant is None:
        step = "variant"
    elif not selection.therapist_chosen:
        step = "therapist"
    else:
        step = "time"
        context.update(
            _day_view(
                selection,
                request.GET,
                therapist_id=selection.therapist.pk if selection.therapist else None,
            )
        )
        context["day_query"] = urlencode(selection.params()) + "&"
        context["time_links"] = time_links(selection, context["times"])
        if context["day_errors"]:
            selection.status = max(selection.status, 400)
    context["step"] = step
    return render(request, "booking/start.html", context, status=selection.status)


@dataclass(frozen=True)
class TimeLink:
    """One free start as the time grid shows it (labels formatted once, here)."""

    url: str
    datetime: str  # ISO 8601, for <time datetime>
    label: str  # e.g. 2:15 PM, 2:15 p. m. (the request's language)


def time_links(selection, moments):
    """The chosen day's links to the details step: the URL is reversed and the choices
    encoded once, then each start is appended (``Selection.url`` puts ``start`` last too)."""
    base = selection.url("booking:details") + "&"
    links = []
    for moment in moments:
        shown = timezone.template_localtime(moment)  # what the ``date`` filter shows
        links.append(
            TimeLink(
                url=base + urlencode({"start": format_start(moment)}),
                datetime=shown.isoformat(),
                label=languages.clock(shown),
            )
        )
    return links


def _details_initial(selection, start):
    return {
        "service": selection.service.slug,
        "variant": selection.variant.pk,
        "therapist": selection.therapist.slug if selection.therapist else ANY,
        "start": format_start(start) if start else "",
    }


@require_http_methods(["GET", "POST"])
def details(request):
    source = request.POST if request.method == "POST" else request.GET
    selection = resolve(source)
    if (
        selection.service is None
        or selection.location is None
        or selection.variant is None
        or not selection.therapist_chosen
    ):
        if request.method == "POST" and selection.errors:
            # Keep what the visitor typed; say what is wrong with the choice.
            form = BookingDetailsForm(request.POST)
            form.is_valid()
            for message in selection.errors.values():
                form.add_error(None, message)
            return _render_details(
                request, selection, form, form.cleaned_data.get("start"), status=selection.status
            )
        if selection.errors:
            if selection.service is not None:  # named and found: the list was not read
                selection.services = service_choices()
            return render(
                request,
                "booking/start.html",
                {"selection": selection, "step": "service", "any": ANY},
                status=selection.status,
            )
        return redirect(selection.url())

    if request.method == "GET":
        start_value = parse_start(request.GET.get("start", ""))
        if start_value is None:
            return redirect(selection.url())
        form = BookingDetailsForm(initial=_details_initial(selection, start_value))
        return _render_details(request, selection, form, start_value)

    form = BookingDetailsForm(request.POST)
    if over_limit(request, "booking-form"):
        form.is_valid()
        form.add_error(None, _(RATE_LIMIT_MESSAGE))
        return _too_many(
            _render_details(request, selection, form, form.cleaned_data.get("start"), status=429)
        )
    if not form.is_valid():
        return _render_details(request, selection, form, form.cleaned_data.get("start"), status=400)
    data = form.cleaned_data
    booking_request = operations.BookingRequest(
        service=selection.service,
        variant=selection.variant,
        therapist=selection.therapist,
        starts_at=data["start"],
        name=data["name"],
        email=data["email"],
        phone=data["phone"],
        accept_policy=data["accept_policy"],
        health=form.health_answers(),
        health_notes=data["health_notes"],
        idempotency_key=data["idempotency_key"],
        source_page_id=selection.source.pk if selection.source else None,
        location=selection.location,
    )
    try:
        booking, created = operations.create_booking(booking_request)
    except operations.SlotTaken as exc:
        form.add_error(None, _("Sorry, that time was just taken. Choose another time below."))
        return _render_details(
            request, selection, form, data["start"], status=409, alternatives=exc.next_free
        )
    except operations.BookingError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return _render_details(request, selection, form, data["start"], status=exc.status)
    if created and any(form.health_answers().values()):
        messages.info(
            request,
            _(
                "Because you answered yes to a health question, your therapist will call you "
                "before your visit to make sure the treatment is right for you. Your booking "
                "stands."
            ),
        )
    return redirect("booking:done", token=tokens.make_token(booking))


def _too_many(response):
    """A 429 that still shows the visitor's form and what they typed."""
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _render_details(request, selection, form, start_value, status=200, alternatives=()):
    zone = conf.tz()
    context = {
        "selection": selection,
        "form": form,
        "local_start": start_value.astimezone(zone) if start_value else None,
        "alternatives": [(format_start(m), m.astimezone(zone)) for m in alternatives],
        "cutoff_hours": conf.get("BOOKING_CANCELLATION_CUTOFF_HOURS"),
        "change_time_url": selection.url(),
    }
    return render(request, "booking/details.html", context, status=status)


def _booking_or_404(token):
    booking = tokens.booking_for_token(
        token, Booking.objects.select_related("service", "therapist", "location")
    )
    if booking is None:
        raise Http404(_("This booking link is not valid. Use the link in your latest email."))
    return booking


def _manage_context(booking, token):
    return {
        "booking": booking,
        "token": token,
        "local_start": booking.local_starts_at,
        "local_end": booking.local_ends_at,
        "cutoff_passed": operations.cutoff_passed(booking),
        "cutoff_hours": conf.get("BOOKING_CANCELLATION_CUTOFF_HOURS"),
    }


@require_GET
def done(request, token):
    booking = _booking_or_404(token)
    return render(request, "booking/done.html", _manage_context(booking, token))


@require_GET
def manage(request, token):
    booking = _booking_or_404(token)
    return render(request, "booking/manage.html", _manage_context(booking, token))


def _changed_meanwhile(request):
    """A POST with the link of a booking that has moved since: it lost a race, or came from
    an older email. Nothing is shown about the booking (the old link no longer reads it)."""
    changed = operations.BookingChanged()
    return render(request, "booking/changed.html", {"message": changed.message}, status=409)


@require_http_methods(["GET", "POST"])
def cancel(request, token):
    """GET asks "cancel this booking?"; only its POST, with ``confirm=yes``, cancels."""
    if request.method == "POST" and tokens.is_outdated(token):
        return _changed_meanwhile(request)
    booking = _booking_or_404(token)
    context = _manage_context(booking, token)
    if request.method == "GET":
        return render(request, "booking/cancel.html", context)
    if over_limit(request, "booking-form"):
        context["action_error"] = _(RATE_LIMIT_MESSAGE)
        return _too_many(render(request, "booking/cancel.html", context, status=429))
    if request.POST.get("confirm") != "yes":
        context["action_error"] = _("Confirm that you want to cancel: choose “Yes, cancel it”.")
        return render(request, "booking/cancel.html", context, status=400)
    try:
        operations.cancel_booking(booking, actor=Booking.Actor.CUSTOMER)
    except operations.BookingError as exc:
        context["action_error"] = exc.message
        return render(request, "booking/cancel.html", context, status=exc.status)
    messages.success(request, _("Your booking is cancelled. We have emailed you a confirmation."))
    return redirect("booking:manage", token=token)


@require_http_methods(["GET", "POST"])
def reschedule(request, token):
    if request.method == "POST" and tokens.is_outdated(token):
        return _changed_meanwhile(request)
    booking = _booking_or_404(token)
    selection = Selection(
        service=booking.service,
        location=booking.location,
        variant=operations.VariantSnapshot(booking),
        team=[booking.therapist],
        therapist=booking.therapist,
        therapist_chosen=True,
    )
    context = _manage_context(booking, token)
    status = 200
    form = RescheduleForm(request.POST or None)
    if request.method == "POST" and over_limit(request, "booking-form"):
        context["action_error"] = _(RATE_LIMIT_MESSAGE)
        status = 429
    elif request.method == "POST":
        if form.is_valid():
            try:
                moved = operations.reschedule_booking(
                    booking, form.cleaned_data["start"], actor=Booking.Actor.CUSTOMER
                )
            except operations.BookingError as exc:
                form.add_error("start", exc.message)
                status = exc.status
            else:
                messages.success(
                    request,
                    _(
                        "Your booking has moved. We have emailed you a new invite; "
                        "links in older emails no longer work."
                    ),
                )
                return redirect("booking:manage", token=tokens.make_token(moved))
        else:
            status = 400
    if booking.is_confirmed and not context["cutoff_passed"]:
        context.update(
            _day_view(
                selection,
                request.GET,
                exclude_booking_id=booking.pk,
                therapist_id=booking.therapist_id,
            )
        )
    context.update({"form": form, "selection": selection})
    response = render(request, "booking/reschedule.html", context, status=status)
    return _too_many(response) if status == 429 else response


@require_GET
def invite(request, token):
    booking = _booking_or_404(token)
    response = HttpResponse(invites.build_invite(booking), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="booking-{booking.reference}.ics"'
    return response
