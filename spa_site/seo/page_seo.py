"""How each page type presents itself to search engines.

Core code cannot import the content apps (imports flow one way), so each app describes its
page types with a ``PageSeo`` subclass and registers it through the ``register_page_seo``
Wagtail hook (in its ``wagtail_hooks.py``)::

    @hooks.register("register_page_seo")
    def register_article_seo():
        return {ConditionArticlePage: ConditionArticleSeo}

The business node (``DaySpa``) comes from the ``register_business_jsonld`` hook the same way.
"""

from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail import hooks

from ..text import listing_sentence


class PageSeo:
    """Defaults for any page; subclasses override what their page type knows better."""

    #: ``<title>`` pattern when the page has no SEO title: ``{title}``, ``{site_name}``, ``{tagline}``.
    title_template = "{title} | {site_name}"
    #: schema.org type of the page node in the JSON-LD graph.
    webpage_type = "WebPage"
    og_type = "website"

    def __init__(self, page, request=None, context=None):
        self.page = page
        self.request = request
        self.context = context or {}

    # Metadata ------------------------------------------------------------

    def heading(self):
        """The page's own name, without the site name (og:title, breadcrumbs, JSON-LD)."""
        return self.page.seo_title or self.page.title

    def title(self, site_settings):
        if self.page.seo_title:
            return self.page.seo_title
        title = self.title_template.format(
            title=self.page.title,
            site_name=site_settings.business_name,
            tagline=site_settings.tagline,
        )
        return title.strip(" |")

    def description(self):
        return self.page.search_description or self.fallback_description()

    def fallback_description(self):
        summary = getattr(self.page, "summary", "")
        if summary:
            return summary
        intro = strip_tags(getattr(self.page, "intro", "") or "").strip()
        return Truncator(" ".join(intro.split())).chars(160) if intro else ""

    def noindex(self):
        return bool(getattr(self.page, "noindex", False))

    def canonical_override(self):
        return getattr(self.page, "canonical_url", "")

    def route_path(self):
        """Path below the page's own URL for routable sub-pages (e.g. ``topics/back-pain/``)."""
        return ""

    @classmethod
    def route_context(cls, page, route):
        """The context a routed sub-page at ``route`` is described with (``{}`` for the page
        itself), or None when there is no such sub-page. Share images use it."""
        return None if route else {}

    def share_label(self, site_settings):
        """What the page is, above its title on the share image (e.g. "Massage technique")."""
        return self.page.share_label or ""

    def images(self):
        """Candidate share images, best first; the site's fallback image comes after these."""
        return [getattr(self.page, "listing_image", None)]

    def published_times(self):
        return self.page.first_published_at, self.page.last_published_at

    # JSON-LD -------------------------------------------------------------

    def webpage(self, graph, node):
        """Add type-specific properties to the page node (``graph.webpage_id``)."""
        return node

    def nodes(self, graph):
        """Further nodes for this page (articles, people, services…)."""
        return []

    def extra_breadcrumbs(self):
        """(name, url) crumbs after the page itself, for routed sub-pages."""
        return []

    # Sitemap -------------------------------------------------------------

    def extra_sitemap_urls(self, request):
        """Sitemap entries for routed sub-pages (each a dict with location and lastmod)."""
        return []


class CollectionSeo(PageSeo):
    """Index pages that list other pages."""

    webpage_type = "CollectionPage"
    #: How many listed titles a generated description names.
    DESCRIBED_ITEMS = 6

    def fallback_description(self):
        """The summary or introduction, else the titles the index lists ("Our team: …")."""
        described = super().fallback_description()
        if described or not hasattr(self.page, "listing"):
            return described
        listed = self.page.listing().prefetch_related(None).values_list("title", flat=True)
        titles = list(listed[: self.DESCRIBED_ITEMS])
        return Truncator(listing_sentence(self.page.title, titles)).chars(160)


class HomeSeo(PageSeo):
    title_template = "{site_name} | {tagline}"

    def share_label(self, site_settings):
        return site_settings.tagline

    def webpage(self, graph, node):
        node["about"] = graph.business()
        return node


def _registry():
    registry = {}
    for hook in hooks.get_hooks("register_page_seo"):
        registry.update(hook())
    return registry


def seo_class_for(page):
    registry = _registry()
    for cls in type(page).__mro__:
        if cls in registry:
            return registry[cls]
    return PageSeo


def seo_for(page, request=None, context=None):
    return seo_class_for(page)(page, request, context)


def business_builder():
    """The registered function building the business node, or None."""
    builders = hooks.get_hooks("register_business_jsonld")
    return builders[-1]() if builders else None
