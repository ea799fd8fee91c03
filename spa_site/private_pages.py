"""Views whose pages are personal (a booking, its manage link, its invite): never stored,
never indexed.

``private_page`` sends ``Cache-Control: private, no-store`` (no browser cache, proxy or CDN
keeps the page, so a shared computer's Back button or a cache cannot show someone's booking)
and ``X-Robots-Tag: noindex, nofollow``, and marks the request so the page head's robots
meta says the same (``seo.metadata`` reads ``ROBOTS_NOINDEX_ATTR``).
"""

import functools

CACHE_CONTROL = "private, no-store"
X_ROBOTS_TAG = "noindex, nofollow"
ROBOTS_NOINDEX_ATTR = "robots_noindex"


def private_page(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        setattr(request, ROBOTS_NOINDEX_ATTR, True)
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = CACHE_CONTROL
        response["X-Robots-Tag"] = X_ROBOTS_TAG
        return response

    return wrapper
