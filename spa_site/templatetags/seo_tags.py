"""``{% seo_head %}{% block title %}{% endblock %}{% endseo_head %}`` renders the page head
metadata (components/seo_head.html). Whatever the enclosed block renders is the title of
views that are not Wagtail pages (e.g. “Page not found”)."""

from django import template
from django.template.loader import render_to_string
from wagtail.models import Page

from spa_site.seo.metadata import MetadataBuilder

register = template.Library()


class SeoHeadNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        fallback_title = " ".join(self.nodelist.render(context).split())
        page = context.get("page")
        if not isinstance(page, Page):
            page = None
        builder = MetadataBuilder(context.get("request"), page, context.flatten())
        return render_to_string("components/seo_head.html", {"seo": builder.build(fallback_title)})


@register.tag
def seo_head(parser, token):
    nodelist = parser.parse(("endseo_head",))
    parser.delete_first_token()
    return SeoHeadNode(nodelist)
