from django import template
from wagtail.images.templatetags.wagtailimages_tags import PictureNode
from wagtail.models import Site

from spa_site import text
from spa_site.renditions import PICTURES

register = template.Library()


@register.simple_tag(takes_context=True)
def popular_articles(context, limit=5):
    """Articles to suggest on the 404 page: the index's first few (no analytics to rank by)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    for section in site.root_page.get_children().live().public().in_menu().specific():
        if hasattr(section, "articles"):  # duck-typed: the core app does not import articles
            return list(section.articles()[:limit])
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
    return text.join_and(items)
