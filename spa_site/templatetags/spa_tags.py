from django import template
from wagtail.images.templatetags.wagtailimages_tags import PictureNode
from wagtail.models import Page

from spa_site import visibility, wording
from spa_site.renditions import PICTURES

from ..conf import spa_settings

register = template.Library()


@register.filter
def visible_to(obj, request):
    """``{% if value.technique|visible_to:request %}``: the read layer's answer for a page
    (``visibility``), or an object's own ``is_bookable(audience)`` (a service)."""
    if obj is None:
        return False
    audience = visibility.for_request(request)
    if isinstance(obj, Page):
        return audience.can_see(obj)
    is_bookable = getattr(obj, "is_bookable", None)
    return bool(is_bookable and is_bookable(audience))


@register.simple_tag(takes_context=True)
def popular_articles(context, limit=5):
    """Articles to suggest on the 404 page: the index's first few (no analytics to rank by)."""
    request = context.get("request")
    audience = visibility.for_request(request)
    if audience.site is None or request is None:
        return []
    for section in audience.menu().specific():
        if hasattr(section, "articles"):  # duck-typed: the core app does not import articles
            return list(section.articles(request)[:limit])
    return []


@register.tag
def preset_picture(parser, token):
    """``{% preset_picture image "hero" class="…" %}``: Wagtail's ``{% picture %}`` with the
    filter specs of a named preset from ``spa_site.renditions`` (unknown names fail at
    template compile time)."""
    tag_name, *bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{tag_name} needs an image and a preset name.")
    image_expr, preset, *attr_bits = bits
    preset = preset.strip("\"'")
    if preset not in PICTURES:
        raise template.TemplateSyntaxError(
            f"{tag_name}: unknown preset {preset!r}; choose from {', '.join(PICTURES)}."
        )
    attrs = {}
    for bit in attr_bits:
        name, sep, value = bit.partition("=")
        if not sep:
            raise template.TemplateSyntaxError(f"{tag_name}: expected name=value, got {bit!r}.")
        attrs[name] = parser.compile_filter(value)
    return PictureNode(parser.compile_filter(image_expr), PICTURES[preset].split(), attrs=attrs)


@register.filter
def initials(name):
    """``Mara Swick`` → ``MS``: first and last word (a monogram while there is no photo)."""
    words = [w for w in str(name or "").split() if w[:1].isalnum()]
    if not words:
        return ""
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


@register.filter
def join_and(items):
    """``["neck", "back", "legs"]`` → ``neck, back and legs``."""
    return wording.join_and(items)


ATTRIBUTION_PARAM = "from"


@register.simple_tag(takes_context=True)
def book_href(context, url):
    """``href="{% book_href service.booking_url %}"``: a Book link that says which page it was
    followed from (``?from=<page id>``), so the booking can be credited to that page without
    cookies or scripts. The id is the same for every visitor, so cached pages stay shared; the
    booking flow checks it against the read layer before it records anything."""
    from spa_site import languages

    url = languages.local_path(str(url or spa_settings.BOOKING_START_URL))
    page = context.get("page")
    if (
        not isinstance(page, Page)
        or page.pk is None
        or not url.startswith(languages.local_path(spa_settings.BOOKING_START_URL))
    ):
        return url
    return f"{url}{'&' if '?' in url else '?'}{ATTRIBUTION_PARAM}={page.pk}"


@register.simple_tag(takes_context=True)
def language_switch(context):
    """``[(code, name, url)]``: the header's links to the other languages (``languages``)."""
    from spa_site import languages

    page = context.get("page") or context.get("self")
    return languages.switch_links(context.get("request"), page if isinstance(page, Page) else None)


@register.filter
def clock(value):
    """A time of day in the request's language (``9:00 AM`` / ``9:00 a. m.``)."""
    from spa_site import languages

    return languages.clock(value)


@register.filter
def longdate(value, kind="date"):
    """A date in the request's language; ``|longdate:"day"`` adds the weekday."""
    from spa_site import languages

    return languages.long_date(value, kind=kind)
