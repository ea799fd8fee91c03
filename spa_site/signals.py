from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from .content_version import bump
from .purge import purge_pages_showing
from .share_images import draw_after_publish


def connect_content_version(*senders):
    """When one of these models is saved or deleted: bump the content version (retiring
    cached pages) and purge the CDN for the pages that show the object."""
    for sender in senders:
        label = sender._meta.label
        post_save.connect(bump, sender=sender, dispatch_uid=f"content-version-save-{label}")
        post_delete.connect(bump, sender=sender, dispatch_uid=f"content-version-delete-{label}")
        post_save.connect(purge_pages_showing, sender=sender, dispatch_uid=f"cdn-purge-{label}")


def connect_page_signals():
    from wagtail.models import Page

    page_published.connect(bump, dispatch_uid="content-version-published")
    page_unpublished.connect(bump, dispatch_uid="content-version-unpublished")
    post_page_move.connect(bump, dispatch_uid="content-version-moved")
    post_delete.connect(bump, sender=Page, dispatch_uid="content-version-page-deleted")
    page_published.connect(purge_pages_showing, dispatch_uid="cdn-purge-published")
    page_published.connect(draw_after_publish, dispatch_uid="share-image-published")
    page_unpublished.connect(purge_pages_showing, dispatch_uid="cdn-purge-unpublished")
