"""Builds the demo site from a validated ``DemoSource``. Creates what is missing and
leaves existing records alone, so a second run changes nothing (and editors' changes survive)."""

import datetime
from collections import Counter
from decimal import Decimal

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

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
from author_profiles.models import ProfileIndexPage, ProfilePage
from booking.demo import add_demo_working_hours
from services.models import (
    LocationIndexPage,
    LocationPage,
    OpeningHours,
    Service,
    ServiceVariant,
)
from spa_site import public_url
from spa_site.models import HomePage, SiteSettings

from .source import LIST_SECTION_TYPES, DemoContentError


def ensure_tree_roots():
    """Wagtail's default locale, root collection and root page. Migrations create them; a
    flushed database (e.g. after a live-server test) has lost them, so put them back."""
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    return root


class DemoLoader:
    def __init__(self, source):
        self.source = source
        self.created = Counter()

    def run(self):
        home = self.home_page()
        indexes = self.index_pages(home)
        self.tags = {t["slug"]: self.tag(t) for t in self.source.tags}
        people = self.authors(indexes["team"])
        location = self.location(indexes["locations"], people)
        self.primary_location(home, location)
        self.services = {
            s["slug"]: self.service(s, location, people) for s in self.source.site["services"]
        }
        add_demo_working_hours(location, self.created)
        for data in self.source.site.get("more_locations", []):
            page, created = self.location(indexes["locations"], people, data, with_created=True)
            if created:  # offer the listed services there (never on a re-run)
                for slug in data.get("services", []):
                    service = self.services[slug]
                    service.locations.add(page)
                    service.save()
            add_demo_working_hours(page, self.created)
        self.techniques = {
            t["slug"]: self.technique(indexes["techniques"], t) for t in self.source.techniques
        }
        for article in self.source.articles:
            self.article(indexes["articles"], article, people)
        self.spanish_drafts([home])
        return self.created

    def spanish_drafts(self, pages):
        """The Spanish locale, and the root of its tree: the home page as a Spanish draft
        that editors translate in wagtail-localize's editor. The spa has no Spanish text, so
        nothing is published in Spanish (docs/i18n.md): every other page stays untranslated
        until an editor translates it (its untranslated parents come along as aliases, which
        are never public)."""
        from wagtail_localize.operations import TranslationCreator

        locale, created = Locale.objects.get_or_create(language_code="es")
        if created:
            self.created["locale"] += 1
        creator = TranslationCreator(user=None, target_locales=[locale])
        for page in pages:
            if page.get_translation_or_none(locale) is None:
                creator.create_translations(page, include_related_objects=False)
                self.created["Spanish draft"] += 1

    # Pages -----------------------------------------------------------------

    def _publish_child(self, parent, page, kind):
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created[kind] += 1
        return page

    def _existing_child(self, parent, model, slug):
        return model.objects.child_of(parent).filter(slug=slug).first()

    def home_page(self):
        home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        site_data = self.source.site
        if home is None:
            root = ensure_tree_roots()
            # Wagtail's initial migration leaves a plain "Welcome" page at the site root.
            for welcome in Page.objects.child_of(root).filter(content_type__model="page"):
                welcome.delete()
            # A project's own home page (``wagtail start`` makes one) stays where it is; the
            # demo's home page takes another slug beside it and becomes the site's root.
            slug = "home"
            if Page.objects.child_of(root).filter(slug=slug).exists():
                slug = "spa-home"
            home = HomePage(
                title=site_data["home"]["title"], slug=slug, intro=site_data["home"]["intro"]
            )
            self._publish_child(root, home, "home page")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None or site.root_page_id != home.pk:
            hostname, port = public_url.host_and_port()
            site = site or Site(hostname=hostname, port=port, is_default_site=True)
            site.root_page = home
            site.site_name = site_data["site"]["site_name"]
            site.save()
            self.created["site"] += 1
        site_settings = SiteSettings.for_site(site)
        if not site_settings.tagline:
            site_settings.business_name = site_data["site"]["business_name"]
            site_settings.tagline = site_data["site"]["tagline"]
            site_settings.save()
            self.created["site settings"] += 1
        return home

    def index_pages(self, home):
        models = {
            "articles": ArticleIndexPage,
            "techniques": TechniqueIndexPage,
            "team": ProfileIndexPage,
            "locations": LocationIndexPage,
        }
        pages = {}
        for key, model in models.items():
            data = self.source.site["indexes"][key]
            page = self._existing_child(home, model, data["slug"])
            if page is None:
                page = self._publish_child(
                    home,
                    model(
                        title=data["title"],
                        slug=data["slug"],
                        intro=data["intro"],
                        show_in_menus=True,
                    ),
                    "index page",
                )
            pages[key] = page
        return pages

    def authors(self, team):
        people = {}
        for data in self.source.authors:
            page = self._existing_child(team, ProfilePage, data["slug"])
            if page is None:
                page = ProfilePage(
                    title=data["name"],
                    slug=data["slug"],
                    job_title=data.get("job_title", ""),
                    bio=data.get("bio", ""),
                    years_of_practice=data.get("years_of_practice"),
                    years_of_practice_text=data.get("years_of_practice_text", ""),
                    specialties=[("specialty", s) for s in data.get("specialties", [])],
                    contains_sample_data=data.get("contains_sample_data", False),
                )
                self._publish_child(team, page, "profile")
            people[data["slug"]] = page
        return people

    def location(self, index, people, data=None, with_created=False):
        data = data or self.source.site["location"]
        page = self._existing_child(index, LocationPage, data["slug"])
        if page is not None:
            return (page, False) if with_created else page
        fields = {
            key: data[key]
            for key in (
                "business_name",
                "street_address",
                "locality",
                "region",
                "postal_code",
                "country",
                "phone",
                "email",
                "neighbourhoods_served",
                "description",
                "contains_sample_data",
            )
        }
        page = LocationPage(
            title=data["title"],
            slug=data["slug"],
            search_description=data.get("search_description", ""),
            latitude=Decimal(data["latitude"]),
            longitude=Decimal(data["longitude"]),
            **fields,
        )
        page.opening_hours = [
            OpeningHours(
                weekday=row["weekday"],
                opens=datetime.time.fromisoformat(row["opens"]),
                closes=datetime.time.fromisoformat(row["closes"]),
            )
            for row in data["opening_hours"]
        ]
        page.therapists = [people[slug] for slug in data["therapists"]]
        page = self._publish_child(index, page, "location page")
        return (page, True) if with_created else page

    def primary_location(self, home, location):
        site_settings = SiteSettings.for_site(Site.objects.get(root_page=home))
        if site_settings.primary_location_id is None:
            site_settings.primary_location = location
            site_settings.save()
            self.created["primary location"] += 1

    def tag(self, data):
        tag = TopicTag.objects.filter(slug=data["slug"]).first()
        if tag is None:
            tag = TopicTag.objects.create(name=data["name"], slug=data["slug"])
            self.created["topic"] += 1
        return tag

    def service(self, data, location, people):
        service = Service.objects.filter(slug=data["slug"]).first()
        if service is not None:
            return service
        service = Service(
            name=data["name"],
            slug=data["slug"],
            description=data.get("description", ""),
            buffer_minutes=data.get("buffer_minutes", 15),
            contains_sample_data=True,
        )
        service.variants = [
            ServiceVariant(duration_minutes=v["duration_minutes"], price=Decimal(v["price"]))
            for v in data["variants"]
        ]
        service.therapists = [people[slug] for slug in data["therapists"]]
        service.locations = [location]
        service.save()
        self.created["service"] += 1
        return service

    def technique(self, index, data):
        page = self._existing_child(index, TechniquePage, data["slug"])
        if page is not None:
            return page
        page = TechniquePage(
            title=data["title"],
            slug=data["slug"],
            summary=data.get("summary", ""),
            pressure_level=data["pressure_level"],
            how_it_works=data.get("how_it_works", ""),
            what_to_expect=data.get("what_to_expect", ""),
            precautions=data.get("precautions", ""),
        )
        page.technique_services = [
            TechniqueService(service=self._lookup(self.services, slug, "service"))
            for slug in data.get("services", [])
        ]
        page.tags.add(*(self._lookup(self.tags, slug, "topic") for slug in data.get("tags", [])))
        return self._publish_child(index, page, "technique page")

    def article(self, index, data, people):
        page = self._existing_child(index, ConditionArticlePage, data["slug"])
        if page is not None:
            return page
        page = ConditionArticlePage(
            title=data["title"],
            slug=data["slug"],
            subtitle=data.get("subtitle") or "",
            seo_title=data.get("seo_title") or "",
            search_description=data.get("search_description") or "",
            summary=data.get("summary") or "",
            condition_name=data["condition_name"],
            alternate_names=", ".join(data.get("alternate_names") or []),
            body=[self._block(block) for block in data.get("body", [])],
            author=people.get(data.get("author")) if data.get("author") else None,
        )
        page.recommended_techniques = [
            ArticleTechnique(technique=self._lookup(self.techniques, slug, "technique"))
            for slug in data.get("recommended_techniques", [])
        ]
        page.related_services = [
            ArticleService(service=self._lookup(self.services, slug, "service"))
            for slug in data.get("related_services", [])
        ]
        page.tags.add(*(self._lookup(self.tags, slug, "topic") for slug in data.get("tags", [])))
        return self._publish_child(index, page, "condition article")

    # Blocks ----------------------------------------------------------------

    def _block(self, block):
        kind, value = block["type"], dict(block["value"])
        if kind in LIST_SECTION_TYPES:
            value["items"] = [
                {"title": i.get("title", ""), "text": i.get("text") or ""}
                for i in value.get("items") or []
            ]
        elif kind == "techniques":
            value["items"] = [
                {
                    "technique": self._lookup(self.techniques, i["technique"], "technique").pk,
                    "text": i.get("text") or "",
                }
                for i in value.get("items") or []
            ]
        elif kind == "book_cta":
            value["service"] = self._lookup(self.services, value["service"], "service").pk
        return {"type": kind, "value": value}

    @staticmethod
    def _lookup(table, slug, kind):
        try:
            return table[slug]
        except KeyError:
            raise DemoContentError(f"Unknown {kind} slug in the demo data: {slug!r}") from None
