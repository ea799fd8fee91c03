"""Title, description, canonical URL, robots, sharing tags and JSON-LD for the page head.

``page_head()`` is the one builder: the HTML head (``{% seo_head %}``,
``spa_site/components/seo_head.html``) prints what it returns, and the delivery API gives the same
object as ``meta.head`` (``PageMetadata.as_data()``), so a headless front end renders the
same head the site does.
"""

import json
from dataclasses import asdict, dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings as django_settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.functional import cached_property
from wagtail.models import Site

from .. import languages, share_images
from ..models import SiteSettings
from ..private_pages import ROBOTS_NOINDEX_ATTR, X_ROBOTS_TAG
from ..renditions import SHARE_IMAGE_FILTER
from .page_seo import (  # noqa: F401 - the length guidance is imported from here
    DESCRIPTION_IDEAL_MAX,
    DESCRIPTION_IDEAL_MIN,
    TITLE_IDEAL_MAX,
    seo_for,
)

#: Query parameters that never make a different page: tracking tags and booking pre-selections.
STRIPPED_QUERY_PREFIXES = ("utm_", "mc_", "_ga", "_gl", "pk_", "hsa_")
STRIPPED_QUERY_PARAMS = {
    "gclid",
    "dclid",
    "fbclid",
    "msclkid",
    "yclid",
    "twclid",
    "igshid",
    "ref",
    "source",
    "service",
    "variant",
    "therapist",
    "slot",
    "date",
    "time",
    "booking",
    "token",
}


def strip_query(url):
    """``url`` without tracking and booking parameters (other parameters keep their order)."""
    parts = urlsplit(url)
    kept = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in STRIPPED_QUERY_PARAMS
        and not key.lower().startswith(STRIPPED_QUERY_PREFIXES)
    ]
    return urlunsplit(parts._replace(query=urlencode(kept), fragment=""))


def staging(site_settings):
    return bool(getattr(django_settings, "SEO_STAGING", False) or site_settings.is_staging)


@dataclass
class ShareImage:
    url: str
    width: int
    height: int
    alt: str


@dataclass
class PageMetadata:
    title: str
    description: str = ""
    canonical: str = ""
    robots: str = ""
    og: list = field(default_factory=list)
    twitter: list = field(default_factory=list)
    #: The one JSON-LD ``@graph`` document of the page (None for views that are not pages).
    graph: dict | None = None
    image: ShareImage | None = None
    #: ``(hreflang, absolute URL)`` of the page in other languages; none until locales exist.
    alternates: list = field(default_factory=list)

    @property
    def jsonld(self):
        """The graph as the ``<script type="application/ld+json">`` element of the head."""
        from .jsonld import graph_script

        return graph_script(self.graph) if self.graph is not None else ""

    def as_data(self):
        """Plain JSON data of the same head (the API's ``meta.head``)."""
        graph = None
        if self.graph is not None:  # the very JSON the page's script element holds
            graph = json.loads(json.dumps(self.graph, cls=DjangoJSONEncoder))
        return {
            "title": self.title,
            "description": self.description,
            "canonical": self.canonical,
            "robots": self.robots,
            "open_graph": [{"property": p, "content": c} for p, c in self.og],
            "twitter": [{"name": n, "content": c} for n, c in self.twitter],
            "image": asdict(self.image) if self.image else None,
            "alternates": [{"hreflang": lang, "href": href} for lang, href in self.alternates],
            "json_ld": graph,
        }


