"""The header and footer every page shares: built per request, lazily, in a few queries.

Business name and tagline come from site settings; address, phone and hours from the
location chosen there, so these facts live in one place. Only what an anonymous visitor may
see is shown (``visibility``): a restricted or expired location or menu page is left out.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.functional import SimpleLazyObject
from wagtail import hooks

from . import languages, visibility
from .conf import spa_settings
from .models import SiteSettings

# Django's own weekday names, in the request's language (lazy).
WEEKDAY_NAMES = [WEEKDAYS[day] for day in range(7)]


def _location_facts(location, request=None):
    hours = {day: [] for day in range(7)}
    for row in location.opening_hours.all():
        hours[row.weekday].append((row.opens, row.closes))
    today = timezone.localdate()
    return {
        "title": location.title,
        "url": location.get_url(request),
        "today": hours[today.weekday()]
        if not any(c.date == today for c in location.closures.all())
        else [],
        "address_lines": location.address_lines,
        "phone": location.phone,
        "phone_href": location.phone_href,
        "hours": [(day, WEEKDAY_NAMES[day], sorted(hours[day])) for day in range(7)],
        "contains_sample_data": location.contains_sample_data,
    }


def _site_location(request):
    """The location an app registered for the footer (``register_site_location`` hook:
    the core app does not import the locations app)."""
    loaders = hooks.get_hooks("register_site_location")
    location = loaders[-1]()(request) if loaders else None
    return _location_facts(location, request) if location is not None else None


def _site_locations(request):
    """Every location an app registered for the footer (``register_site_locations``)."""
    loaders = hooks.get_hooks("register_site_locations")
    locations = loaders[-1]()(request) if loaders else []
    return [_location_facts(location, request) for location in locations]


def build_chrome(request, site):
    site_settings = SiteSettings.for_request(request)
    audience = visibility.for_request(request)
    nav = audience.menu_pages()  # the home page's, in the request's language
    return {
        "business_name": site_settings.business_name,
        "tagline": site_settings.tagline,
        "nav": [(page.title, page.get_url(request)) for page in nav],
        "location": _site_location(request),
        "locations": SimpleLazyObject(lambda: _site_locations(request)),
    }


def site_chrome(request):
    """Context processor: ``chrome`` (lazy), today's weekday and the booking start."""

    def load():
        site = visibility.for_request(request).site
        if site is None:
            return {"business_name": settings.WAGTAIL_SITE_NAME, "nav": [], "location": None}
        return build_chrome(request, site)

    return {
        "chrome": SimpleLazyObject(load),
        "today_weekday": timezone.localdate().weekday(),
        "booking_start": spa_settings.BOOKING_START_URL,
        # The home page and search in the request's language (``/``, ``/es/``).
        "site_home_url": languages.home_url(languages.current()),
        "site_search_url": reverse("search"),
    }
