"""Turning a content change into one logged delivery per active endpoint, sent after commit."""

from django.db import transaction
from django.utils import timezone

from spa_site import public_url

from .models import WebhookDelivery, WebhookEndpoint
from .tasks import deliver_webhook


def describe(obj):
    return {
        "type": obj._meta.label,
        "id": obj.pk,
        "title": getattr(obj, "title", None) or str(obj),
    }


def emit(event, obj, find_affected):
    """Log and enqueue one delivery per active endpoint; ``find_affected()`` -> (paths, keys)
    runs only when there is an endpoint to tell."""
    endpoints = list(WebhookEndpoint.objects.filter(active=True))
    if not endpoints:
        return []
    paths, keys = find_affected()
    payload = {
        "event": event,
        "occurred_at": timezone.now().isoformat(),
        "site_url": public_url.base_url(),
        "object": describe(obj),
        "affected_paths": paths,
        "affected_urls": [public_url.absolute(path) for path in paths],
        "surrogate_keys": keys,
    }
    deliveries = [
        WebhookDelivery.objects.create(endpoint=endpoint, event=event, payload=payload)
        for endpoint in endpoints
    ]
    for delivery in deliveries:
        delivery.payload["delivery"] = str(delivery.uuid)
        delivery.save(update_fields=["payload"])
        transaction.on_commit(lambda pk=delivery.pk: deliver_webhook.enqueue(pk))
    return deliveries
