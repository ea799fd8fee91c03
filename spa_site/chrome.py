"""The header and footer every page shares, built once per content version and site.

Business name and tagline come from site settings; address, phone and hours from the
location chosen there, so these facts live in one place."""

from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from .content_version import cached
from .models import SiteSettings
from .serving import find_site

WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _location_facts(location):
    hours = {day: [] for day in range(7)}
    for row in location.opening_hours.all():
        hours[row.weekday].append((row.opens, row.closes))
    return {
        "title": location.title,
        "address_lines": location.address_lines,
        "phone": location.phone,
        "phone_href": location.phone_href,
        "hours": [(day, WEEKDAY_NAMES[day], sorted(hours[day])) for day in range(7)],
        "contains_sample_data": location.contains_sample_data,
    }


def build_chrome(site):
    site_settings = SiteSettings.for_site(site)
    location = None
    if site_settings.primary_location_id:
        page = site_settings.primary_location.specific
        if page.live and hasattr(page, "opening_hours"):
            location = _location_facts(page)
    nav = site.root_page.get_children().live().public().in_menu()
    return {
        "business_name": site_settings.business_name,
        "tagline": site_settings.tagline,
        "nav": [(page.title, page.get_url()) for page in nav],
        "location": location,
    }


def site_chrome(request):
    """Context processor: ``chrome`` (cached, lazy), today's weekday and the booking start."""

    def load():
        site = find_site(request)
        if site is None:
            return {"business_name": settings.WAGTAIL_SITE_NAME, "nav": [], "location": None}
        return cached(f"chrome:{site.pk}", lambda: build_chrome(site))

    return {
        "chrome": SimpleLazyObject(load),
        "today_weekday": timezone.localdate().weekday(),
        "booking_start": settings.BOOKING_START_URL,
    }
