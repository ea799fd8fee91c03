"""The settings the spa apps read, each with its default, in one place.

A project sets any of them in its settings (README, "Add to your project"); ``spa_settings.NAME``
reads the project's value, or the default here, at each access (so a test's override applies).
"""

import functools

from django.conf import settings

from . import release

DEFAULTS = {
    # Where the booking flow starts (the apps' booking URLs; a project may move them).
    "BOOKING_START_URL": "/book/",
    # The cache whole anonymous answers live in ("default" is the shared one).
    "RESPONSE_CACHE": "default",
    # Cached answers carry it: a new release never reads the previous one's.
    "RELEASE_ID": release.fingerprint,
    # django-ratelimit rates per group.
    "RATELIMITS": {
        "booking-form": "10/m",
        "booking-api": "20/m",
        "admin-login": "20/m",
        "admin-login-username": "5/m",
        "questions-ask": "5/10m",
        "questions-ask-day": "20/d",
    },
    # Anonymous pages and API answers: how long an answer is kept, and the Cache-Control sent.
    "PUBLIC_PAGE_CACHE_SECONDS": 600,
    "PUBLIC_PAGE_CACHE_CONTROL": {"max_age": 60, "s_maxage": 600, "stale_while_revalidate": 60},
    "API_RESPONSE_CACHE_SECONDS": 3600,
    # The page types and models the site search covers ("app_label.ModelName").
    "SITE_SEARCH_PAGE_TYPES": [
        "articles.ConditionArticlePage",
        "articles.TechniquePage",
        "author_profiles.ProfilePage",
        "services.LocationPage",
    ],
    "SITE_SEARCH_MODELS": ["services.Service"],
    # The site's public address (canonical links, sitemap, e-mails, .ics, webhooks).
    "PUBLIC_BASE_URL": "http://127.0.0.1:8000",
    # The delivery API's title in its OpenAPI document.
    "CONTENT_API_TITLE": lambda: f"{getattr(settings, 'WAGTAIL_SITE_NAME', 'Spa')} content API",
    # A headless front end's preview address (empty: Wagtail's own preview).
    "HEADLESS_PREVIEW_URL": "",
}


@functools.cache
def _computed(name):
    """A default that takes work (the release id hashes the code): once per process."""
    return DEFAULTS[name]()


class SpaSettings:
    def __getattr__(self, name):
        if name not in DEFAULTS:
            raise AttributeError(f"{name} is not a spa setting")
        try:
            return getattr(settings, name)
        except AttributeError:
            return _computed(name) if callable(DEFAULTS[name]) else DEFAULTS[name]


spa_settings = SpaSettings()