class MetadataBuilder:
    """Everything ``spa_site/components/seo_head.html`` prints, for a page (or a non-page view)."""

    def __init__(self, request, page=None, context=None, own_query=True):
        self.request = request
        self.page = page
        self.context = context or {}
        #: Whether the request's query string belongs to the page's URL (HTML views); an API
        #: request's query string is the API's, not the page's.
        self.own_query = own_query
        request_site = Site.find_for_request(request) if request else None
        self.site = request_site or Site.objects.filter(is_default_site=True).first()
        if request_site is not None:  # read once per request (the header and footer too)
            self.settings = SiteSettings.for_request(request)
        else:
            self.settings = SiteSettings.for_site(self.site) if self.site else SiteSettings()
        self.seo = seo_for(page, request, self.context) if page is not None else None

    @cached_property
    def site_name(self):
        return self.settings.business_name

    @cached_property
    def root_url(self):
        if self.site:
            return self.site.root_url
        return self.request.build_absolute_uri("/").rstrip("/") if self.request else ""

    def absolute(self, url):
        if not url or url.startswith(("http://", "https://")):
            return url
        return self.root_url + url

    @cached_property
    def page_url(self):
        """The absolute URL of the page (or routed sub-page) itself, query-free."""
        if self.page is None:
            return self.absolute(self.request.path) if self.request else ""
        base = self.page.get_full_url(self.request) or ""
        return base + self.seo.route_path()

    @cached_property
    def canonical(self):
        if self.seo and self.seo.canonical_override():
            return self.seo.canonical_override()
        if self.page is None and self.request:
            return strip_query(self.request.build_absolute_uri())
        query = self.request.META.get("QUERY_STRING", "") if self.request and self.own_query else ""
        return strip_query(f"{self.page_url}?{query}" if query else self.page_url)

    def title(self, fallback=""):
        if self.seo:
            return self.seo.title(self.settings)
        if fallback:
            return f"{fallback} | {self.site_name}"
        return self.site_name

    def description(self, fallback=""):
        text = self.seo.description() if self.seo else fallback
        return " ".join((text or "").split())

    @cached_property
    def noindex(self):
        return staging(self.settings) or bool(self.seo and self.seo.noindex())

    @cached_property
    def share_image(self):
        """The page's own picture, else the site's chosen one, else the page's drawn card."""
        candidates = (self.seo.images() if self.seo else []) + [self.settings.share_image]
        image = next((c for c in candidates if c is not None), None)
        if image is None:
            card = (
                share_images.card_for(self.page, self.settings, self.context)
                if self.page is not None
                else share_images.site_card(self.settings)
            )
            return ShareImage(
                url=self.absolute(card.path),
                width=share_images.WIDTH,
                height=share_images.HEIGHT,
                alt=card.alt,
            )
        rendition = image.get_rendition(SHARE_IMAGE_FILTER)
        return ShareImage(
            url=self.absolute(rendition.url),
            width=rendition.width,
            height=rendition.height,
            alt=image.default_alt_text,
        )

    def open_graph(self, title, description):
        heading = self.seo.heading() if self.seo else title
        og = [
            ("og:type", self.seo.og_type if self.seo else "website"),
            ("og:site_name", self.site_name),
            ("og:locale", languages.og_locale()),
            ("og:title", heading),
            ("og:url", self.canonical),
        ]
        if description:
            og.append(("og:description", description))
        if self.share_image:
            og += [
                ("og:image", self.share_image.url),
                ("og:image:width", str(self.share_image.width)),
                ("og:image:height", str(self.share_image.height)),
                ("og:image:alt", self.share_image.alt),
            ]
        if self.seo and self.seo.og_type == "article":
            published, modified = self.seo.published_times()
            if published:
                og.append(("article:published_time", published.isoformat()))
            if modified:
                og.append(("article:modified_time", modified.isoformat()))
        twitter = [
            ("twitter:card", "summary_large_image" if self.share_image else "summary"),
            ("twitter:title", heading),
        ]
        if self.settings.twitter_handle:
            twitter.append(("twitter:site", self.settings.twitter_handle))
        if description:
            twitter.append(("twitter:description", description))
        if self.share_image:
            twitter += [
                ("twitter:image", self.share_image.url),
                ("twitter:image:alt", self.share_image.alt),
            ]
        return og, twitter

    def build(self, fallback_title="", fallback_description=""):
        from .jsonld import build_graph

        title = self.title(fallback_title)
        description = self.description(fallback_description)
        og, twitter = self.open_graph(title, description)
        if getattr(self.request, ROBOTS_NOINDEX_ATTR, False):
            robots = X_ROBOTS_TAG  # a private page (spa_site.private_pages)
        elif self.noindex:
            robots = "noindex, follow"
        else:
            robots = "index, follow, max-image-preview:large"
        return PageMetadata(
            title=title,
            description=description,
            canonical=self.canonical if self.page is not None else "",
            robots=robots,
            og=og,
            twitter=twitter,
            graph=build_graph(self) if self.page is not None else None,
            image=self.share_image,
            alternates=self.alternates(),
        )

    def alternates(self):
        """The page in every language a visitor may read it in, and ``x-default``
        (``spa_site.languages``); none for a page without a visible translation, for routed
        sub-pages (topic pages have no translated routes) and for views that are not pages."""
        if self.page is None or not getattr(self.page, "pk", None) or self.seo.route_path():
            return []
        return languages.alternates(self.page, self.request, self.page_url)


def page_head(
    request, page=None, context=None, fallback_title="", fallback_description="", own_query=True
):
    """The head of ``page`` (or of a view that is not a page, from the fallbacks)."""
    builder = MetadataBuilder(request, page, context, own_query=own_query)
    return builder.build(fallback_title, fallback_description)
