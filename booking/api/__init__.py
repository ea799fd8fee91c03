"""The booking API (a django-ninja router of the site's one API, at /api/content/booking/):
services, availability, create, view, cancel, move.

``endpoints.py`` holds the operations, ``schemas.py`` the request and response shapes,
``lookups.py`` what a request names (service, location, variant, therapist, manage token)
and ``errors.py`` how a refusal becomes a problem answer.

It follows the API's one contract (docs/api.md): paths end in a slash, listings are
``{count, limit, offset, items}``, every error is an RFC 9457 problem
(``application/problem+json``, the shared ``Problem`` schema with ``code`` and ``field``, plus
``next_free`` when a slot was taken). Unlike the delivery endpoints its answers are personal
and change by the second, so they are never cacheable (``Cache-Control: no-store``, set by
``spa_site.api.http.json_api_view`` with the write checks).

Times are ISO 8601 instants; responses give UTC and the local wall time with its PST/PDT
abbreviation. Problems: 400 bad input, 403 a write from an origin not configured, 404 unknown
service or link, 409 slot taken, the booking changed meanwhile or a change no longer allowed,
413 body too large, 415 a body that is not JSON, 422 malformed body or a reused idempotency
key, 429 too many writes from one client (with ``Retry-After``). Text fields refuse control
characters; one-line fields (name, phone, email) refuse line breaks. Health-screen answers
are accepted but never returned.
"""

from .endpoints import router

__all__ = ["router"]
