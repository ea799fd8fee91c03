"""Attach page permissions and the review workflow when the index pages they hang on appear;
keep condition articles' review stamp true to the approval record on every publish."""

from django.apps import apps
from django.db.models.signals import post_save
from wagtail.signals import page_published

from .claims import sync_review_stamp
from .roles import PAGE_PERMISSIONS, WORKFLOW_INDEXES, attach_to_tree

ATTACHMENT_MODELS = {
    where for grants in PAGE_PERMISSIONS.values() for where, _ in grants if where != "root"
} | set(WORKFLOW_INDEXES)


def index_page_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        attach_to_tree()


for label in sorted(ATTACHMENT_MODELS):
    post_save.connect(
        index_page_created, sender=apps.get_model(label), dispatch_uid=f"editorial-{label}"
    )

page_published.connect(sync_review_stamp, dispatch_uid="editorial-sync-review-stamp")
