from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from .content_version import bump


def connect_content_version(*senders):
    """Bump the content version whenever one of these models is saved or deleted."""
    for sender in senders:
        post_save.connect(
            bump, sender=sender, dispatch_uid=f"content-version-save-{sender._meta.label}"
        )
        post_delete.connect(
            bump, sender=sender, dispatch_uid=f"content-version-delete-{sender._meta.label}"
        )


def connect_page_signals():
    from wagtail.models import Page

    page_published.connect(bump, dispatch_uid="content-version-published")
    page_unpublished.connect(bump, dispatch_uid="content-version-unpublished")
    post_page_move.connect(bump, dispatch_uid="content-version-moved")
    post_delete.connect(bump, sender=Page, dispatch_uid="content-version-page-deleted")
