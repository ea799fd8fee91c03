"""One linked JSON-LD ``@graph`` per page, built from the models (never typed by editors).

Every node that others point at carries an ``@id`` (the absolute URL of the page that is
about it, plus a fragment such as ``#person``), and references are ``{"@id": ...}`` only, so
the graph reads as one connected description: the page is part of the WebSite, published
by the DaySpa, written by a Person who works for that DaySpa, and so on.

Apps add nodes to any page's graph through the ``construct_page_jsonld`` hook: a function
taking the ``Graph`` (``graph.page``, ``graph.request``) that calls ``graph.add``.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail import hooks

from .. import languages
from ..renditions import SHARE_IMAGE_FILTER
from .page_seo import business_builder

WEBPAGE = "webpage"
BREADCRUMB = "breadcrumb"

_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def _clean(value):
    """Drop empty properties (None, "", [], {}) at every depth."""
    if isinstance(value, dict):
        cleaned = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list | tuple):
        return [item for item in (_clean(v) for v in value) if item not in (None, "", [], {})]
    return value


def ref(node_or_id):
    node_id = node_or_id["@id"] if isinstance(node_or_id, dict) else node_or_id
    return {"@id": node_id}


class Graph:
    """Collects nodes by ``@id``; a node added again under an id only fills in what is missing."""

    def __init__(self, meta):
        self.meta = meta
        self.request = meta.request
        self.settings = meta.settings
        self.root_url = meta.root_url
        self.page = meta.page
        self.seo = meta.seo
        self._nodes = {}
        self._anonymous = []
        self._business_ref = None

    # ids and urls --------------------------------------------------------

    def absolute(self, url):
        return self.meta.absolute(url)

    @property
    def website_id(self):
        return f"{self.root_url}/#website"

    @property
    def page_url(self):
        return self.meta.page_url

    @property
    def webpage_id(self):
        return f"{self.page_url}#{WEBPAGE}"

    @property
    def breadcrumb_id(self):
        return f"{self.page_url}#{BREADCRUMB}"

    def page_node_id(self, page, fragment):
        return f"{page.get_full_url(self.request)}#{fragment}"

    # nodes -----------------------------------------------------------------

    def has(self, node_id):
        return node_id in self._nodes

    def add(self, node):
        if node is None:
            return None
        node = _clean(node)
        if "@id" in node:
            existing = self._nodes.setdefault(node["@id"], node)
            if existing is not node:
                existing.update({k: v for k, v in node.items() if k not in existing})
            return ref(node)
        self._anonymous.append(node)
        return node

    def business(self):
        """Reference to the business (DaySpa) node, adding it on first use."""
        if self._business_ref is None:
            builder = business_builder()
            node = builder(self) if builder else None
            if node is None:
                node = {
                    "@type": "DaySpa",
                    "@id": f"{self.root_url}/#business",
                    "name": self.settings.business_name,
                    "url": f"{self.root_url}/",
                    "sameAs": self.settings.social_profile_urls,
                }
            self._business_ref = self.add(node)
        return self._business_ref

    def image(self, image, filter_spec=SHARE_IMAGE_FILTER):
        if image is None:
            return None
        rendition = image.get_rendition(filter_spec)
        return {
            "@type": "ImageObject",
            "url": self.absolute(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "caption": image.default_alt_text,
        }

    def as_dict(self):
        return {"@context": "https://schema.org", "@graph": list(self._nodes.values())}


def _breadcrumbs(graph):
    page, site = graph.page, graph.meta.site
    if hasattr(page, "display_ancestors"):
        ancestors = [*page.display_ancestors(), page]
    else:
        ancestors = list(page.get_ancestors(inclusive=True).filter(depth__gt=1))
    if site is not None:
        ancestors = [a for a in ancestors if a.depth >= site.root_page.depth]
    crumbs = []
    for ancestor in ancestors:
        is_home = site is not None and ancestor.depth == site.root_page.depth  # any language
        name = gettext("Home") if is_home else ancestor.title
        crumbs.append((name, ancestor.get_full_url(graph.request)))
    crumbs += graph.seo.extra_breadcrumbs()
    return {
        "@type": "BreadcrumbList",
        "@id": graph.breadcrumb_id,
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def build_graph(meta):
    graph = Graph(meta)
    site = graph.meta.site
    graph.add(
        {
            "@type": "WebSite",
            "@id": graph.website_id,
            "url": f"{graph.root_url}/",
            "name": site.site_name if site and site.site_name else meta.site_name,
            "inLanguage": languages.language_tag(),
        }
    )
    graph.add({"@id": graph.website_id, "publisher": graph.business()})
    published, modified = graph.seo.published_times()
    share_image = meta.share_image
    webpage = {
        "@type": graph.seo.webpage_type,
        "@id": graph.webpage_id,
        "url": meta.canonical,
        "name": graph.seo.heading(),
        "description": meta.description(),
        "isPartOf": ref(graph.website_id),
        "breadcrumb": ref(graph.breadcrumb_id),
        "inLanguage": languages.language_tag(),
        "datePublished": published,
        "dateModified": modified,
        "primaryImageOfPage": {
            "@type": "ImageObject",
            "url": share_image.url,
            "width": share_image.width,
            "height": share_image.height,
            "caption": share_image.alt,
        }
        if share_image
        else None,
    }
    graph.add(graph.seo.webpage(graph, webpage))
    graph.add(_breadcrumbs(graph))
    for node in graph.seo.nodes(graph):
        graph.add(node)
    for extend in hooks.get_hooks("construct_page_jsonld"):
        extend(graph)
    return graph.as_dict()


def graph_script(data):
    """``<script type="application/ld+json">`` whose content cannot end the element early."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=None)
    return mark_safe(  # noqa: S308 - <, > and & are escaped as \\u003c, \\u003e, \\u0026 above
        f'<script type="application/ld+json">{text.translate(_SCRIPT_ESCAPES)}</script>'
    )
