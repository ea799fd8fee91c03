"""Page routing in a few queries (``spa_site.routing``, ``spa_site.sites``) gives what
Wagtail's own lookups give: the same site, site root paths and route for every request."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import Page, PageViewRestriction, Site

from spa_site import content_version, routing, sites, visibility
from tests.factories import ArticleIndexPageFactory, HomePageFactory, TechniquePageFactory
from tests.support.i18n import translate, translate_tree

pytestmark = pytest.mark.django_db


def request_for(host, path="/"):
    request = RequestFactory().get(path, HTTP_HOST=host)
    request.META["SERVER_PORT"] = host.split(":")[1] if ":" in host else "80"
    return request


def wagtail_site(host):
    return Site._find_for_request(request_for(host))


@pytest.fixture
def several_sites(site_tree):
    """The default site on localhost:80, and others sharing hostnames and ports with it."""
    root = Page.get_first_root_node()
    made = {}
    for name, hostname, port in [
        ("a80", "a.example", 80),
        ("a8080", "a.example", 8080),
        ("b8000", "b.example", 8000),
        ("b9000", "b.example", 9000),
        ("l8080", "localhost", 8080),
    ]:
        home = HomePageFactory.build(title=name, slug=name)
        root.add_child(instance=home)
        made[name] = Site.objects.create(hostname=hostname, port=port, root_page=home)
    return made


HOSTS = [
    "a.example",
    "a.example:8080",
    "a.example:9999",
    "b.example",
    "b.example:8000",
    "localhost",
    "localhost:8080",
    "localhost:1234",
    "unknown.example",
]


def test_the_site_is_wagtails_choice_for_every_host(several_sites):
    every_site = list(Site.objects.select_related("root_page"))
    for host in HOSTS:
        assert sites._site_for(every_site, request_for(host)) == wagtail_site(host), host
    Site.objects.filter(is_default_site=True).update(is_default_site=False)
    every_site = list(Site.objects.select_related("root_page"))
    for host in HOSTS:  # with no default site, unknown hosts find none
        assert sites._site_for(every_site, request_for(host)) == wagtail_site(host), host


def test_site_root_paths_are_wagtails_with_translations(several_sites, site_tree):
    translate_tree(site_tree)
    cache.clear()
    expected = Site.get_site_root_paths()
    rows = list(Page.objects.select_related("locale"))
    assert sites._root_paths(list(Site.objects.select_related("root_page")), rows) == expected
    assert {p.language_code for p in expected} == {"en", "es"}


def test_the_site_settings_come_with_the_site(client, site_tree):
    from spa_site.models import SiteSettings

    client.get("/")  # the first request ever creates the settings row
    expected = SiteSettings.objects.get(site__root_page=site_tree["home"])
    request = request_for("localhost")
    sites.load(request)
    with CaptureQueriesContext(connection) as ctx:
        assert Site.find_for_request(request).pk == expected.site_id
        assert SiteSettings.for_request(request).pk == expected.pk
    assert len(ctx.captured_queries) == 0


@pytest.fixture
def tree(site_tree):
    """Pages of every kind routing must tell apart: live, draft, expired, restricted, a
    routable index with its topic pages, and a Spanish tree with an untranslated page."""
    make = lambda slug, **kw: TechniquePageFactory(parent=site_tree["techniques"], slug=slug, **kw)  # noqa: E731
    pages = {"live": make("live"), "draft": make("draft", live=False), "expired": make("expired")}
    Page.objects.filter(pk=pages["expired"].pk).update(
        expire_at=timezone.now() - timezone.timedelta(minutes=1)
    )
    pages["private"] = make("private")
    PageViewRestriction.objects.create(page=pages["private"], restriction_type="login")
    translate_tree(site_tree)
    translate(site_tree["techniques"], title="Técnicas", slug="tecnicas")
    translate(pages["live"], title="Viva", slug="viva")
    ArticleIndexPageFactory(parent=pages["live"], slug="nested")
    return site_tree


PATHS = {
    "en": [
        "",
        "techniques/",
        "techniques/live/",
        "techniques/draft/",
        "techniques/expired/",
        "techniques/private/",
        "techniques/live/nested/",
        "techniques/nope/",
        "conditions/",
        "conditions/topics/",
        "conditions/topic/back/",
        "conditions/nope/deeper/",
        "tecnicas/",
    ],
    "es": ["", "tecnicas/", "tecnicas/viva/", "techniques/", "tecnicas/nope/", "conditions/"],
}


def wagtail_route(path, language):
    with translation.override(language):
        request = request_for("localhost")
        try:
            result = Site.find_for_request(request).root_page.localized.specific.route(
                request, [part for part in path.split("/") if part]
            )
        except Http404:
            return None
    return result


def fast_route(path, language):
    with translation.override(language):
        request = request_for("localhost")
        return routing.preroute(request, path), request


def described(route):
    """A route as comparable values (None for a 404): the page, and each view by its
    function (routable pages route to their own bound methods)."""
    if route is None:
        return None
    page, args, kwargs = route
    plain = lambda v: getattr(v, "__func__", v)  # noqa: E731
    return page.pk, type(page), [plain(a) for a in args], {k: plain(v) for k, v in kwargs.items()}


def test_every_path_routes_where_wagtails_walk_does(tree):
    decided = {"page": 0, "404": 0, "routed by a page": 0}
    for language, paths in PATHS.items():
        for path in paths:
            expected = wagtail_route(path, language)
            result, _ = fast_route(path, language)
            assert result is not routing.UNDECIDED, (language, path)
            assert described(result) == described(expected), (language, path)
            kind = "404" if result is None else "routed by a page" if result[1] else "page"
            decided[kind] += 1
    # The fast path decides ordinary pages, 404s and topic pages, in both languages.
    assert decided == {"page": 8, "404": 9, "routed by a page": 2}


def test_the_fast_path_routes_an_ordinary_page_in_three_queries(tree):
    with CaptureQueriesContext(connection) as ctx:
        result, request = fast_route("tecnicas/viva/", "es")
    assert result[0].title == "Viva"
    assert len(ctx.captured_queries) == 3
    # What it read with the path serves the page's breadcrumbs, hreflang and menu.
    assert [p.title for p in routing.ancestors_on_path(result[0])][-1] == "Técnicas"
    assert {p.locale.language_code for p in routing.translations_on_path(result[0])} == {"en"}
    assert request._wagtail_cached_site_root_paths == Site.get_site_root_paths()


def test_routing_reads_the_restrictions_and_the_next_expiry_with_the_path(tree):
    """What the visibility rule and the answer's lifetime need comes with routing's reads:
    every view restriction on the site (not only those on the path) and the first expiry
    ahead, as their own queries would give them."""
    now = timezone.now()
    PageViewRestriction.objects.create(page=tree["articles"], restriction_type="login")
    spanish = Page.objects.get(slug="tecnicas")
    PageViewRestriction.objects.create(page=spanish, restriction_type="password", password="x")
    soon = TechniquePageFactory(parent=tree["techniques"], slug="soon")
    Page.objects.filter(pk=soon.pk).update(expire_at=now + timezone.timedelta(hours=2))
    first_ahead = Page.objects.live().filter(expire_at__gt=now).order_by("expire_at").first()
    content_version.bump()
    cache.clear()
    result, request = fast_route("techniques/live/", "en")
    assert result[0].slug == "live"
    expected = visibility.Audience().restricted_paths  # a fresh audience asks the database
    assert len(expected) == 3
    with CaptureQueriesContext(connection) as ctx:
        assert visibility.for_request(request).restricted_paths == expected
        assert content_version.next_expiry() == first_ahead.expire_at.timestamp()
    assert ctx.captured_queries == []
