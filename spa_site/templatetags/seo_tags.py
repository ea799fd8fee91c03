"""``{% seo_head %}{% block title %}{% endblock %}{% seo_description %}{% block description %}{% endblock %}{% endseo_head %}``
renders the page head metadata (spa_site/components/seo_head.html). For views that are not Wagtail
pages (e.g. “Page not found”, the booking start), whatever the enclosed blocks render is the
title and the meta description; pages take both from their SEO fields."""

from django import template
from django.template.loader import render_to_string
from wagtail.models import Page

from spa_site.seo.metadata import page_head

register = template.Library()


class SeoHeadNode(template.Node):
    child_nodelists = ("nodelist", "description_nodelist")

    def __init__(self, nodelist, description_nodelist=None):
        self.nodelist = nodelist
        self.description_nodelist = description_nodelist or template.NodeList()

    def render(self, context):
        fallback_title = " ".join(self.nodelist.render(context).split())
        page = context.get("page")
        if not isinstance(page, Page):
            page = None
        fallback_description = " ".join(self.description_nodelist.render(context).split())
        head = page_head(
            context.get("request"), page, context.flatten(), fallback_title, fallback_description
        )
        return render_to_string("spa_site/components/seo_head.html", {"seo": head})


@register.tag
def seo_head(parser, token):
    nodelist = parser.parse(("seo_description", "endseo_head"))
    description_nodelist = None
    if parser.next_token().contents == "seo_description":
        description_nodelist = parser.parse(("endseo_head",))
        parser.delete_first_token()
    return SeoHeadNode(nodelist, description_nodelist)
