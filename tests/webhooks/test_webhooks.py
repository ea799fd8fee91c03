"""Publish webhooks: signed deliveries listing the affected paths, retries and the log."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticleIndexPage, ConditionArticlePage, TopicTag
from author_profiles.models import ProfilePage
from services.models import Service
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.signing import verify

pytestmark = pytest.mark.django_db


class Receiver:
    """A real HTTP endpoint on the loopback interface that records what it receives."""

    def __init__(self, status=200):
        self.status = status
        self.requests = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def payloads(self):
        return [json.loads(r["body"]) for r in self.requests]


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


@pytest.fixture
def endpoint(demo_site, receiver):
    return WebhookEndpoint.objects.create(name="Front end", url=receiver.url)


def publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()


def test_publish_sends_a_signed_event(endpoint, receiver, django_capture_on_commit_callbacks):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    publish(article, django_capture_on_commit_callbacks)
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    headers = request["headers"]
    assert headers["X-Webhook-Event"] == "page.published"
    assert verify(
        endpoint.secret,
        headers["X-Webhook-Timestamp"],
        request["body"],
        headers["X-Webhook-Signature"],
    )
    assert not verify(
        "wrong-secret",
        headers["X-Webhook-Timestamp"],
        request["body"],
        headers["X-Webhook-Signature"],
    )
    assert not verify(
        endpoint.secret,
        headers["X-Webhook-Timestamp"],
        request["body"] + b" ",
        headers["X-Webhook-Signature"],
    )
    payload = json.loads(request["body"])
    assert payload["object"] == {
        "type": "articles.ConditionArticlePage",
        "id": article.pk,
        "title": "Back Spasm",
    }
    paths = set(payload["affected_paths"])
    assert {"/conditions/back-spasm/", "/conditions/", "/team/mara-swick/"} <= paths
    assert "/conditions/topics/back-pain/" in paths
    assert "/techniques/deep-tissue-massage/" in paths
    assert f"page-{article.pk}" in payload["surrogate_keys"]
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.SUCCEEDED and delivery.attempts == 1
    assert payload["delivery"] == headers["X-Webhook-Delivery"] == str(delivery.uuid)


def test_author_change_lists_every_article_showing_the_author(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    index = ArticleIndexPage.objects.get()
    mara = ProfilePage.objects.get(slug="mara-swick")
    with django_capture_on_commit_callbacks(execute=True):
        writer = mara.get_parent().add_child(
            instance=ProfilePage(title="Sam Writer", slug="sam-writer")
        )
        second = index.add_child(
            instance=ConditionArticlePage(
                title="Neck Spasm", slug="neck-spasm", condition_name="Neck spasm", author=mara
            )
        )
        other = index.add_child(
            instance=ConditionArticlePage(
                title="Leg Cramp", slug="leg-cramp", condition_name="Leg cramp", author=writer
            )
        )
    receiver.requests.clear()
    mara.job_title = "Massage therapist"
    publish(mara, django_capture_on_commit_callbacks)
    (payload,) = receiver.payloads()
    assert payload["event"] == "page.published"
    paths = set(payload["affected_paths"])
    assert {"/team/mara-swick/", "/team/", "/conditions/back-spasm/", second.url} <= paths
    assert other.url not in paths


def test_unpublish_move_and_delete(endpoint, receiver, django_capture_on_commit_callbacks):
    article = ConditionArticlePage.objects.get(slug="massage-for-muscle-spasms")
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert receiver.payloads()[-1]["event"] == "page.unpublished"
    assert "/conditions/massage-for-muscle-spasms/" in receiver.payloads()[-1]["affected_paths"]
    article.refresh_from_db()
    publish(article, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        article.move(
            ArticleIndexPage.objects.get(), pos="first-child"
        )  # same parent: no URL change
    assert receiver.payloads()[-1]["event"] == "page.published"
    with django_capture_on_commit_callbacks(execute=True):
        ConditionArticlePage.objects.get(pk=article.pk).delete()
    events = {payload["event"]: payload for payload in receiver.payloads()[-2:]}
    assert set(events) == {"page.deleted", "page.unpublished"}  # Wagtail unpublishes on delete
    deleted = events["page.deleted"]
    assert "/conditions/massage-for-muscle-spasms/" in deleted["affected_paths"]


def test_page_move_reports_old_and_new_paths(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    technique = Page.objects.get(slug="swedish-massage")
    team = Page.objects.get(slug="team")
    with django_capture_on_commit_callbacks(execute=True):
        technique.move(team, pos="last-child")
    payload = receiver.payloads()[-1]
    assert payload["event"] == "page.moved"
    assert {"/techniques/swedish-massage/", "/team/swedish-massage/"} <= set(
        payload["affected_paths"]
    )


def test_service_and_topic_changes(endpoint, receiver, django_capture_on_commit_callbacks):
    service = Service.objects.get(slug="deep-tissue-massage")
    with django_capture_on_commit_callbacks(execute=True):
        service.description = "Changed."
        service.save()
    payload = receiver.payloads()[-1]
    assert payload["event"] == "service.changed"
    assert {
        "/locations/long-beach/",
        "/conditions/back-spasm/",
        "/techniques/deep-tissue-massage/",
    } <= set(payload["affected_paths"])
    tag = TopicTag.objects.get(slug="back-pain")
    with django_capture_on_commit_callbacks(execute=True):
        tag.name = "Back aches"
        tag.save()
    payload = receiver.payloads()[-1]
    assert payload["event"] == "topic.changed"
    assert {"/conditions/topics/back-pain/", "/conditions/back-spasm/"} <= set(
        payload["affected_paths"]
    )


def test_failed_delivery_is_retried_then_marked_failed(
    demo_site, receiver, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    receiver.status = 503
    WebhookEndpoint.objects.create(name="Flaky", url=receiver.url)
    publish(ConditionArticlePage.objects.get(slug="back-spasm"), django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.RETRYING and delivery.attempts == 1
    assert delivery.response_status == 503 and delivery.next_attempt_at > timezone.now()
    call_command("retry_webhooks", verbosity=0)  # not due yet
    assert WebhookDelivery.objects.get().attempts == 1
    WebhookDelivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    call_command("retry_webhooks", verbosity=0)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.FAILED and delivery.attempts == 2
    assert len(receiver.requests) == 2


def test_retry_succeeds_when_the_endpoint_recovers(
    demo_site, receiver, django_capture_on_commit_callbacks
):
    receiver.status = 500
    WebhookEndpoint.objects.create(name="Recovering", url=receiver.url)
    publish(ConditionArticlePage.objects.get(slug="back-spasm"), django_capture_on_commit_callbacks)
    receiver.status = 204
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    call_command("retry_webhooks", verbosity=0)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.SUCCEEDED and delivery.attempts == 2


def test_unreachable_endpoint_is_logged(demo_site, django_capture_on_commit_callbacks):
    WebhookEndpoint.objects.create(name="Gone", url="http://127.0.0.1:9/hook")
    publish(ConditionArticlePage.objects.get(slug="back-spasm"), django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.RETRYING and delivery.last_error


def test_no_endpoints_no_deliveries(demo_site, django_capture_on_commit_callbacks):
    publish(ConditionArticlePage.objects.get(slug="back-spasm"), django_capture_on_commit_callbacks)
    assert not WebhookDelivery.objects.exists()


def test_delivery_log_is_read_only_in_the_admin(
    client, endpoint, django_capture_on_commit_callbacks
):
    publish(ConditionArticlePage.objects.get(slug="back-spasm"), django_capture_on_commit_callbacks)
    client.force_login(get_user_model().objects.create_superuser("ops", "ops@example.com", "pw"))
    delivery = WebhookDelivery.objects.get()
    index = client.get(reverse("webhook_deliveries:index"))
    assert index.status_code == 200 and b"page.published" in index.content
    inspect = client.get(reverse("webhook_deliveries:inspect", args=[delivery.pk]))
    assert inspect.status_code == 200 and b"/conditions/back-spasm/" in inspect.content
    assert client.get(reverse("webhook_deliveries:add")).status_code in (302, 403)
    assert client.get(reverse("webhook_endpoints:index")).status_code == 200
    assert client.get(reverse("webhook_endpoints:add")).status_code == 200
