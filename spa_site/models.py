"""Site-wide models: the abstract BasePage every page extends, the home page and site settings."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from . import routing, visibility
from .conf import spa_settings
from .listing import CARDS_PER_PAGE, with_card_images
from .pagination import paginate

SAMPLE_DATA_WARNING = (
    "<p><strong>Sample data.</strong> Some facts on this record (such as prices, hours, "
    "address or phone) were invented for the demo. Replace them with the real values, "
    "then untick “Contains sample data”.</p>"
)


def booking_url(**params):
    """Link to the start of the booking flow with the given choices preselected."""
    query = urlencode({k: v for k, v in params.items() if v})
    return spa_settings.BOOKING_START_URL + (f"?{query}" if query else "")


class SampleDataMixin(models.Model):
    """Marks records whose facts were invented for the demo, so editors can find and fix them."""

    contains_sample_data = models.BooleanField(
        default=False,
        help_text="Ticked while some facts here are invented placeholders. Untick once they are real.",
    )

    sample_data_panels = [
        HelpPanel(content=SAMPLE_DATA_WARNING, heading="Sample data"),
        FieldPanel("contains_sample_data"),
    ]

    class Meta:
        abstract = True


SEO_FIELDS_PERMISSION = "spa_site.edit_seo_fields"


def seo_counted_widget(ideal_min, ideal_max, multiline=False):
    """A text widget that shows live character counts and length guidance in the editor.

    The ``seo-count`` Stimulus controller (static/spa_site/js/seo_counter.js) enhances it;
    without JavaScript it is a plain field with the guidance in its help text.
    """
    attrs = {
        "data-controller": "seo-count",
        "data-seo-count-min-value": ideal_min,
        "data-seo-count-max-value": ideal_max,
    }
    if multiline:
        return forms.Textarea(attrs={**attrs, "rows": 3})
    return forms.TextInput(attrs=attrs)


class BasePage(Page):
    """Fields every public page shares: a listing summary and image, and search metadata.

    ``seo_title`` and ``search_description`` are Wagtail's own; the SEO team owns them
    (``FieldPanel(permission=...)``) together with the canonical override and noindex switch.
    """

    summary = models.TextField(
        blank=True,
        max_length=400,
        help_text="One or two sentences for cards, listings and search results.",
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Picture used on cards and when the page is shared. Landscape works best.",
    )
    canonical_url = models.URLField(
        "canonical URL",
        max_length=500,
        blank=True,
        help_text="Only when this content lives at another address: search engines credit that "
        "address instead. Leave empty to use this page's own address.",
    )
    noindex = models.BooleanField(
        "hide from search engines",
        default=False,
        help_text="Adds “noindex” for search engines and leaves the page out of the sitemap.",
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]

    @property
    def listing_summary(self):
        """What cards and API listings say about the page: its summary (types whose page shows
        other text in its place, e.g. a profile's bio, fall back to it)."""
        return self.summary

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel(
                    "seo_title",
                    permission=SEO_FIELDS_PERMISSION,
                    widget=seo_counted_widget(30, 60),
                    help_text="Shown as the headline in search results. Aim for up to 60 "
                    "characters. Leave empty to use the page title with the site's title pattern.",
                ),
                FieldPanel(
                    "search_description",
                    permission=SEO_FIELDS_PERMISSION,
                    widget=seo_counted_widget(50, 160, multiline=True),
                    help_text="Shown under the headline in search results. Aim for 50–160 "
                    "characters. Leave empty to use the summary.",
                ),
                FieldPanel("canonical_url", permission=SEO_FIELDS_PERMISSION),
                FieldPanel("noindex", permission=SEO_FIELDS_PERMISSION),
            ],
            heading="For search engines",
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading="For site menus"),
        MultiFieldPanel(
            [FieldPanel("summary"), FieldPanel("listing_image")],
            heading="Listing",
        ),
    ]

    def display_ancestors(self):
        """The ancestors below the tree root, top first: found by routing (no query), or in
        one query, and kept for the request (breadcrumbs and their JSON-LD both use them)."""
        ancestors = routing.ancestors_on_path(self)
        if ancestors is None:
            ancestors = list(Page.objects.ancestor_of(self).filter(depth__gt=1).order_by("depth"))
            setattr(self, routing.ANCESTORS_ATTR, ancestors)
        return ancestors

    def breadcrumbs(self, request=None):
        """(title, url) of the ancestors below the tree root."""
        return [(page.title, page.get_url(request)) for page in self.display_ancestors()]

    def get_view_restrictions(self):
        """Wagtail checks these on every view (two queries). The read layer already knows
        which pages carry a restriction: when none is on this page's path, there is none
        (aliases, whose originals' restrictions also apply, take Wagtail's own lookup)."""
        ancestors = routing.ancestors_on_path(self)
        audience = visibility.current()
        if (
            self.pk is not None
            and ancestors is not None
            and self.alias_of_id is None
            and not any(page.alias_of_id for page in ancestors)
            and not any(self.path.startswith(path) for path in audience.restricted_paths)
        ):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def listed_pages(self):
        """Pages this page links to by listing them (cards), for the "unlinked pages" report."""
        return []

    def serve_preview(self, request, mode_name):
        """Send the preview to the headless front end when ``HEADLESS_PREVIEW_URL`` is set."""
        from .api.preview import headless_preview_response  # the API imports the models

        return headless_preview_response(self, request) or super().serve_preview(request, mode_name)

    #: How the ``<title>`` is built when no SEO title is set; see spa_site.seo.metadata.
    seo_title_template = "{title} | {site_name}"

    #: The drawing shown instead of a picture (``spa_site/templates/spa_site/illustrations/<art>.svg``).
    art = ""
    #: What the page is, on its share image (e.g. "Massage technique"); see share_images.
    share_label = ""

    @property
    def art_template(self):
        return f"spa_site/illustrations/{self.art}.svg" if self.art else ""

    def get_sitemap_urls(self, request=None):
        from .seo.sitemap import page_sitemap_urls

        return page_sitemap_urls(self, request)

    class Meta:
        abstract = True


