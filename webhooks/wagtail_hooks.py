"""Admin: webhook endpoints (editable) and the delivery log (read-only), under one menu."""

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import WebhookDelivery, WebhookEndpoint


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    menu_label = "Endpoints"
    list_display = ["name", "url", "active"]
    form_fields = ["name", "url", "secret", "active"]


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "history"
    menu_label = "Delivery log"
    list_display = [
        "event",
        "endpoint",
        "status",
        "attempts",
        Column("response_status", label="HTTP status"),
        "created_at",
        "next_attempt_at",
    ]
    list_filter = ["status", "event", "endpoint"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "uuid",
        "endpoint",
        "event",
        "status",
        "attempts",
        "response_status",
        "last_error",
        "payload",
        "created_at",
        "delivered_at",
        "next_attempt_at",
    ]
    form_fields = []  # read-only: see permissions.DeliveryLogPermissionPolicy


class WebhooksGroup(ModelViewSetGroup):
    menu_label = "Webhooks"
    menu_icon = "link-external"
    menu_order = 900
    items = (
        WebhookEndpointViewSet("webhook_endpoints"),
        WebhookDeliveryViewSet("webhook_deliveries"),
    )


@hooks.register("register_admin_viewset")
def register_viewset():
    return WebhooksGroup()
