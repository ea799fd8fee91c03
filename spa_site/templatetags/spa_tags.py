from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("components/main_nav.html", takes_context=True)
def main_nav(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site is not None:
        items = site.root_page.get_children().live().public().in_menu().specific(defer=True)
    return {"items": items, "request": request}
