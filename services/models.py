"""Locations and the bookable services offered there, with their duration/price variants."""

from urllib.parse import urlencode

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.dates import WEEKDAYS as DAY_NAMES
from django.utils.functional import cached_property
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from spa_site import visibility
from spa_site.listing import card_images
from spa_site.models import (
    SAMPLE_DATA_TAB,
    BasePage,
    IndexPage,
    SampleDataMixin,
    booking_url,
    page_tabs,
)

from .pricing import offer_summary, variants_at


class LocationIndexPage(IndexPage):
    subpage_types = ["services.LocationPage"]
    template = "services/location_index_page.html"
    art = "icon_locations"

    def listing(self, request=None):
        return (
            visibility.for_request(request)
            .filter(LocationPage.objects.child_of(self))
            .prefetch_related(card_images())
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        from . import selectors  # the selectors import these models

        context = super().get_context(request, *args, **kwargs)
        context["location_choices"] = selectors.location_choices(
            visibility.for_request(request), timezone.localdate(), parent=self
        )
        return context

    class Meta:
        verbose_name = "location index page"


class LocationPage(SampleDataMixin, BasePage):
    """One spa location: where it is, when it is open, what can be booked and who works there."""

    business_name = models.CharField(max_length=120, help_text="As customers know it.")
    street_address = models.CharField(max_length=200, blank=True)
    locality = models.CharField("City", max_length=100, blank=True)
    region = models.CharField("State", max_length=60, blank=True, default="CA")
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, default="US", help_text="Two-letter country code.")
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    phone = models.CharField(
        max_length=40, blank=True, help_text="As it should be dialled, e.g. (562) 555-0123."
    )
    email = models.EmailField(blank=True)
    neighbourhoods_served = models.CharField(
        max_length=300, blank=True, help_text="Comma-separated, e.g. “Naples, Belmont Shore”."
    )
    description = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])
    therapists = ParentalManyToManyField(
        "author_profiles.ProfilePage",
        blank=True,
        related_name="locations",
        help_text="Therapists who work at this location.",
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("business_name"),
        index.SearchField("locality"),
        index.SearchField("description"),
    ]

    content_panels = BasePage.content_panels + [
        FieldPanel("business_name"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel(
                    [FieldPanel("locality"), FieldPanel("region"), FieldPanel("postal_code")]
                ),
                FieldPanel("country"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="Address",
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading="Contact"),
        FieldPanel("neighbourhoods_served"),
        FieldPanel("therapists"),
    ]
    hours_panels = [
        InlinePanel(
            "opening_hours", heading="Opening hours", help_text="One row per opening period."
        ),
        InlinePanel("closures", heading="Closures", help_text="Holidays and other closed dates."),
    ]
    edit_handler = page_tabs(content_panels, ("Hours", hours_panels), SAMPLE_DATA_TAB)

    parent_page_types = ["services.LocationIndexPage"]
    subpage_types = []
    template = "services/location_page.html"
    share_label = "Visit us"

    def get_context(self, request, *args, **kwargs):
        from . import selectors  # the selectors import these models

        context = super().get_context(request, *args, **kwargs)
        audience = visibility.for_request(request)
        context["breadcrumbs"] = self.breadcrumbs(request)
        context["weekly_hours"] = self.weekly_hours()
        context["bookable_services"] = selectors.location_services(self, audience)
        context["therapists"] = selectors.location_therapists(self, audience)
        return context

    def hours_on(self, day):
        """(ranges, closure) on a local date: the weekday's opening ranges, or none and the
        closure when the location is closed that day (prefetched hours and closures)."""
        closure = next((c for c in self.closures.all() if c.date == day), None)
        if closure is not None:
            return [], closure
        ranges = sorted(
            (r.opens, r.closes) for r in self.opening_hours.all() if r.weekday == day.weekday()
        )
        return ranges, None

    @property
    def neighbourhood_list(self):
        return [name.strip() for name in self.neighbourhoods_served.split(",") if name.strip()]

    @property
    def booking_url(self):
        return booking_url(location=self.slug)

    def weekly_hours(self, today=None):
        """Monday-to-Sunday rows of (day name in the reader's language, [(opens, closes), …],
        is_today); no ranges means closed."""
        today = today if today is not None else timezone.localdate().weekday()
        ranges = {day: [] for day, _ in WEEKDAYS}
        for row in self.opening_hours.all():
            ranges[row.weekday].append((row.opens, row.closes))
        return [(DAY_NAMES[day], sorted(ranges[day]), day == today) for day, _ in WEEKDAYS]

    @property
    def one_line_address(self):
        return ", ".join(self.address_lines)

    @property
    def phone_href(self):
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        if digits and not digits.startswith("+") and len(digits) == 10:
            digits = "+1" + digits
        return f"tel:{digits}"

    @property
    def directions_url(self):
        """A plain link to a map search for the address: no embedded third-party script."""
        return "https://www.openstreetmap.org/search?" + urlencode({"query": self.one_line_address})

    @property
    def address_lines(self):
        city_line = " ".join(
            p for p in [f"{self.locality},", self.region, self.postal_code] if p.strip(",")
        )
        return [line for line in [self.street_address, city_line.strip()] if line]

    class Meta:
        verbose_name = "location page"


WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]


