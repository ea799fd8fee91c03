"""gzip for text answers: pages, JSON, feeds, sitemaps and calendars.

Django's ``GZipMiddleware`` (with its BREACH mitigation, random bytes in every gzip header)
compresses whatever passes through it. Images and other binary files gain nothing and cost
CPU, and a partial (206) answer must stay byte-exact for its ``Content-Range``, so those pass
untouched. An article's HTML goes from about 46 kB to 11 kB, which is most of a phone's first
paint on a slow connection (docs/benchmarks.md).

The whole-answer caches (``page_cache``, ``api.response_cache``) keep the gzipped body beside
the plain one, compressed once when stored, and answer a client that accepts gzip with it:
compressing the article costs more than the rest of a cache hit. A shared answer is the same
for every anonymous visitor and holds no secret, so it needs no BREACH padding.
"""

from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/problem+json",
    "application/ld+json",
    "application/manifest+json",
    "application/xml",
    "application/javascript",
    "image/svg+xml",
)
MIN_LENGTH = 200  # GZipMiddleware's own threshold


def is_compressible(response):
    media_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return media_type.startswith(COMPRESSIBLE) and response.status_code != 206


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not is_compressible(response):
            return response
        return super().process_response(request, response)


def gzipped_body(response):
    """The body of an answer about to be stored, gzipped once; None where it stays plain."""
    if (
        not is_compressible(response)
        or response.has_header("Content-Encoding")
        or len(response.content) < MIN_LENGTH
    ):
        return None
    packed = compress_string(response.content)
    return packed if len(packed) < len(response.content) else None


def answer_with(request, response, gzipped):
    """Send ``gzipped``, the stored compressed body, to a client that accepts gzip (the outer
    ``TextGZipMiddleware`` then leaves the answer as it is)."""
    if gzipped is None:
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response.content = gzipped
        response["Content-Length"] = str(len(gzipped))
        response["Content-Encoding"] = "gzip"
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response["ETag"] = "W/" + etag
    return response


def stored_answer(request, content, gzipped, headers):
    """A stored answer, replayed: ``HttpResponse`` and ``answer_with``."""
    return answer_with(request, HttpResponse(content, headers=headers), gzipped)
