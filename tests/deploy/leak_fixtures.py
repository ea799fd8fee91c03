"""Pages an anonymous visitor must never see, wired into every relation of public pages.

For each kind of hidden page (a draft, a newer unpublished revision, a password-, login- or
group-restricted page, a live page whose expiry has passed) there is a technique, an
article, a person and a location with a service, all named ``LEAK-<kind>-…``. Public pages
point at every one of them: the probe article (recommended techniques, bookable services,
author and reviewer, a technique block, rich-text links, booking calls to action, a shared
topic), the probe technique (its service's therapists, the articles recommending it), the
Long Beach location (its staff) and Mara Swick's profile (articles she wrote). Run in
``manage.py shell``: ``from tests.deploy.leak_fixtures import build; build()``.
"""

import datetime
import json

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from articles.models import (
    ArticleIndexPage,
    ArticleService,
    ArticleTechnique,
    ConditionArticlePage,
    TaggedArticle,
    TechniqueIndexPage,
    TechniquePage,
    TechniqueService,
    TopicTag,
)
from author_profiles.models import ProfileIndexPage, ProfilePage
from services.models import LocationIndexPage, LocationPage, Service, ServiceVariant
from spa_site.content_version import bump

KINDS = ["draft", "revision", "password", "login", "group", "expired"]
MARKER = "LEAK-"


def _hide(page, kind, hidden_fields):
    """Make ``page`` (just added) hidden in the way ``kind`` says."""
    if kind == "draft":
        page.save_revision()
        return page
    page.save_revision().publish()
    if kind == "revision":
        for name, value in hidden_fields.items():
            setattr(page, name, value)
        page.save_revision()  # the newer revision stays unpublished
    elif kind in ("password", "login", "group"):
        restriction = PageViewRestriction.objects.create(
            page=page,
            restriction_type={
                "password": PageViewRestriction.PASSWORD,
                "login": PageViewRestriction.LOGIN,
                "group": PageViewRestriction.GROUPS,
            }[kind],
            password="secret" if kind == "password" else "",
        )
        if kind == "group":
            restriction.groups.add(Group.objects.get_or_create(name="Probe insiders")[0])
    elif kind == "expired":
        Page.objects.filter(pk=page.pk).update(
            expire_at=timezone.now() - datetime.timedelta(minutes=5)
        )
    return page


def _add(parent, page, kind, noun, **fields):
    """Add a hidden page; its marked fields (``LEAK-…``) are only in what is hidden (for the
    "revision" kind, the live version is unmarked and the newer revision marked)."""
    hidden_fields = {
        "title": f"{MARKER}{kind}-{noun}",
        **{k: f"{MARKER}{kind}-{v}" for k, v in fields.items()},
    }
    if kind == "revision":
        page.slug = f"probe-revision-{noun}"
        for name, value in hidden_fields.items():
            setattr(page, name, value.replace(MARKER, "Probe "))
    else:
        page.slug = f"leak-{kind}-{noun}"
        for name, value in hidden_fields.items():
            setattr(page, name, value)
    page.live = kind != "draft"
    parent.add_child(instance=page)
    return _hide(page, kind, hidden_fields)


def build():
    articles = ArticleIndexPage.objects.get()
    techniques = TechniqueIndexPage.objects.get()
    team = ProfileIndexPage.objects.get()
    locations = LocationIndexPage.objects.get()
    long_beach = LocationPage.objects.get(slug="long-beach")
    mara = ProfilePage.objects.get(slug="mara-swick")
    topic, _ = TopicTag.objects.get_or_create(name="Probe topic", slug="probe-topic")

    public_technique = TechniquePage(
        title="Probe technique", slug="probe-technique", summary="A probe."
    )
    techniques.add_child(instance=public_technique)
    public_technique.save_revision().publish()
    public_technique.tags.add(topic)
    public_technique.save_revision().publish()
    public_service = Service.objects.create(
        name="Probe public service", slug="probe-public-service"
    )
    public_service.locations.add(long_beach)
    public_service.save()
    ServiceVariant.objects.create(service=public_service, duration_minutes=60, price=80)
    TechniqueService.objects.create(technique=public_technique, service=public_service)
    public_service.therapists.add(mara)

    hidden = {}
    for kind in KINDS:
        technique = _add(techniques, TechniquePage(summary="probe"), kind, "technique")
        person = _add(team, ProfilePage(job_title="Probe"), kind, "person")
        location = _add(locations, LocationPage(), kind, "location", business_name="business")
        article = _add(
            articles,
            ConditionArticlePage(summary="probe", author=mara),
            kind,
            "article",
            condition_name="condition",
        )
        TaggedArticle.objects.create(tag=topic, content_object_id=article.pk)
        ArticleTechnique.objects.create(page_id=article.pk, technique=public_technique)
        # A service is bookable only at a public location: these never are, except "revision".
        service = Service.objects.create(
            name=f"{MARKER}{kind}-service" if kind != "revision" else "Probe revision service",
            slug=f"leak-{kind}-service" if kind != "revision" else "probe-revision-service",
        )
        service.locations.add(location)
        service.save()
        ServiceVariant.objects.create(service=service, duration_minutes=30, price=40)
        public_service.therapists.add(person)
        long_beach.therapists.add(person)
        hidden[kind] = {
            "technique": technique,
            "person": person,
            "location": location,
            "article": article,
            "service": service,
        }

    links = "".join(
        f'<a linktype="page" id="{page.pk}">link {n}</a> '
        for item in hidden.values()
        for n, page in item.items()
        if n != "service"
    )
    probe = ConditionArticlePage(
        title="Probe article",
        slug="probe-article",
        condition_name="Probe condition",
        summary="The article every hidden page is linked from.",
        author=hidden["login"]["person"],
        medical_reviewer=hidden["password"]["person"],
        # Raw StreamField data (chooser values as primary keys), as the editor saves it.
        body=json.dumps(
            [
                {
                    "type": "techniques",
                    "value": {
                        "heading": "Probe techniques",
                        "intro": f"<p>{links}</p>",
                        "items": [
                            {"technique": item["technique"].pk, "text": "probe"}
                            for item in hidden.values()
                        ],
                        "outro": "",
                    },
                },
                *[
                    {
                        "type": "book_cta",
                        "value": {
                            "heading": "Probe booking",
                            "text": "",
                            "service": item["service"].pk,
                            "button_label": "Book",
                        },
                    }
                    for item in hidden.values()
                ],
            ]
        ),
    )
    articles.add_child(instance=probe)
    probe.save_revision().publish()
    for item in hidden.values():
        ArticleTechnique.objects.create(page=probe, technique_id=item["technique"].pk)
        ArticleService.objects.create(page=probe, service=item["service"])
    TaggedArticle.objects.create(tag=topic, content_object_id=probe.pk)
    probe = ConditionArticlePage.objects.get(pk=probe.pk)
    probe.save_revision().publish()
    public_service.save()  # its therapists (a ParentalManyToManyField) are saved with it
    long_beach.save_revision().publish()
    mara.save_revision().publish()
    second = ConditionArticlePage(
        title="Probe article two",
        slug="probe-article-two",
        condition_name="Probe condition two",
        summary="More hidden people.",
        author=hidden["group"]["person"],
        medical_reviewer=hidden["expired"]["person"],
    )
    articles.add_child(instance=second)
    second.save_revision().publish()
    bump()  # the expiry updates above went around Wagtail's signals
    print(json.dumps({"kinds": KINDS, "probe": probe.pk}))
