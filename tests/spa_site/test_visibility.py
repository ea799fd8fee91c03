"""The read layer: one rule for what an anonymous visitor may see, and its consumers that
have no request of their own (rich-text links, template checks)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.rich_text import expand_db_html

from articles import topics
from articles.models import TaggedArticle, TopicTag
from spa_site import visibility
from spa_site.models import SiteSettings
from tests.factories import (
    ConditionArticlePageFactory,
    ProfilePageFactory,
    TechniquePageFactory,
    build_site_tree,
)


@pytest.fixture
def tree(db):
    return build_site_tree()


def hidden_pages(tree):
    """One technique per way of being hidden, and one public one."""
    return hidden_pages_of(tree, TechniquePageFactory, tree["techniques"])


def hidden_pages_of(tree, factory, parent, title=None):
    """One page of ``factory`` under ``parent`` per way of being hidden, and a public one."""

    def make(slug, **kw):
        if title:
            kw["title"] = f"{title} {slug}"
        return factory(parent=parent, slug=slug, **kw)

    pages = {
        "public": make("public"),
        "draft": make("draft", live=False),
        "expired": make("expired"),
        "password": make("password"),
        "login": make("login"),
        "groups": make("groups"),
    }
    Page.objects.filter(pk=pages["expired"].pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    pages["expired"].refresh_from_db()
    for kind in ("password", "login", "groups"):
        restriction = PageViewRestriction.objects.create(
            page=pages[kind], restriction_type=kind, password="x" if kind == "password" else ""
        )
        if kind == "groups":
            restriction.groups.add(Group.objects.get_or_create(name="Insiders")[0])
    return pages


def test_only_live_unexpired_unrestricted_pages_in_the_site_are_public(tree):
    pages = hidden_pages(tree)
    child_of_restricted = TechniquePageFactory(parent=pages["login"], slug="below-login")
    audience = visibility.anonymous()
    public = set(audience.pages().values_list("slug", flat=True))
    assert "public" in public
    assert public.isdisjoint({"draft", "expired", "password", "login", "groups", "below-login"})
    # The in-memory check and the queryset agree on every page.
    for page in [*pages.values(), child_of_restricted]:
        assert audience.can_see(page) == (page.slug in public), page.slug
    assert audience.visible_ids([p.pk for p in pages.values()]) == {pages["public"].pk}


def test_a_page_outside_the_requests_site_is_not_public(tree):
    other_root = Page.get_first_root_node().add_child(
        instance=Page(title="Other site", slug="other-site")
    )
    other_site = Site.objects.create(hostname="other.example.com", root_page=other_root)
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    audience = visibility.for_request(request)
    assert not audience.can_see(other_root)
    assert visibility.for_request(RequestFactory().get("/", HTTP_HOST="other.example.com")).can_see(
        other_root
    )
    assert other_site.root_page_id not in audience.visible_ids([other_root.pk])
    # Work outside a request (jobs, webhooks, purges) sees every site's public pages.
    assert visibility.anonymous().can_see(other_root)


def test_an_expiry_passing_hides_the_page_before_the_cron_unpublishes_it(tree, monkeypatch):
    page = TechniquePageFactory(parent=tree["techniques"], slug="soon-gone")
    page.expire_at = timezone.now() + datetime.timedelta(hours=1)
    page.save()
    assert visibility.anonymous().can_see(page)
    later = timezone.now() + datetime.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert page.live and not visibility.anonymous().can_see(page)
    assert not visibility.anonymous().pages().filter(pk=page.pk).exists()


def test_rich_text_links_to_hidden_pages_render_as_text(tree):
    pages = hidden_pages(tree)
    html = "".join(f'<a linktype="page" id="{page.pk}">{slug}</a>' for slug, page in pages.items())
    rendered = expand_db_html(html)
    assert rendered.count("href=") == 1
    assert f'<a href="{pages["public"].url}">public</a>' in rendered
    for slug in ("draft", "expired", "password", "login", "groups"):
        assert f"<a>{slug}</a>" in rendered


def test_the_template_check_follows_the_rule(tree):
    pages = hidden_pages(tree)
    template = Template("{% load spa_tags %}{% if page|visible_to:request %}yes{% endif %}")
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    for slug, page in pages.items():
        shown = template.render(Context({"page": page, "request": request})) == "yes"
        assert shown == (slug == "public"), slug


def test_an_articles_byline_names_only_a_public_author(tree, client):
    """The article is read with its author (``selectors.with_author``), so the rule is applied
    to the loaded profile in memory: it must agree with the queryset for every kind of hidden
    profile, in the byline and in the JSON-LD alike."""
    people = hidden_pages_of(tree, ProfilePageFactory, tree["team"], "Author")
    for kind, person in people.items():
        article = ConditionArticlePageFactory(
            parent=tree["articles"], slug=f"by-{kind}", author=person
        )
        html = client.get(article.url).content.decode()
        assert (person.title in html) == (kind == "public"), kind


@pytest.mark.parametrize("threshold", [0, 2, 3])
def test_topic_usage_counts_only_public_pages_alike_in_every_reading(tree, threshold):
    """The admin's per-topic counts (``with_usage``, a join per topic), the sitemap's grouped
    counts (``live_usage``) and each topic's own check (``is_indexable``) agree, and count
    neither drafts, expired nor restricted pages."""
    articles = hidden_pages_of(tree, ConditionArticlePageFactory, tree["articles"], "Cramp")
    techniques = hidden_pages_of(tree, TechniquePageFactory, tree["techniques"], "Stretch")
    everywhere, public_only, hidden_only = (
        TopicTag.objects.create(name=name) for name in ("Everywhere", "Public only", "Hidden")
    )
    for kind, page in [*articles.items(), *techniques.items()]:
        page.tags.add(everywhere)
        page.tags.add(public_only if kind == "public" else hidden_only)
        page.save()
    settings = SiteSettings.for_site(tree["home"].get_site())
    settings.thin_topic_threshold = threshold
    settings.save()

    counted = {tag.pk: tag.live_count for tag in topics.with_usage()}
    usage = topics.live_usage()
    assert counted[everywhere.pk] == counted[public_only.pk] == 2  # the public article + technique
    assert counted[hidden_only.pk] == 0
    assert {pk: n for pk, (n, _latest) in usage.items()} == {
        pk: n for pk, n in counted.items() if n
    }
    indexable = [tag.pk for tag in topics.indexable_topics(tree["home"].get_site())]
    assert indexable == [
        tag.pk
        for tag in TopicTag.objects.order_by("name")
        if topics.is_indexable(tag, tree["home"].get_site())
    ]
    assert (hidden_only.pk in indexable) is (threshold == 0)
    public_rows = visibility.anonymous().filter_related(
        TaggedArticle.objects.filter(tag=everywhere), "content_object"
    )
    assert [row.content_object_id for row in public_rows] == [articles["public"].pk]
