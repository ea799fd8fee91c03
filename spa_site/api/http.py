"""HTTP behaviour of the delivery API: caching headers, conditional GET and CORS.

Applied around each URL of the API (not inside django-ninja) so it also covers the
OpenAPI document, HEAD and CORS preflight requests, and error answers.

- Successful GETs get a strong ETag (a hash of the body), ``Cache-Control`` with
  ``s-maxage`` and ``stale-while-revalidate``, and ``Surrogate-Key`` naming what the
  body was built from, so a CDN can purge by key when a webhook reports a change.
- ``If-None-Match`` matching the ETag answers 304 without a body.
- CORS headers are sent only to origins listed in ``API_CORS_ALLOWED_ORIGINS``;
  a preflight from any other origin is refused with 403.
- Anonymous answers are kept whole per URL and content version (``response_cache``), so a
  repeated request costs neither serialisation nor hashing.

``json_api_view`` wraps an API that takes writes (the booking API): a write is accepted only
as ``application/json`` (415 otherwise: an HTML form or ``text/plain`` fetch from another
site cannot send one without a CORS preflight) and only from the site itself, a client
sending no ``Origin`` (a server, curl) or an origin in ``API_CORS_ALLOWED_ORIGINS`` (403
otherwise); its answers are never cached and carry CORS headers for allowed origins.
"""

import functools
import hashlib

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from spa_site import compression
from spa_site.response_cache import max_age as cut_to_next_expiry

from . import response_cache
from .problems import problem_response

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
ALLOWED_HEADERS = "Accept, Content-Type, If-None-Match"
EXPOSED_HEADERS = "ETag, Surrogate-Key"


def cache_control():
    max_age = cut_to_next_expiry(getattr(settings, "API_CACHE_MAX_AGE", 60))
    s_maxage = cut_to_next_expiry(getattr(settings, "API_CACHE_S_MAXAGE", 300))
    swr = getattr(settings, "API_CACHE_STALE_WHILE_REVALIDATE", 600)
    return f"public, max-age={max_age}, s-maxage={s_maxage}, stale-while-revalidate={swr}"


def allowed_origin(request):
    origin = request.headers.get("Origin")
    if origin and origin in getattr(settings, "API_CORS_ALLOWED_ORIGINS", []):
        return origin
    return None


def _add_cors(request, response):
    patch_vary_headers(response, ["Origin"])
    origin = allowed_origin(request)
    if origin:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS


def _preflight(request, methods=ALLOWED_METHODS, headers=ALLOWED_HEADERS):
    if not allowed_origin(request):
        response = problem_response(403, "This origin is not allowed to call the API.")
    else:
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Methods"] = methods
        response["Access-Control-Allow-Headers"] = headers
        response["Access-Control-Max-Age"] = "86400"
    _add_cors(request, response)
    return response


def _add_caching(request, response):
    if response.status_code != 200 or getattr(response, "streaming", False):
        response.setdefault("Cache-Control", "no-store")
        return
    if "Cache-Control" not in response:
        response["Cache-Control"] = cache_control()
    if "no-store" in response["Cache-Control"]:
        return
    response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
    keys = getattr(request, "_api_surrogate_keys", None)
    response["Surrogate-Key"] = " ".join(sorted({"content-api", *(keys or ())}))


def _conditional(request, response):
    """304 without a body when ``If-None-Match`` names the answer's ETag (the weak comparison
    RFC 9110 asks for: a gzipped answer carries its ETag weakened)."""
    if_none_match = request.headers.get("If-None-Match")
    if response.status_code != 200 or "ETag" not in response or not if_none_match:
        return response
    etags = {tag.removeprefix("W/") for tag in parse_etags(if_none_match)}
    if response["ETag"].removeprefix("W/") in etags or "*" in etags:
        not_modified = HttpResponseNotModified()
        for header in ("ETag", "Cache-Control", "Surrogate-Key", "Vary"):
            if header in response:
                not_modified[header] = response[header]
        return not_modified
    return response


def delivery_view(view):
    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            return _preflight(request)
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        key = response_cache.key_for(request)
        response = response_cache.load(request, key) if key else None
        if response is None:
            response = view(request, *args, **kwargs)
            _add_caching(request, response)
            if key:
                compression.answer_with(request, response, response_cache.store(key, response))
        response = _conditional(request, response)
        _add_cors(request, response)
        if head:
            request.method = "HEAD"
            response.content = b""
        return response

    return wrapper


WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
WRITE_API_METHODS = "GET, HEAD, POST, OPTIONS"
WRITE_API_HEADERS = "Accept, Content-Type, Idempotency-Key"


def _own_origin(request):
    return f"{request.scheme}://{request.get_host()}"


def refuse_write(request):
    """The problem answer for a write this API must not take, or None to go ahead."""
    if request.method not in WRITE_METHODS:
        return None
    origin = request.headers.get("Origin")
    if origin and origin != _own_origin(request) and not allowed_origin(request):
        return problem_response(
            403,
            f"Writes from {origin} are not allowed. Configure the origin in "
            "API_CORS_ALLOWED_ORIGINS to call this API from a browser there.",
            code="origin_not_allowed",
        )
    if request.content_type != "application/json":
        return problem_response(
            415,
            "Send the request body as JSON with “Content-Type: application/json”.",
            code="unsupported_media_type",
        )
    return None


def json_api_view(view):
    @csrf_exempt
    @never_cache
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            return _preflight(request, WRITE_API_METHODS, WRITE_API_HEADERS)
        response = refuse_write(request) or view(request, *args, **kwargs)
        _add_cors(request, response)
        return response

    return wrapper


def decorate_urlpatterns(urls, decorator):
    """Apply ``decorator(view, route)`` to every pattern of a ``(patterns, app_name,
    namespace)`` triple (``route`` is the pattern's path, e.g. ``booking/bookings/``)."""
    patterns, app_name, namespace = urls
    for pattern in patterns:
        pattern.callback = decorator(pattern.callback, str(pattern.pattern))
    return patterns, app_name, namespace


def moved_permanently(template):
    """A view answering 308 to ``template`` (filled with the URL's arguments), query kept.

    308, not 301: clients repeat a POST with its body at the new address."""

    @csrf_exempt
    def view(request, **kwargs):
        location = template.format(**kwargs).replace("/docs//", "/docs/")
        if request.META.get("QUERY_STRING"):
            location += "?" + request.META["QUERY_STRING"]
        response = HttpResponse(status=308)
        response["Location"] = location
        response["Cache-Control"] = "no-store"
        _add_cors(request, response)
        return response

    return view
