import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from articles.models import ArticleIndexPage, ConditionArticlePage
from author_profiles.models import ProfilePage

API = "/api/content"


@pytest.fixture
def api(client):
    """GET an API path; returns the response (``.json()`` for the body)."""

    def get(path, **kwargs):
        params = kwargs.pop("params", None)
        return client.get(f"{API}{path}", params or {}, **kwargs)

    return get


def _article(index, slug, **fields):
    article = ConditionArticlePage(
        title=slug.replace("-", " ").title(),
        slug=slug,
        condition_name="Test condition",
        summary="A hidden article.",
        **fields,
    )
    index.add_child(instance=article)
    return article


@pytest.fixture
def hidden_pages(demo_site):
    """One article of each kind anonymous callers must never see, all by the demo author."""
    index = ArticleIndexPage.objects.get()
    author = ProfilePage.objects.get(slug="mara-swick")
    draft = _article(index, "draft-article", live=False, author=author)
    draft.save_revision()
    private = _article(index, "private-article", author=author)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    expired = _article(
        index,
        "expired-article",
        author=author,
        expire_at=timezone.now() - datetime.timedelta(hours=1),
    )
    live = ConditionArticlePage.objects.get(slug="back-spasm")
    live.title = "Unpublished Draft Title"
    live.save_revision()  # a draft revision of a live page: its content must not leak either
    return {
        "draft": draft,
        "private": private,
        "expired": expired,
        "hidden_slugs": {"draft-article", "private-article", "expired-article"},
        "hidden_ids": {draft.pk, private.pk, expired.pk},
        "all_ids": set(Page.objects.values_list("pk", flat=True)),
    }
