"""Which page led to a booking: first-party, without cookies or personal data.

A Book link on a page carries that page's id (``?from=<id>``, the ``book_href`` template
tag); the booking steps pass it on in their query strings and hidden fields, and the booking
records it. The id is believed only for a page the visitor may see (``spa_site.visibility``):
anything else (a hidden page, garbage, a huge number) books as "direct", never as an error.
"""

from spa_site import visibility

PARAM = "from"
MAX_DIGITS = 12


def source_page(value, audience=None):
    """The public page ``value`` (a page id from the query string) names, or None."""
    value = str(value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > MAX_DIGITS:
        return None
    audience = audience or visibility.current()
    return audience.pages().filter(pk=int(value), depth__gt=1).first()
