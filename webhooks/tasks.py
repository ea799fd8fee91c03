"""Delivering a webhook: one attempt per task run, retried with backoff until it succeeds.

With a task backend that can defer (a worker), a failed attempt enqueues the next one at
its time. The default ImmediateBackend cannot defer: due retries are then sent by
``manage.py retry_webhooks`` (run it from cron, e.g. every minute).
"""

import json
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import default_task_backend, task

from .models import WebhookDelivery
from .signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign

TIMEOUT_SECONDS = 5
BACKOFF_SECONDS = 60


def max_attempts():
    return getattr(settings, "WEBHOOK_MAX_ATTEMPTS", 5)


def post(delivery):
    body = json.dumps(delivery.payload, sort_keys=True).encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(  # noqa: S310 - URLField only allows http(s)
        delivery.endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "spa-webhooks/1",
            "X-Webhook-Event": delivery.event,
            "X-Webhook-Delivery": str(delivery.uuid),
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: sign(delivery.endpoint.secret, timestamp, body),
        },
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        return response.status


def attempt(delivery):
    """Try once; record the outcome; return the time of the next attempt, if any."""
    delivery.attempts += 1
    try:
        delivery.response_status = post(delivery)
    except urllib.error.HTTPError as error:
        delivery.response_status = error.code
        delivery.last_error = f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        delivery.response_status = None
        delivery.last_error = str(getattr(error, "reason", error))[:500]
    else:
        delivery.status = WebhookDelivery.SUCCEEDED
        delivery.delivered_at = timezone.now()
        delivery.next_attempt_at = None
        delivery.last_error = ""
        delivery.save()
        return None
    if delivery.attempts >= max_attempts():
        delivery.status = WebhookDelivery.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.status = WebhookDelivery.RETRYING
        delivery.next_attempt_at = timezone.now() + timedelta(
            seconds=BACKOFF_SECONDS * 2 ** (delivery.attempts - 1)
        )
    delivery.save()
    return delivery.next_attempt_at


@task()
def deliver_webhook(delivery_id):
    delivery = (
        WebhookDelivery.objects.select_related("endpoint")
        .filter(pk=delivery_id, status__in=[WebhookDelivery.PENDING, WebhookDelivery.RETRYING])
        .first()
    )
    if delivery is None:
        return
    next_at = attempt(delivery)
    if next_at and default_task_backend.supports_defer:
        deliver_webhook.using(run_after=next_at).enqueue(delivery.pk)


def retry_due(now=None):
    """Enqueue every delivery whose retry time has come; returns how many."""
    due = WebhookDelivery.objects.filter(
        status=WebhookDelivery.RETRYING, next_attempt_at__lte=now or timezone.now()
    ).values_list("pk", flat=True)
    count = 0
    for pk in due:
        deliver_webhook.enqueue(pk)
        count += 1
    return count
