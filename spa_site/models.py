"""Site-wide models: the abstract BasePage every page extends, the home page and site settings."""

from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .content_version import cached
from .listing import with_card_images

SAMPLE_DATA_WARNING = (
    "<p><strong>Sample data.</strong> Some facts on this record (such as prices, hours, "
    "address or phone) were invented for the demo. Replace them with the real values, "
    "then untick “Contains sample data”.</p>"
)


def booking_url(**params):
    """Link to the start of the booking flow with the given choices preselected."""
    query = urlencode({k: v for k, v in params.items() if v})
    return settings.BOOKING_START_URL + (f"?{query}" if query else "")


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


class BasePage(Page):
    """Fields every public page shares: a listing summary and image (SEO fields come later)."""

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

    search_fields = Page.search_fields + [index.SearchField("summary")]

    promote_panels = Page.promote_panels + [
        MultiFieldPanel(
            [FieldPanel("summary"), FieldPanel("listing_image")],
            heading="Listing",
        )
    ]

    def breadcrumbs(self):
        """(title, url) of the ancestors below the tree root, cached per content version."""

        def build():
            ancestors = self.get_ancestors().filter(depth__gt=1)
            return [(page.title, page.get_url()) for page in ancestors]

        return cached(f"breadcrumbs:{self.pk}", build)

    def relations_context(self, request, build):
        """Derived relations for the template, cached per content version for the live page.
        Previews render unsaved content, so they always build afresh."""
        if getattr(request, "is_preview", False):
            return build()
        return cached(f"relations:{self.pk}", build)

    def serve_preview(self, request, mode_name):
        """Send the preview to the headless front end when ``HEADLESS_PREVIEW_URL`` is set."""
        from .api.preview import headless_preview_response  # the API imports the models

        return headless_preview_response(self, request) or super().serve_preview(request, mode_name)

    class Meta:
        abstract = True


class HomePage(BasePage):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "spa_site/home_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = with_card_images(self.get_children().live().public().in_menu().specific())
        latest = []
        for section in sections:
            # Duck-typed so the core app never imports the content apps.
            if hasattr(section, "articles") and not latest:
                latest = list(section.articles()[:3])
        context.update(sections=sections, latest_articles=latest)
        return context

    class Meta:
        verbose_name = "home page"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The business identity used in the header and footer of every page."""

    business_name = models.CharField(max_length=120, default="Moonlight at Naple")
    tagline = models.CharField(max_length=200, blank=True)
    primary_location = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The location whose address, phone and hours appear in every page's footer.",
    )

    panels = [
        FieldPanel("business_name"),
        FieldPanel("tagline"),
        PageChooserPanel("primary_location", "services.LocationServicePage"),
    ]

    class Meta:
        verbose_name = "site settings"