def page_tabs(content_panels, tab, last_tab):
    """A page type's editor tabs: Content, the type's own ``tab``, Promote, Settings, then
    ``last_tab``; each tab is ``(heading, panels)``."""
    tabs = [("Content", content_panels), tab]
    tabs += [("Promote", BasePage.promote_panels), ("Settings", BasePage.settings_panels), last_tab]
    return TabbedInterface([ObjectList(panels, heading=heading) for heading, panels in tabs])


#: The last tab of a page type that may hold sample data (``SampleDataMixin``).
SAMPLE_DATA_TAB = ("Sample data", SampleDataMixin.sample_data_panels)


class IndexPage(BasePage):
    """A section's index: an introduction, then its pages as cards, a dozen at a time."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["spa_site.HomePage"]
    # One per home page, so one per language (translations are copies under each home).
    max_count_per_parent = 1

    def listing(self, request=None):
        """The public pages to list, ready for cards (subclasses say which)."""
        raise NotImplementedError

    def listed_pages(self):
        return self.listing()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy, so a routable sub-page that lists something else never counts these.
        context["page_obj"] = SimpleLazyObject(
            lambda: paginate(request, self.listing(request), CARDS_PER_PAGE)
        )
        return context

    class Meta:
        abstract = True


class HomePage(BasePage):
    # Named for this app: a project's own ``home.HomePage`` (every ``wagtail start`` project
    # has one) would otherwise clash with it on ``Page.homepage``.
    page_ptr = models.OneToOneField(
        Page,
        on_delete=models.CASCADE,
        parent_link=True,
        auto_created=True,
        primary_key=True,
        serialize=False,
        related_name="spa_home_page",
    )
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A photo of the spa for the top of the home page. Without one, the page "
        "shows a drawing of the moon over the water.",
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("hero_image")]

    parent_page_types = ["wagtailcore.Page"]
    template = "spa_site/home_page.html"

    @classmethod
    def can_create_at(cls, parent):
        """One home page per language: editors add the Spanish one by translating the English
        one (wagtail-localize), never as a new page next to it."""
        return super().can_create_at(parent) and not cls.objects.exists()

    #: ``routing.PageRouteMiddleware`` may route below it (its ``route`` is the walk's).
    routes_with_spa_routing = True

    def route(self, request, path_components):
        """Pages below the site root are found in two queries (see ``routing``)."""
        return routing.route(self, request, path_components, super().route)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections, latest = self.listed(request)
        context.update(sections=with_card_images(sections), latest_articles=latest)
        return context

    def listed(self, request=None):
        """(sections, latest articles): the cards the home page shows."""
        audience = visibility.for_request(request)
        sections = list(audience.menu(self).specific())
        latest = []
        for section in sections:
            # Duck-typed so the core app never imports the content apps.
            if hasattr(section, "articles") and not latest:
                latest = list(section.articles(request)[:3])
        return sections, latest

    def listed_pages(self):
        sections, latest = self.listed()
        return sections + latest

    class Meta:
        verbose_name = "home page"


def validate_url_lines(value):
    validate = URLValidator(schemes=["https", "http"])
    for line in value.splitlines():
        if line.strip():
            try:
                validate(line.strip())
            except ValidationError:
                raise ValidationError(f"“{line.strip()}” is not a web address.") from None


def default_business_name():
    """A new site's business name: the project's ``WAGTAIL_SITE_NAME`` until an editor sets it."""
    return getattr(settings, "WAGTAIL_SITE_NAME", "") or "Our spa"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The business identity used in the header and footer of every page, and search settings."""

    business_name = models.CharField(max_length=120, default=default_business_name)
    tagline = models.CharField(max_length=200, blank=True)
    primary_location = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The location whose address, phone and hours appear in every page's footer.",
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when a page without its own picture is shared, and as the business "
        "image for search engines. 1200×630 works best.",
    )
    social_profiles = models.TextField(
        blank=True,
        validators=[validate_url_lines],
        help_text="The business's profiles elsewhere (Instagram, Facebook, Yelp, Google "
        "Business Profile…), one address per line.",
    )
    twitter_handle = models.CharField(
        "X/Twitter handle", max_length=30, blank=True, help_text="For example “@moonlightspa”."
    )
    thin_topic_threshold = models.PositiveSmallIntegerField(
        default=3,
        help_text="Topic pages with fewer live articles and techniques than this are hidden "
        "from search engines and left out of the sitemap.",
    )
    is_staging = models.BooleanField(
        "this site is a staging copy",
        default=False,
        help_text="Tells search engines not to crawl anything (robots.txt disallows all).",
    )

    panels = [
        FieldPanel("business_name"),
        FieldPanel("tagline"),
        PageChooserPanel("primary_location", "services.LocationPage"),
        MultiFieldPanel(
            [
                FieldPanel("share_image"),
                FieldPanel("social_profiles"),
                FieldPanel("twitter_handle"),
                FieldPanel("thin_topic_threshold"),
                FieldPanel("is_staging"),
            ],
            heading="Search and sharing",
        ),
    ]

    @property
    def social_profile_urls(self):
        return [line.strip() for line in self.social_profiles.splitlines() if line.strip()]

    class Meta:
        verbose_name = "site settings"


class SeoPermission(models.Model):
    """Holds the SEO team's permissions; no table (like Wagtail's own ``Admin`` model)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("edit_seo_fields", "Can edit search titles, descriptions, canonical and noindex"),
            ("view_seo_reports", "Can view SEO reports"),
        ]

    def __str__(self):
        return "SEO permissions"
