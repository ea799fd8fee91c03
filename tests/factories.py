"""Factories for realistic test content (wagtail-factories builds pages into the tree)."""

from decimal import Decimal

import factory
import wagtail_factories
from wagtail.models import Site

from articles.models import (
    ArticleIndexPage,
    ArticleService,
    ArticleTechnique,
    ConditionArticlePage,
    TechniqueIndexPage,
    TechniquePage,
    TechniqueService,
    TopicTag,
)
from author_profiles.models import Credential, ProfileIndexPage, ProfilePage
from demo_content.loader import ensure_tree_roots
from services.models import (
    LocationIndexPage,
    LocationPage,
    OpeningHours,
    Service,
    ServiceVariant,
)
from spa_site.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Moonlight at Naple"
    slug = "home"

    class Meta:
        model = HomePage


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Conditions"
    slug = "conditions"

    class Meta:
        model = ArticleIndexPage


class TechniqueIndexPageFactory(wagtail_factories.PageFactory):
    title = "Techniques"
    slug = "techniques"

    class Meta:
        model = TechniqueIndexPage


class ProfileIndexPageFactory(wagtail_factories.PageFactory):
    title = "Team"
    slug = "team"

    class Meta:
        model = ProfileIndexPage


class LocationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Locations"
    slug = "locations"

    class Meta:
        model = LocationIndexPage


class ProfilePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Therapist {n}")
    job_title = "Certified massage therapist"
    years_of_practice = 12
    bio = "<p>Helps people recover from muscle tension.</p>"

    class Meta:
        model = ProfilePage


class CredentialFactory(factory.django.DjangoModelFactory):
    name = "Certified Massage Therapist"
    kind = Credential.KIND_CERTIFICATION
    issuer = "California Massage Therapy Council"
    identifier = "CMT-12345"

    class Meta:
        model = Credential


class LocationPageFactory(wagtail_factories.PageFactory):
    title = "Long Beach"
    business_name = "Moonlight at Naple"
    street_address = "123 E 2nd St"
    locality = "Long Beach"
    postal_code = "90803"
    phone = "(562) 555-0123"

    class Meta:
        model = LocationPage


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    weekday = 0
    opens = "10:00"
    closes = "18:00"

    class Meta:
        model = OpeningHours


class ServiceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Massage {n}")
    slug = factory.Sequence(lambda n: f"massage-{n}")
    description = "A relaxing treatment."
    buffer_minutes = 15
    active = True

    class Meta:
        model = Service
        skip_postgeneration_save = True

    @factory.post_generation
    def location(self, create, extracted, **kwargs):
        """``location=page`` (one) or ``locations=[…]``: where the service is offered."""
        if extracted is not None:
            self.locations.add(extracted)
            if create:
                self.save()

    @factory.post_generation
    def locations(self, create, extracted, **kwargs):
        if extracted:
            self.locations.add(*extracted)
            if create:
                self.save()


class ServiceVariantFactory(factory.django.DjangoModelFactory):
    duration_minutes = 60
    price = Decimal("100.00")

    class Meta:
        model = ServiceVariant


class TechniquePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Technique {n}")
    summary = "A technique that relaxes muscles."
    pressure_level = "moderate"
    how_it_works = "<p>Long strokes and kneading.</p>"

    class Meta:
        model = TechniquePage


class ConditionArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Condition {n}")
    condition_name = "Muscle spasm"
    summary = "What a muscle spasm is and how massage helps."

    class Meta:
        model = ConditionArticlePage


class TopicTagFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")

    class Meta:
        model = TopicTag


def build_site_tree():
    """Home page with the four index pages, wired to the default Site."""
    root = wagtail_factories.PageFactory._meta.model.get_first_root_node()
    for welcome in root.get_children():  # Wagtail's initial "Welcome" page
        welcome.delete()
    home = HomePageFactory(parent=root)
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    site.root_page = home
    site.save()
    return {
        "home": home,
        "articles": ArticleIndexPageFactory(parent=home),
        "techniques": TechniqueIndexPageFactory(parent=home),
        "team": ProfileIndexPageFactory(parent=home),
        "locations": LocationIndexPageFactory(parent=home),
    }


def link_article(article, techniques=(), services=(), tags=()):
    for technique in techniques:
        ArticleTechnique.objects.create(page=article, technique=technique)
    for service in services:
        ArticleService.objects.create(page=article, service=service)
    if tags:
        article.tags.add(*tags)
        article.save()


def link_technique(technique, services):
    for service in services:
        TechniqueService.objects.create(technique=technique, service=service)


def ensure_root_page():
    """Transactional tests flush what the migrations made (locale, root page); put it back."""
    return ensure_tree_roots()
