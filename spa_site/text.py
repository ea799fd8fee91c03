"""What text the site takes from visitors: no control characters, one line where one is meant.

PostgreSQL refuses NUL in a text value (the request fails) while SQLite stores it, and other
control characters (and lone surrogates, which a JSON ``\\ud800`` escape can carry) are never
what a visitor meant to type. So the rule is decided here, once, and applied the same way on
both databases: forms and API schemas refuse such text with a message naming the field
(``single_line`` / ``multi_line`` validators, the ``SingleLine`` / ``MultiLine`` API types in
``spa_site.api.params``), and ``RefuseControlCharactersMiddleware`` answers 400 to a URL
whose path or query string carries them before any view or database lookup sees it.
Tab, line feed and carriage return are whitespace, allowed in multi-line text and in query
strings (search terms treat them as spaces); single-line fields (a name, a phone number)
refuse every line break, including the Unicode line and paragraph separators.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string

WHITESPACE_CONTROLS = frozenset("\t\n\r")
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")

CONTROL_MESSAGE = "Remove the control character ({code}): it cannot be stored."
LINE_BREAK_MESSAGE = "Keep this to one line (remove the line break)."


def _is_control(char):
    return unicodedata.category(char) in ("Cc", "Cs")


def problem(value, *, multiline=False):
    """A message saying what is wrong with ``value``, or None when it may be stored."""
    for char in value:
        if not multiline and char in LINE_BREAKS:
            return LINE_BREAK_MESSAGE
        if _is_control(char) and not (multiline and char in WHITESPACE_CONTROLS):
            return CONTROL_MESSAGE.format(code=f"U+{ord(char):04X}")
    return None


def clean_query_value(value):
    """True when a URL path or query value has no control character but tab, LF or CR."""
    return not any(_is_control(c) and c not in WHITESPACE_CONTROLS for c in value)


def single_line(value):
    """Django validator: a name, a phone number, a slug (no control character, no line break)."""
    message = problem(value)
    if message:
        raise ValidationError(message, code="control_character")


def multi_line(value):
    """Django validator: free text over several lines (no control character but tab/LF/CR)."""
    message = problem(value, multiline=True)
    if message:
        raise ValidationError(message, code="control_character")


def one_line(value):
    """Stored text shown where one line is expected (an email greeting): whitespace and
    control characters collapse to single spaces, whatever an older record holds."""
    return " ".join(
        "".join(" " if _is_control(c) or c in LINE_BREAKS else c for c in value).split()
    )


def _url_problem(request):
    message = problem(request.path)
    if message:
        return "The address"
    for key, values in request.GET.lists():
        if not clean_query_value(key) or not all(clean_query_value(v) for v in values):
            return f"The “{key if clean_query_value(key) else '?'}” parameter"
    return None


class RefuseControlCharactersMiddleware:
    """400 before routing for a URL whose path or query string holds a control character.

    Every view, Wagtail's page routing and the redirects middleware look values up in the
    database; refusing here keeps NUL and friends away from all of them at once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        where = _url_problem(request)
        if where is None:
            return self.get_response(request)
        from .api.problems import is_api_request, problem_response

        message = f"{where} contains a control character, which cannot be used here."
        if is_api_request(request):
            return problem_response(400, message, code="control_character")
        # A standalone page (no context processors): nothing else reads the request.
        return HttpResponseBadRequest(render_to_string("spa_site/400.html", {"message": message}))
