"""Receivers that emit webhook events for page and content changes."""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from articles.models import TopicTag
from services.models import Service
from spa_site.models import SiteSettings

from . import affected
from .events import emit


@receiver(page_published)
def on_publish(sender, instance, **kwargs):
    emit("page.published", instance, lambda: affected.for_page(instance))


@receiver(page_unpublished)
def on_unpublish(sender, instance, **kwargs):
    emit("page.unpublished", instance, lambda: affected.for_page(instance))


@receiver(post_page_move)
def on_move(sender, instance, url_path_before, url_path_after, **kwargs):
    if url_path_before == url_path_after:
        return
    instance = instance.specific
    old_path = _site_path(instance, url_path_before)
    emit("page.moved", instance, lambda: affected.for_page(instance, old_path=old_path))


def _site_path(page, url_path):
    """The public path a former ``url_path`` had, relative to the page's site root."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return None


@receiver(pre_delete)
def on_page_delete(sender, instance, **kwargs):
    # Multi-table inheritance sends this once per model in the chain; act on the specific one.
    if not isinstance(instance, Page) or type(instance) is not instance.specific_class:
        return
    emit("page.deleted", instance, lambda: affected.for_page(instance))


@receiver(post_save, sender=Service)
def on_service_change(sender, instance, **kwargs):
    emit("service.changed", instance, lambda: affected.for_service(instance))


@receiver(pre_delete, sender=Service)
def on_service_delete(sender, instance, **kwargs):
    emit("service.deleted", instance, lambda: affected.for_service(instance))


@receiver(post_save, sender=TopicTag)
def on_topic_change(sender, instance, **kwargs):
    emit("topic.changed", instance, lambda: affected.for_topic(instance))


@receiver(pre_delete, sender=TopicTag)
def on_topic_delete(sender, instance, **kwargs):
    emit("topic.deleted", instance, lambda: affected.for_topic(instance))


@receiver(post_save, sender=SiteSettings)
def on_settings_change(sender, instance, **kwargs):
    emit("settings.changed", instance, lambda: affected.for_site_settings(instance))
