"""Scheduled publishing: go-live through the review workflow, and expiry that bites on time."""

import datetime

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from articles import selectors
from articles.models import ConditionArticlePage
from spa_site import visibility
from spa_site.visibility import has_expired as is_expired
from tests.factories import ConditionArticlePageFactory, link_article

from .conftest import publish
from .forms import article_form
from .test_review_workflow import NEW_BODY, edit_url, live, workflow_action


def expire(page, minutes_ago=5):
    """Expired but still live: what visitors would see until publish_scheduled runs."""
    page.expire_at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    page.save(update_fields=["expire_at"])
    return page


def test_expired_article_is_gone_before_the_cron_runs(site, client):
    article = site["article"]
    sibling = publish(
        ConditionArticlePageFactory(parent=site["articles"], title="Leg Cramp", slug="leg-cramp")
    )
    link_article(sibling, tags=[site["topic"]])
    expire(article)
    assert ConditionArticlePage.objects.get(pk=article.pk).live

    assert client.get("/conditions/back-spasm/").status_code == 404
    index = client.get("/conditions/").content.decode()
    assert "Leg Cramp" in index and "Back Spasm" not in index
    topic = client.get("/conditions/topics/back-pain/").content.decode()
    assert "Back Spasm" not in topic
    audience = visibility.anonymous()
    assert article not in selectors.related_articles(sibling, audience)
    assert article not in selectors.technique_good_for(site["technique"], audience)
    assert article.pk not in audience.pages(ConditionArticlePage).values_list("pk", flat=True)


def test_not_yet_expired_article_is_served(site, client):
    article = site["article"]
    article.expire_at = timezone.now() + datetime.timedelta(days=1)
    article.save(update_fields=["expire_at"])
    assert not is_expired(article)
    assert client.get("/conditions/back-spasm/").status_code == 200


def test_publish_scheduled_unpublishes_expired_articles(site):
    article = expire(site["article"])
    call_command("publish_scheduled", verbosity=0)
    article.refresh_from_db()
    assert not article.live and article.expired


def test_go_live_date_set_by_the_editor_holds_an_approved_article_back(site, users, login, client):
    article = site["article"]
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    form = article_form(article, NEW_BODY, "submit", go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    response = login(users["editor"]).post(edit_url(article), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert workflow_action(login(users["reviewer"]), article, "approve").status_code == 302

    scheduled = Revision.page_revisions.filter(
        object_id=str(article.pk), approved_go_live_at__isnull=False
    ).get()
    assert "dehydration" not in str(live(article).body)
    assert scheduled.as_object().medical_reviewer == site["reviewer_profile"]

    # Two days pass.
    past = timezone.now() - datetime.timedelta(minutes=1)
    scheduled.approved_go_live_at = past
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", verbosity=0)
    assert "dehydration" in str(live(article).body)
    client.logout()
    assert "dehydration" in client.get("/conditions/back-spasm/").content.decode()


def test_admin_preview_still_shows_an_expired_article_to_editors(site, users, login):
    article = expire(site["article"])
    response = login(users["editor"]).get(
        reverse("wagtailadmin_pages:view_draft", args=[article.pk])
    )
    assert response.status_code == 200
