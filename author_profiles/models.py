"""Profiles: one page per person, who writes, reviews and performs services."""

from django.db import models
from django.db.models import Prefetch
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from spa_site import visibility
from spa_site.listing import images_with_renditions
from spa_site.models import (
    SAMPLE_DATA_TAB,
    BasePage,
    IndexPage,
    SampleDataMixin,
    booking_url,
    page_tabs,
)


class ProfileIndexPage(IndexPage):
    subpage_types = ["author_profiles.ProfilePage"]
    template = "author_profiles/profile_index_page.html"
    art = "icon_team"

    def listing(self, request=None):
        return (
            visibility.for_request(request)
            .filter(ProfilePage.objects.child_of(self))
            .prefetch_related(Prefetch("photo", queryset=images_with_renditions()))
            .order_by("title")
        )

    class Meta:
        verbose_name = "profile index page"


class ProfilePage(SampleDataMixin, BasePage):
    """A person's profile: the same page is the author, the reviewer and the therapist."""

    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A friendly head-and-shoulders photo.",
    )
    job_title = models.CharField(
        max_length=120, blank=True, help_text="For example “Massage therapist and esthetician”."
    )
    years_of_practice = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Whole years of professional practice."
    )
    years_of_practice_text = models.CharField(
        max_length=60,
        blank=True,
        help_text="Optional wording shown instead of the number, e.g. “over two decades”.",
    )
    bio = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])
    specialties = StreamField(
        [("specialty", blocks.CharBlock(max_length=80, label="Specialty"))],
        blank=True,
        help_text="Short phrases such as “Deep tissue massage” or “Sports recovery”.",
    )

    @property
    def listing_summary(self):
        """The editor's summary, else the start of the bio the profile page shows."""
        from spa_site.seo.page_seo import shorten

        return self.summary or shorten(self.bio)

    search_fields = BasePage.search_fields + [
        index.SearchField("job_title"),
        index.SearchField("bio"),
    ]

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("photo"),
                FieldPanel("job_title"),
                FieldPanel("years_of_practice"),
                FieldPanel("years_of_practice_text"),
            ],
            heading="About",
        ),
        FieldPanel("bio"),
        FieldPanel("specialties"),
    ]
    credential_panels = [
        InlinePanel(
            "credentials",
            heading="Credentials",
            help_text="Call a certification a certification: choose “License” only when a state board issued it.",
        ),
        InlinePanel("profile_links", heading="Profile links"),
    ]
    edit_handler = page_tabs(content_panels, ("Credentials", credential_panels), SAMPLE_DATA_TAB)

    parent_page_types = ["author_profiles.ProfileIndexPage"]
    subpage_types = []
    template = "author_profiles/profile_page.html"
    share_label = "Our team"

    def get_context(self, request, *args, **kwargs):
        from . import selectors  # the selectors import these models

        context = super().get_context(request, *args, **kwargs)
        audience = visibility.for_request(request)
        context["breadcrumbs"] = self.breadcrumbs(request)
        context["credentials"] = list(self.credentials.all())
        context["profile_links"] = list(self.profile_links.all())
        context["written"] = selectors.articles_written(self, audience)
        context["reviewed"] = selectors.articles_reviewed(self, audience)
        context["services"] = selectors.services_performed(self, audience)
        return context

    @property
    def booking_url(self):
        return booking_url(therapist=self.slug)

    @property
    def experience_label(self):
        if self.years_of_practice_text:
            return self.years_of_practice_text
        if self.years_of_practice:
            return f"{self.years_of_practice} years"
        return ""

    class Meta:
        verbose_name = "profile"


class Credential(Orderable):
    KIND_LICENSE = "license"
    KIND_CERTIFICATION = "certification"
    KIND_DEGREE = "degree"
    KIND_CHOICES = [
        (KIND_LICENSE, "License (issued by a state board)"),
        (KIND_CERTIFICATION, "Certification"),
        (KIND_DEGREE, "Degree or diploma"),
    ]

    page = ParentalKey(ProfilePage, on_delete=models.CASCADE, related_name="credentials")
    name = models.CharField(max_length=120, help_text="For example “Certified Massage Therapist”.")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default=KIND_CERTIFICATION)
    issuer = models.CharField(
        max_length=160, blank=True, help_text="The body that issued it, e.g. a state council."
    )
    identifier = models.CharField(
        max_length=60, blank=True, help_text="Certificate or license number."
    )
    expires = models.DateField(null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("issuer"),
        FieldPanel("identifier"),
        FieldPanel("expires"),
    ]

    def __str__(self):
        return self.name


class ProfileLink(Orderable):
    page = ParentalKey(ProfilePage, on_delete=models.CASCADE, related_name="profile_links")
    label = models.CharField(max_length=60, help_text="For example “LinkedIn”.")
    url = models.URLField()

    panels = [FieldPanel("label"), FieldPanel("url")]

    def __str__(self):
        return self.label
