"""Site-wide models: the abstract BasePage every page extends, the home page and site settings."""

from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .publishing import SpaPageManager

SAMPLE_DATA_WARNING = (
    "<p><strong>Sample data.</strong> Some facts on this record (such as prices, hours, "
    "address or phone) were invented for the demo. Replace them with the real values, "
    "then untick “Contains sample data”.</p>"
)


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

    objects = SpaPageManager()

    promote_panels = Page.promote_panels + [
        MultiFieldPanel(
            [FieldPanel("summary"), FieldPanel("listing_image")],
            heading="Listing",
        )
    ]

    class Meta:
        abstract = True


class HomePage(BasePage):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "spa_site/home_page.html"

    class Meta:
        verbose_name = "home page"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The business identity used in the header and footer of every page."""

    business_name = models.CharField(max_length=120, default="Moonlight at Naple")
    tagline = models.CharField(max_length=200, blank=True)

    panels = [FieldPanel("business_name"), FieldPanel("tagline")]

    class Meta:
        verbose_name = "site settings"
