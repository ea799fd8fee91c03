"""A page in the site's other languages: its ``hreflang`` alternates, the header's language
switch and the API's links to an item's translations (docs/i18n.md).

Only translations an anonymous visitor of that language may see count (``visibility``, with
the audience of that language): a Spanish draft or an alias of an untranslated English page
is never offered. One query finds the translations of a page and of its ancestors, which
is all the alternates and the switch need; it is remembered for the request.
"""

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Page

from . import routing, visibility

#: Language tags for JSON-LD ``inLanguage`` (the spa is in the United States).
LANGUAGE_TAGS = {"en": "en-US", "es": "es-US"}
#: Open Graph ``og:locale`` values.
OG_LOCALES = {"en": "en_US", "es": "es_US"}


#: Date and time formats per language (Django date format syntax): the spa's English ones,
#: and those Spanish speakers in the United States read (12-hour clock, "a. m.").
FORMATS = {
    "en": {
        "date": "F j, Y",
        "day": "l, F j",
        "full": "l, F j, Y",
        "short": "D M j",
        "month_day": "F j",
        "month_year": "F Y",
        "clock": "g:i A",
    },
    "es": {
        "date": r"j \d\e F \d\e Y",
        "day": r"l j \d\e F",
        "full": r"l j \d\e F \d\e Y",
        "short": "D j b",
        "month_day": r"j \d\e F",
        "month_year": r"F \d\e Y",
        "clock": "g:i a",
    },
}


def format_for(kind, language=None):
    language = language or current()
    return FORMATS.get(language, FORMATS[settings.LANGUAGE_CODE])[kind]


def clock(value, language=None):
    """``9:00 AM`` / ``9:00 a. m.`` (local time of a ``time`` or aware ``datetime``)."""
    from django.utils.dateformat import format as date_format

    if value is None or value == "":
        return ""
    text = date_format(value, format_for("clock", language))
    if (language or current()) == "es":
        text = text.replace("a.m.", "a. m.").replace("p.m.", "p. m.")
    return text


def long_date(value, language=None, kind="date"):
    """``December 1, 2026`` / ``1 de diciembre de 2026`` (``kind="day"``: with the weekday)."""
    from django.utils.dateformat import format as date_format

    if value is None or value == "":
        return ""
    language = language or current()
    with translation.override(language):
        return date_format(value, format_for(kind, language))


def codes():
    return [code for code, _ in settings.LANGUAGES]


def current():
    """The request's content language (``en``/``es``)."""
    return visibility.content_language()


def language_tag(language=None):
    language = language or current()
    return LANGUAGE_TAGS.get(language, language)


def og_locale(language=None):
    language = language or current()
    return OG_LOCALES.get(language, language)


def audience_for(request, language):
    """The audience of ``request``'s site reading ``language``."""
    return visibility.for_request(request).in_language(language)


def _chain(page):
    """``page`` and its ancestors below the tree root, deepest first."""
    ancestors = routing.ancestors_on_path(page)
    if ancestors is None:
        ancestors = list(page.get_ancestors().filter(depth__gt=1))
    return [page, *reversed([a for a in ancestors if a.depth > 1])]


#: What a translation link and the visibility rule read of a page.
TRANSLATION_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "live",
    "expire_at",
    "alias_of_id",
    "translation_key",
    "content_type",
    "slug",
    "title",
    "locale__language_code",
)


def translations_by_language(page, request):
    """``{language: [visible translation of page or of its nearest ancestor …]}``, deepest
    first, for every other language: one query per page and request."""
    audience = visibility.for_request(request)

    def build():
        chain = _chain(page)
        keys = [p.translation_key for p in chain]
        depth_of = {p.translation_key: i for i, p in enumerate(chain)}
        found = {}
        rows = routing.translations_on_path(page)  # routing read them with the path
        if rows is None:
            rows = (
                Page.objects.filter(translation_key__in=keys)
                .exclude(locale_id=page.locale_id)
                .select_related("locale")
                .only(*TRANSLATION_FIELDS)
            )
        for row in visible_to_their_readers(rows, request):
            found.setdefault(row.locale.language_code, []).append(row)
        return {
            language: sorted(rows, key=lambda r: depth_of[r.translation_key])
            for language, rows in found.items()
        }

    return audience.remember(f"translations:{page.pk}", build)