class OpeningHours(Orderable):
    location = ParentalKey(LocationPage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    opens = models.TimeField()
    closes = models.TimeField()

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name_plural = "opening hours"

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Closure(Orderable):
    location = ParentalKey(LocationPage, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField()
    reason = models.CharField(max_length=120, blank=True)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("reason")])]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.reason}".strip()


class ServiceQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def bookable(self, audience=None, location=None):
        """What visitors can book: active services with at least one duration/price variant,
        offered at a location ``audience`` may see (any public location when None; only
        ``location`` when given), ready for listing with their variants and their public
        locations (tree order). Every list of services on the site and in the API starts here."""
        audience = (audience or visibility.current()).records()
        public = audience.filter(LocationPage.objects.all())
        if location is not None:
            public = public.filter(pk=location.pk)
        return (
            self.filter(active=True, variants__isnull=False)
            .filter(locations__in=public.values("pk"))
            .distinct()
            .prefetch_related(
                "variants", models.Prefetch("locations", queryset=public.order_by("path"))
            )
            .order_by("sort_order", "name")
        )


class Service(SampleDataMixin, index.Indexed, ClusterableModel):
    """Something a visitor can book: e.g. a 60 or 90 minute deep tissue massage."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in booking links.")
    locations = ParentalManyToManyField(
        LocationPage,
        related_name="services",
        help_text="Where it is offered. Durations and prices below apply everywhere, except "
        "at a location that has rows of its own.",
    )
    description = models.TextField(
        blank=True, help_text="Two or three sentences for the service list."
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        default=15, help_text="Time kept free after each appointment for cleaning and notes."
    )
    therapists = ParentalManyToManyField(
        "author_profiles.ProfilePage",
        blank=True,
        related_name="services",
        help_text="Who performs this service.",
    )
    active = models.BooleanField(default=True, help_text="Only active services can be booked.")
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are listed first."
    )

    objects = ServiceQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("active"),
    ]

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("locations", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
        InlinePanel("variants", heading="Durations and prices", min_num=1),
        FieldPanel("buffer_minutes"),
        FieldPanel("therapists"),
        FieldPanel("active"),
        FieldPanel("sort_order"),
        MultiFieldPanel(SampleDataMixin.sample_data_panels, heading="Sample data"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def booking_url(self):
        return booking_url(service=self.slug)

    def booking_url_at(self, location):
        return booking_url(service=self.slug, location=location.slug if location else None)

    @property
    def offered_at(self):
        """The locations offering it in tree order: the public ones when loaded through
        ``bookable()`` (which prefetches them), else every one."""
        if "locations" in getattr(self, "_prefetched_objects_cache", {}):
            return list(self.locations.all())
        return list(self.locations.order_by("path"))

    @property
    def location(self):
        """The first location offering it: where its anchor, JSON-LD node and API link live."""
        locations = self.offered_at
        return locations[0] if locations else None

    @property
    def offered_at_label(self):
        return ", ".join(location.title for location in self.offered_at)

    def variants_at(self, location):
        """Durations and prices at ``location`` (``pricing.variants_at``: one rule)."""
        return variants_at(self.variants.all(), location.pk if location else None)

    def is_bookable(self, audience=None):
        """``bookable()``'s rule for one loaded service (one query per request for all; none
        for a service ``bookable()`` itself loaded, which says so: ``_bookable_for``)."""
        audience = audience or visibility.current()
        if self.read_as_bookable(audience):
            return True
        bookable_ids = audience.remember(
            "bookable-services",
            lambda: set(Service.objects.bookable(audience).values_list("pk", flat=True)),
        )
        return self.pk in bookable_ids

    def read_as_bookable(self, audience):
        """Whether ``bookable(audience)`` read this instance (``loaded_as_bookable``): its
        variants and public locations are loaded with it."""
        return getattr(self, "_bookable_for", None) is audience.records()

    @staticmethod
    def loaded_as_bookable(services, audience):
        """Note that ``services`` were read through ``bookable(audience)``, so ``is_bookable``
        answers them without a query."""
        for service in services:
            service._bookable_for = audience.records()

    @cached_property
    def shown_variants(self):
        """The lengths and prices a listing shows: those at its first location (on a location
        page, that location: ``bookable(location=…)`` prefetches only it)."""
        return self.variants_at(self.location)

    @property
    def offer_summary(self):
        """``60 or 90 min · from $95`` (uses the prefetched variants of ``bookable()``)."""
        return offer_summary(self.shown_variants)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


class ServiceVariant(Orderable):
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="variants")
    location = models.ForeignKey(
        LocationPage,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leave empty for every location; choose one for a length or price that "
        "differs there (that location then offers only its own rows).",
    )
    duration_minutes = models.PositiveSmallIntegerField(
        help_text="Length of the treatment in minutes."
    )
    price = models.DecimalField(max_digits=7, decimal_places=2, help_text="Price in US dollars.")

    panels = [
        FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("price"), FieldPanel("location")])
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gt=0), name="variant_duration_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(price__gte=0), name="variant_price_not_negative"
            ),
        ]

    def __str__(self):
        where = f" at {self.location.title}" if self.location_id else ""
        return f"{self.service.name}: {self.duration_minutes} min, ${self.price}{where}"
