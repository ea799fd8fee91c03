"""What an anonymous visitor may see: the one rule every page, relation, listing, link,
JSON-LD node, search result, sitemap entry, API item, webhook and CDN purge goes through.

A page is public when

- it is live (Wagtail's ``live_q``);
- its expiry time, if it has one, is still ahead: a live page whose ``expire_at`` has passed
  stays live until ``publish_scheduled`` next runs from cron, and is hidden before that;
- neither it nor an ancestor has a view restriction (password, login or groups: Wagtail's
  ``private_q``);
- it lies under the root page of the site being served (of any site, for jobs without a
  request).

``for_request(request)`` is the request's :class:`Audience`, built once per request: one
query for the view restrictions, none for the site (Wagtail has already found it). Code that
is not handed the request (rich-text rendering, model methods) asks ``current()``, which
``RequestAudienceMiddleware`` points at the request being answered; jobs get
``anonymous()``. Nothing here is cached between requests: an editor's change is what the
next request sees, on every process.
"""

import threading

from django.core.signals import request_finished, request_started
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.models import Page, PageViewRestriction, Site

REQUEST_ATTR = "_spa_audience"
ANY_SITE = object()
_current = threading.local()


class Audience:
    """An anonymous visitor of ``site`` at the moment ``now``. ``site`` may be ``ANY_SITE``
    (work outside a request) or None (a request no site answers: nothing is public)."""

    def __init__(self, site=ANY_SITE, now=None):
        self.site = site
        self.now = now or timezone.now()
        self._seen = {}
        self._memo = {}

    def remember(self, name, build):
        """``build()``'s answer for this audience (so for this request) under ``name``: other
        apps keep what every page of the request asks for the same way."""
        if name not in self._memo:
            self._memo[name] = build()
        return self._memo[name]

    # The rule, as data ---------------------------------------------------------------

    @cached_property
    def restricted_paths(self):
        """Tree paths of the pages carrying a view restriction (it covers their subtrees)."""
        return sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))

    @cached_property
    def root_paths(self):
        """Tree paths of the site roots public pages must lie under."""
        if self.site is None:
            return []
        if self.site is not ANY_SITE:
            return [self.site.root_page.path]
        return sorted(set(Site.objects.values_list("root_page__path", flat=True)))

    @cached_property
    def q(self):
        """The rule as a filter on pages (any page model: the fields are Wagtail's own)."""
        if not self.root_paths:
            return Q(pk__in=[])
        in_site = Q()
        for path in self.root_paths:
            in_site |= Q(path__startswith=path)
        q = Page.objects.live_q() & not_expired_q(self.now) & in_site
        for path in self.restricted_paths:
            q &= ~Q(path__startswith=path)
        return q

    # Applying it ---------------------------------------------------------------------

    def pages(self, model=Page):
        """Public pages of ``model`` (a page class)."""
        return model.objects.filter(self.q)

    def filter(self, queryset):
        """``queryset`` (of pages of any model) narrowed to public pages."""
        return queryset.filter(self.q)

    def filter_related(self, queryset, field):
        """Rows of ``queryset`` whose page foreign key ``field`` points at a public page."""
        return queryset.filter(**{f"{field}__in": self.pages().values("pk")})

    def can_see(self, page):
        """The rule for one loaded page, without a query (besides the restrictions, once)."""
        if page is None or page.pk is None or not page.live or has_expired(page, self.now):
            return False
        path = page.path
        if not any(path.startswith(root) for root in self.root_paths):
            return False
        return not any(path.startswith(restricted) for restricted in self.restricted_paths)

    def visible(self, pages):
        """The loaded pages of ``pages`` the visitor may see, in their order."""
        return [page for page in pages if self.can_see(page)]

    def menu(self, parent=None):
        """The main sections: public children of ``parent`` (default the site's root page)
        shown in menus, in tree order. Header, home page, 404 page and API share it."""
        parent = parent or (self.site.root_page if self.site else None)
        if parent is None:
            return Page.objects.none()
        return self.filter(Page.objects.child_of(parent)).in_menu().order_by("path")

    def hidden_live_ids(self):
        """Ids of the live pages the visitor may not see (expired, restricted, other sites).

        For search, which can filter only on indexed fields: ``live()`` plus leaving these
        out by id applies this rule (normally a short list)."""
        return list(
            Page.objects.live()
            .exclude(pk__in=self.pages().values("pk"))
            .values_list("pk", flat=True)
        )

    def visible_ids(self, ids):
        """The subset of page ids the visitor may see; one query per batch of new ids."""
        wanted = {int(i) for i in ids if i is not None}
        missing = wanted - self._seen.keys()
        if missing:
            found = set(self.pages().filter(pk__in=missing).values_list("pk", flat=True))
            self._seen.update({pk: pk in found for pk in missing})
        return {pk for pk in wanted if self._seen[pk]}


def not_expired_q(now=None):
    """Pages whose expiry time, if any, is still ahead."""
    return Q(expire_at__isnull=True) | Q(expire_at__gt=now or timezone.now())


def has_expired(page, now=None):
    """A live page past its ``expire_at``, which ``publish_scheduled`` has not unpublished yet."""
    return page.expire_at is not None and page.expire_at <= (now or timezone.now())


def for_request(request):
    """The request's audience (its site, now), built once per request."""
    if request is None:
        return current()
    audience = getattr(request, REQUEST_ATTR, None)
    if audience is None:
        audience = Audience(site=Site.find_for_request(request))
        setattr(request, REQUEST_ATTR, audience)
    return audience


def current():
    """The audience of the request this thread is answering, for code that is not handed
    the request; outside a request (jobs, commands), one audience per call."""
    request = getattr(_current, "request", None)
    return for_request(request) if request is not None else anonymous()


class RequestAudienceMiddleware:
    """Lets ``current()`` find the request being answered (one audience per request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _current.request = request
        try:
            return self.get_response(request)
        finally:
            _current.request = None


def _forget(**kwargs):
    _current.request = None


request_started.connect(_forget, dispatch_uid="spa-visibility-start")
request_finished.connect(_forget, dispatch_uid="spa-visibility-end")


def anonymous():
    """An anonymous visitor of any site, for work done outside a request (jobs, signals)."""
    return Audience()


def public_pages(request=None, model=Page):
    return for_request(request).pages(model)


def is_public(page, request=None):
    return for_request(request).can_see(page)
