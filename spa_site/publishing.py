"""Scheduled expiry that takes effect on time.

Wagtail unpublishes a page whose ``expire_at`` has passed only when ``publish_scheduled`` next
runs (a cron job). Until then the page is still ``live``. Every public query goes through
``not_expired()`` (listings, search, sitemap, API), and serving an expired page answers 404, so
visitors never see expired content, whenever the cron runs.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import PageManager
from wagtail.query import PageQuerySet


def not_expired_q():
    """A filter for pages whose expiry time, if any, is still ahead."""
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


def is_expired(page):
    return page.expire_at is not None and page.expire_at <= timezone.now()


class SpaPageQuerySet(PageQuerySet):
    def not_expired(self):
        return self.filter(not_expired_q())


class SpaPageManager(PageManager.from_queryset(SpaPageQuerySet)):
    pass
