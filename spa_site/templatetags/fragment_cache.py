"""``{% content_cache "name" page.pk %}…{% endcontent_cache %}``: a template fragment built
from published content only, rendered once per content version (like the page's relations).

The key holds the name, the given values and the site the request is for (page links are
relative or absolute depending on it). Previews render unsaved content and signed-in users
may see what visitors do not, so both always render afresh and never store what they render.
"""

import hashlib
import json

from django import template
from django.utils.safestring import mark_safe

from spa_site.content_version import cached

register = template.Library()


def shareable(request):
    """True when what this request renders is what any anonymous visitor would get."""
    if request is None or getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


class ContentCacheNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if not shareable(request):
            return self.nodelist.render(context)
        parts = [request.scheme, request.get_host(), *(v.resolve(context) for v in self.vary_on)]
        digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()
        name = self.name.resolve(context)
        return mark_safe(cached(f"fragment:{name}:{digest}", lambda: self.nodelist.render(context)))


@register.tag
def content_cache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a fragment name.")
    nodelist = parser.parse(("endcontent_cache",))
    parser.delete_first_token()
    return ContentCacheNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
