"""Redirects through the API: the listing and ``pages/by-path/`` give the target the HTML site
sends visitors to (``spa_site.redirects.target``), topics included, and nothing the visitor
may not see."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from articles import topics
from articles.models import ConditionArticlePage, TopicTag

pytestmark = pytest.mark.django_db


def html_location(client, path):
    response = client.get(path)
    return (response.status_code, response.get("Location"))


def listed(api):
    return {item["old_path"]: item for item in api("/redirects/").json()["items"]}


def by_path(api, path):
    return api("/pages/by-path/", params={"path": path})


@pytest.fixture
def renamed_topic(demo_site):
    tag = TopicTag.objects.filter(tagged_articles__isnull=False).first()
    old = tag.slug
    topics.rename_topic(tag, tag.name + " renamed", new_slug=old + "-renamed")
    return old, tag.slug


def test_a_renamed_topic_redirects_to_its_topic_page_in_html_and_api(api, client, renamed_topic):
    old, new = renamed_topic
    old_path = f"/conditions/topics/{old}/"
    status, location = html_location(client, old_path)
    assert (status, location) == (301, f"/conditions/topics/{new}/")
    assert listed(api)[old_path.rstrip("/")]["new_url"] == location
    body = by_path(api, old_path).json()
    assert body == {
        "type": "redirect",
        "status": 301,
        "location": location,
        "api_url": f"/api/content/pages/by-path/?path=%2Fconditions%2Ftopics%2F{new}%2F",
    }


@pytest.mark.parametrize("permanent", [True, False])
def test_every_kind_of_redirect_agrees(api, client, demo_site, permanent):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    Redirect.objects.create(old_path="/to-page", redirect_page=article, is_permanent=permanent)
    Redirect.objects.create(
        old_path="/to-link", redirect_link="https://example.com/x", is_permanent=permanent
    )
    table = listed(api)
    for old_path in ("/to-page", "/to-link"):
        status, location = html_location(client, old_path + "/")
        assert status == (301 if permanent else 302)
        assert table[old_path]["new_url"] == location
        body = by_path(api, old_path + "/").json()
        assert (body["type"], body["status"], body["location"]) == ("redirect", status, location)
    assert by_path(api, "/to-page/").json()["api_url"].endswith("%2Fconditions%2Fback-spasm%2F")
    assert by_path(api, "/to-link/").json()["api_url"] is None


def test_a_redirect_to_a_page_the_visitor_may_not_see_goes_nowhere_in_both(api, client, demo_site):
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    Redirect.objects.create(old_path="/hidden", redirect_page=article)
    article.unpublish()
    assert client.get("/hidden/").status_code == 404
    assert "/hidden" not in listed(api)
    assert by_path(api, "/hidden/").status_code == 404


def test_a_page_at_the_path_wins_over_a_redirect(api, demo_site):
    Redirect.objects.create(old_path="/conditions/back-spasm", redirect_link="https://example.com/")
    assert by_path(api, "/conditions/back-spasm/").json()["type"] == "condition_article"
