"""Webhook endpoints the site notifies on publish and change, and the log of each delivery."""

import secrets
import uuid

from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel


def new_secret():
    return secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    name = models.CharField(max_length=120, help_text="Who receives it, e.g. “Next.js site”.")
    url = models.URLField(max_length=500, help_text="Receives a JSON POST for each event.")
    secret = models.CharField(
        max_length=128,
        default=new_secret,
        help_text=(
            "Shared with the receiver, which checks the X-Webhook-Signature header: "
            "HMAC-SHA256 of “<timestamp>.<body>” with this secret."
        ),
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("secret"),
        FieldPanel("active"),
        HelpPanel(
            content=(
                "<p>Events: page.published, page.unpublished, page.moved, page.deleted, "
                "service.changed, service.deleted, topic.changed, topic.deleted, "
                "settings.changed. Each lists the affected site paths.</p>"
            )
        ),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class WebhookDelivery(models.Model):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    RETRYING = "retrying"
    FAILED = "failed"
    STATUS_CHOICES = [
        (PENDING, "Pending"),
        (SUCCEEDED, "Delivered"),
        (RETRYING, "Will retry"),
        (FAILED, "Failed"),
    ]

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40)
    payload = models.JSONField()
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.event} → {self.endpoint}"
