"""Rate limits on what a script could hammer: the booking form, booking API writes and the
admin login (django-ratelimit, counters in the shared cache).

Rates live in ``settings.RATELIMITS`` by group; the client key is the IP address
(``RATELIMIT_IP_META_KEY`` names the header a trusted proxy sets). With the process-local
cache (no ``REDIS_URL``) each app process counts on its own.
"""

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

RETRY_AFTER_SECONDS = 60
MESSAGE = "Too many attempts from your network. Please wait a minute, then try again."


def rate(group, request):
    return settings.RATELIMITS[group]


def over_limit(request, group):
    """Count this request against ``group`` and say whether it is over the limit."""
    return is_ratelimited(
        request, group=group, key="ip", rate=rate, method=ratelimit.UNSAFE, increment=True
    )


def limit_posts(group, key="ip"):
    """Decorator for views whose POSTs are limited; over the limit answers 429 (see below)."""
    return ratelimit(group=group, key=key, rate=rate, method=ratelimit.UNSAFE, block=True)


def too_many_requests(request, exception=None):
    """``RATELIMIT_VIEW``: a readable 429 page with ``Retry-After``."""
    response = render(request, "429.html", {"message": MESSAGE}, status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
