"""A question changes what a page shows only while it is, or just was, published: then the
content version moves (every cached page and API answer retires once the change commits) and
the page is purged at the CDN. A visitor sending a question changes nothing public, so it
neither retires the cache nor purges anything: a flood of submissions cannot empty the cache.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

from spa_site import visibility
from spa_site.content_version import bump

from .emails import queue_answer_email
from .models import Question

PUBLISHED = Question.Status.PUBLISHED


def _remember_status(instance, **kwargs):
    instance._status_before = (
        Question.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
        if instance.pk
        else None
    )


def _page_changed(instance):
    bump()
    page_id = instance.page_id

    def purge():
        page = visibility.anonymous().pages().filter(pk=page_id).first()
        if page is not None:
            purge_pages_from_cache([page.specific])

    transaction.on_commit(purge)


def _saved(instance, **kwargs):
    before = getattr(instance, "_status_before", None)
    if PUBLISHED in (instance.status, before):
        _page_changed(instance)
    if instance.status == PUBLISHED and before != PUBLISHED:
        queue_answer_email(instance)


def _deleted(instance, **kwargs):
    if instance.status == PUBLISHED:
        _page_changed(instance)


def connect():
    pre_save.connect(_remember_status, sender=Question, dispatch_uid="questions-status-before")
    post_save.connect(_saved, sender=Question, dispatch_uid="questions-published-save")
    post_delete.connect(_deleted, sender=Question, dispatch_uid="questions-published-delete")
