"""Rate limits on what a script could hammer: the booking form, booking API writes and the
admin login (django-ratelimit).

Rates live in ``settings.RATELIMITS`` by group; the client key is the IP address
(``RATELIMIT_CLIENT_IP_HEADER`` names the header a trusted proxy sets). Counters live in the
shared ``default`` cache (Redis, or the file cache every worker of the one server shares),
so a limit counts every worker's requests.

Sign-in attempts are limited per client address, and per client address *and* username:
someone guessing one account's password from elsewhere trips their own limits, never the
account holder's, whose right password from their own browser still signs in.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_noop
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from .conf import spa_settings

RETRY_AFTER_SECONDS = 60
# Marked for translation; pages show it in the visitor's language (``gettext(MESSAGE)``).
MESSAGE = gettext_noop("Too many attempts from your network. Please wait a minute, then try again.")


def rate(group, request):
    return spa_settings.RATELIMITS[group]


def over_limit(request, group):
    """Count this request against ``group`` and say whether it is over the limit."""
    return is_ratelimited(
        request, group=group, key="ip", rate=rate, method=ratelimit.UNSAFE, increment=True
    )


def client_address(request):
    """The client's address (``RATELIMIT_IP_META_KEY`` points here): the header a trusted
    proxy sets (``RATELIMIT_CLIENT_IP_HEADER``, e.g. ``HTTP_X_REAL_IP``) when present, else
    the connection's own address; the last entry of a forwarded list is the proxy's view."""
    header = getattr(settings, "RATELIMIT_CLIENT_IP_HEADER", "")
    forwarded = request.META.get(header, "") if header else ""
    address = forwarded.split(",")[-1].strip() if forwarded else ""
    return address or request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - a key


def client_and_username(group, request):
    """django-ratelimit key: the client's address with the username it tries to sign in as."""
    ip = client_address(request)
    username = request.POST.get("username", "")[:150].strip().lower()
    return f"{ip}|{username}"


def limit_posts(group, key="ip"):
    """Decorator for views whose POSTs are limited; over the limit answers 429 (see below)."""
    return ratelimit(group=group, key=key, rate=rate, method=ratelimit.UNSAFE, block=True)


def too_many_requests(request, exception=None):
    """``RATELIMIT_VIEW``: a readable 429 page with ``Retry-After``."""
    response = render(request, "spa_site/429.html", {"message": MESSAGE}, status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
