from django import template
from wagtail.models import Site

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
