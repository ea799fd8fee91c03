"""gzip for text answers: pages, JSON, feeds, sitemaps and calendars.

Django's ``GZipMiddleware`` (with its BREACH mitigation, random bytes in every gzip header)
compresses whatever passes through it. Images and other binary files gain nothing and cost
CPU, and a partial (206) answer must stay byte-exact for its ``Content-Range``, so those pass
untouched. An article's HTML goes from about 46 kB to 11 kB, which is most of a phone's first
paint on a slow connection (docs/benchmarks.md).
"""

from django.middleware.gzip import GZipMiddleware

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


def is_compressible(response):
    media_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return (
        media_type.startswith(COMPRESSIBLE)
        and response.status_code != 206
        and not response.has_header("Content-Range")
    )


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not is_compressible(response):
            return response
        return super().process_response(request, response)
