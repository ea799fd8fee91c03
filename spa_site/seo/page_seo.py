"""How each page type presents itself to search engines.

Core code cannot import the content apps (imports flow one way), so each app describes its
page types with a ``PageSeo`` subclass and registers it through the ``register_page_seo``
Wagtail hook (in its ``wagtail_hooks.py``)::

    @hooks.register("register_page_seo")
    def register_article_seo():
        return {ConditionArticlePage: ConditionArticleSeo}

The business node (``DaySpa``) comes from the ``register_business_jsonld`` hook the same way.
"""

import html

from django.utils.html import strip_tags
from wagtail import hooks

from ..wording import listing_sentence

#: Search results show about this many characters of a title and of a description.
TITLE_IDEAL_MAX = 60
DESCRIPTION_IDEAL_MIN = 50
DESCRIPTION_IDEAL_MAX = 160
#: Descriptions built from other text are cut here, a little under the ideal maximum.
FALLBACK_DESCRIPTION_MAX = 155
ELLIPSIS = "…"


def plain_text(text):
    """``text`` (HTML or plain) as one line of plain text."""
    return " ".join(html.unescape(strip_tags(str(text or ""))).split())


def shorten(text, limit=FALLBACK_DESCRIPTION_MAX):
    """Plain ``text`` cut at a word boundary to at most ``limit`` characters, ellipsis included."""
    text = plain_text(text)
    if len(text) <= limit:
        return text
    room = text[: limit - len(ELLIPSIS) + 1]
    cut = room.rsplit(" ", 1)[0] if " " in room else room[:-1]
    return cut.rstrip(" ,;:–—-") + ELLIPSIS


def fit_title(templates, **values):
    """The first of ``templates`` that gives a title within ``TITLE_IDEAL_MAX``, else the last."""
    titles = [template.format(**values).strip(" |") for template in templates]
    return next((title for title in titles if len(title) <= TITLE_IDEAL_MAX), titles[-1])


class PageSeo:
    """Defaults for any page; subclasses override what their page type knows better."""

    #: ``<title>`` pattern when the page has no SEO title: ``{title}``, ``{site_name}``, ``{tagline}``.
    title_template = "{title} | {site_name}"
    #: Shorter patterns, tried in order when ``title_template`` gives more than 60 characters.
    title_fallbacks = ("{title} | {site_name}", "{title}")
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
        return fit_title(
            [self.title_template, *self.title_fallbacks],
            title=self.page.title,
            site_name=site_settings.business_name,
            tagline=site_settings.tagline,
        )

    def description(self):
        """The editor's meta description, else the fallback cut to 155 characters."""
        return self.page.search_description or shorten(self.fallback_description())

    def fallback_description(self):
        """Text to describe the page when it has no meta description (any length, HTML ok)."""
        return getattr(self.page, "summary", "") or getattr(self.page, "intro", "") or ""

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
        return listing_sentence(self.page.title, titles)


class HomeSeo(PageSeo):
    title_template = "{site_name} | {tagline}"
    title_fallbacks = ("{site_name}",)

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
