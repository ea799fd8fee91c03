"""What an anonymous caller may see: live, public, unexpired pages of the requested site.

The rule is built once per request as a ``Q`` object (one query for view restrictions,
one for the site) and reused for every listing, link and expansion, so a reference to a
draft, private or expired page is never followed, whatever path leads to it.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from spa_site.serving import find_site


def not_expired_q(now=None):
    """Pages whose ``expire_at`` has passed are hidden before the scheduler unpublishes them."""
    return Q(expire_at__isnull=True) | Q(expire_at__gt=now or timezone.now())


def site_for_request(request):
    """The request's site, or None when no Site exists (every lookup then finds nothing)."""
    if not hasattr(request, "_api_site"):
        request._api_site = find_site(request)
    return request._api_site


def public_q(request):
    """Live, unexpired, unrestricted pages under the request's site root."""
    if hasattr(request, "_api_public_q"):
        return request._api_public_q
    site = site_for_request(request)
    if site is None:
        q = Q(pk__in=[])
    else:
        root_path = Page.objects.filter(pk=site.root_page_id).values_list("path", flat=True).first()
        q = Q(live=True) & not_expired_q() & Q(path__startswith=root_path or "\0")
        restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
        for path in restricted:
            q &= ~Q(path__startswith=path)
    request._api_public_q = q
    return q


def public_pages(request, model=Page):
    return model.objects.filter(public_q(request))


def visible_ids(request, ids):
    """The subset of ``ids`` that anonymous callers may see; cached per request."""
    cache = request.__dict__.setdefault("_api_visible_ids", {})
    missing = {i for i in ids if i is not None and i not in cache}
    if missing:
        found = set(
            Page.objects.filter(public_q(request), pk__in=missing).values_list("pk", flat=True)
        )
        cache.update({i: i in found for i in missing})
    return {i for i in ids if cache.get(i)}