def visible_to_their_readers(rows, request):
    """The pages of ``rows`` a visitor reading each one's language may see (one audience per
    language, for ``request``'s site)."""
    audiences = {}
    for row in rows:
        language = row.locale.language_code
        if language not in audiences:
            audiences[language] = audience_for(request, language)
        if audiences[language].can_see(row):
            yield row


def translations_of_pages(pages, request):
    """``{page id: {language: translation}}`` for a list of pages (a listing's), in one query:
    the visible translations of each page itself, by the rule of ``page_translations``."""
    own = {page.translation_key: page for page in pages if getattr(page, "translation_key", None)}
    if not own:
        return {}
    rows = (
        Page.objects.filter(translation_key__in=own)
        .select_related("locale")
        .only(*TRANSLATION_FIELDS)
    )
    others = [row for row in rows if row.locale_id != own[row.translation_key].locale_id]
    found = {}
    for row in visible_to_their_readers(others, request):
        found.setdefault(own[row.translation_key].pk, {})[row.locale.language_code] = row
    return found


def page_translations(page, request):
    """``{language: page}`` of the visible translations of ``page`` itself (not ancestors)."""
    return {
        language: rows[0]
        for language, rows in translations_by_language(page, request).items()
        if rows and rows[0].translation_key == page.translation_key
    }


def alternates(page, request, own_url):
    """``[(hreflang, absolute URL)]`` of ``page`` in every language it is visible in, itself
    included, and ``x-default`` (the default language's); empty when it has no visible
    translation (nothing to point a search engine to)."""
    others = page_translations(page, request)
    if not others:
        return []
    urls = {current(): own_url}
    for language, other in others.items():
        urls[language] = other.get_full_url(request)
    result = [(language, urls[language]) for language in codes() if urls.get(language)]
    default = urls.get(settings.LANGUAGE_CODE)
    if default:
        result.append(("x-default", default))
    return result


def local_path(path, language=None):
    """``path`` (a site path such as ``/book/?service=…``) in ``language``'s URL space
    (``/es/book/?service=…``); English paths are unprefixed."""
    language = language or current()
    if language == settings.LANGUAGE_CODE or not path.startswith("/"):
        return path
    prefix = f"/{language}/"
    return path if path.startswith(prefix) else prefix + path.lstrip("/")


def home_url(language):
    """The address of the home page in ``language`` (``/``, ``/es/``)."""
    with translation.override(language):
        return reverse("wagtail_serve", args=[""])


def switch_links(request, page=None):
    """The header's language switch: ``[(code, name, URL)]`` for every other language. For a
    page, its translation or else its nearest translated ancestor, else that language's
    home; for other views (search, booking) the same view in that language."""
    links = []
    here = current()
    for code, name in settings.LANGUAGES:
        if code == here:
            continue
        url = None
        if page is not None and getattr(page, "pk", None):
            rows = translations_by_language(page, request).get(code)
            if rows:
                url = rows[0].get_url(request)
            if url is None:
                url = home_url(code)
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append((code, name, url or "/"))
    return links


def untranslated_original(request):
    """For a 404 in another language than the default: the default language's page at the
    same address (``/es/conditions/back-spasm/`` → the English article), when a visitor
    may see it, so the 404 page can say "not translated yet" and link it."""
    here = current()
    if request is None or here == settings.LANGUAGE_CODE:
        return None
    prefix = f"/{here}/"
    if not request.path.startswith(prefix):
        return None
    audience = audience_for(request, settings.LANGUAGE_CODE)
    if audience.home is None:
        return None
    rest = request.path[len(prefix) :]
    url_path = audience.home.url_path + (rest if rest.endswith("/") or not rest else rest + "/")
    page = audience.pages().filter(url_path=url_path).first()
    if page is None:
        return None
    return {"title": page.title, "url": page.get_url(request)}
