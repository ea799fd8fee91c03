"""Purge a CDN in front of the site (Wagtail's frontend-cache app) when content changes.

Wagtail purges a page's own URL on publish and unpublish. A page also *shows* other objects
(an article shows its author, techniques and services), so when one of those changes, every
live page that references it is purged too, found through Wagtail's reference index."""

from django.contrib.contenttypes.models import ContentType
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.models import Page, ReferenceIndex

from . import visibility


def pages_showing(obj):
    """Public pages whose content references ``obj`` (one query on the reference index):
    only those can be in a CDN (``visibility``)."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return visibility.anonymous().pages().filter(pk__in=[int(pk) for pk in set(ids)])


def purge_pages_showing(instance, **kwargs):
    """Signal receiver for page publish/unpublish and snippet saves."""
    pages = list(pages_showing(instance))
    if pages:
        purge_pages_from_cache(pages)
