"""Fixtures for the editorial workflow: one user per group, a small published site, editor forms."""

import pytest
from django.contrib.auth.models import Group
from wagtail.rich_text import RichText

from editorial.models import ReviewerProfile
from editorial.roles import FRONT_DESK, MARKETING_EDITORS, MEDICAL_REVIEWERS, SEO_TEAM
from tests.factories import (
    ConditionArticlePageFactory,
    LocationPageFactory,
    ProfilePageFactory,
    ServiceFactory,
    ServiceVariantFactory,
    TechniquePageFactory,
    TopicTagFactory,
    link_article,
)

ROLE_USERS = {
    "editor": MARKETING_EDITORS,
    "reviewer": MEDICAL_REVIEWERS,
    "seo": SEO_TEAM,
    "front_desk": FRONT_DESK,
}


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def users(db, django_user_model):
    """One active user per group (plus a superuser), named after the role."""
    made = {}
    for username, group in ROLE_USERS.items():
        user = django_user_model.objects.create_user(
            username, f"{username}@example.com", "pw", first_name=username.title()
        )
        user.groups.add(Group.objects.get(name=group))
        made[username] = user
    made["admin"] = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")
    return made


@pytest.fixture
def site(site_tree, users):
    """A published article, technique, profile and location, and the reviewer's profile link."""
    team = site_tree["team"]
    author = ProfilePageFactory(parent=team, title="Mara Swick", slug="mara-swick")
    reviewer_profile = ProfilePageFactory(parent=team, title="Dr Ada Reviewer", slug="ada-reviewer")
    ReviewerProfile.objects.create(user=users["reviewer"], profile=reviewer_profile)
    location = LocationPageFactory(parent=site_tree["locations"], slug="long-beach")
    service = ServiceFactory(location=location, name="Deep tissue massage")
    ServiceVariantFactory(service=service)
    technique = TechniquePageFactory(
        parent=site_tree["techniques"], title="Trigger Point Therapy", slug="trigger-point"
    )
    article = ConditionArticlePageFactory(
        parent=site_tree["articles"],
        title="Back Spasm",
        slug="back-spasm",
        author=author,
        body=[("section", {"heading": "Causes", "body": RichText("<p>Overuse and stress.</p>")})],
    )
    topic = TopicTagFactory(name="Back pain", slug="back-pain")
    link_article(article, techniques=[technique], services=[service], tags=[topic])
    for page in (author, reviewer_profile, location, technique, article):
        publish(page)
    return {
        **site_tree,
        "author": author,
        "reviewer_profile": reviewer_profile,
        "location": location,
        "service": service,
        "technique": technique,
        "article": article,
        "topic": topic,
    }


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user
