"""What must not grow with the number of articles (see bench/scale.py for the figures):
listings page by key, the sitemap's queries do not grow with topics and it is cached per
content version, related articles are ranked without grouping whole rows, search pages by ten."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import selectors
from spa_site import visibility
from tests.factories import ConditionArticlePageFactory, TopicTagFactory, link_article

SITEMAP_QUERY_BUDGET = 30


def _articles(tree, count):
    return [
        ConditionArticlePageFactory(parent=tree["articles"], title=f"Article {i:02d}")
        for i in range(count)
    ]


def _sorted_by_title(queries):
    return [q["sql"] for q in queries if 'ORDER BY "wagtailcore_page"."title"' in q["sql"]]


def test_last_index_page_sorts_keys_not_whole_rows(client, site_tree):
    _articles(site_tree, 26)  # 12 a page: the third page holds the last two
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/conditions/?page=3")
    assert response.status_code == 200
    titles = [a.title for a in response.context["page_obj"].object_list]
    assert titles == ["Article 24", "Article 25"]
    assert response.context["page_obj"].paginator.count == 26
    sorts = _sorted_by_title(ctx.captured_queries)
    assert sorts, "the listing is sorted by the database"
    for sql in sorts:
        assert '"body"' not in sql and '"summary"' not in sql


def test_an_index_page_follows_a_publish_at_once(client, site_tree):
    articles = _articles(site_tree, 26)
    page = client.get("/conditions/?page=3").context["page_obj"].object_list
    assert [a.title for a in page] == ["Article 24", "Article 25"]
    articles[0].title = "Zz renamed"
    articles[0].save_revision().publish()
    moved = client.get("/conditions/?page=3").context["page_obj"].object_list
    assert [a.title for a in moved] == ["Article 25", "Zz renamed"]


def test_out_of_range_and_first_pages_still_work(client, site_tree):
    _articles(site_tree, 13)
    last = client.get("/conditions/?page=99").context["page_obj"]
    assert [a.title for a in last.object_list] == ["Article 12"]
    first = client.get("/conditions/").context["page_obj"]
    assert [a.title for a in first.object_list][:2] == ["Article 00", "Article 01"]


def test_topic_page_lists_the_tagged_page_of_articles(client, site_tree):
    tag = TopicTagFactory(name="Back pain", slug="back-pain")
    for article in _articles(site_tree, 14):
        link_article(article, tags=[tag])
    page_obj = client.get("/conditions/topics/back-pain/?page=2").context["page_obj"]
    assert [a.title for a in page_obj.object_list] == ["Article 12", "Article 13"]
    assert all(a.reading_time_minutes for a in page_obj.object_list)  # specific pages


def test_api_listing_offset_and_count(client, site_tree):
    _articles(site_tree, 5)
    data = client.get("/api/content/articles/?offset=3&limit=10").json()
    assert data["count"] == 5
    assert [item["title"] for item in data["items"]] == ["Article 03", "Article 04"]


def _many_topics(tree, topics):
    articles = _articles(tree, 3)
    for i in range(topics):
        tag = TopicTagFactory(name=f"Topic {i}", slug=f"topic-{i}")
        for article in articles:
            link_article(article, tags=[tag])
    for article in articles:
        article.save_revision().publish()  # gives the topics a lastmod


@pytest.mark.parametrize("topics", [2, 20])
def test_sitemap_queries_do_not_grow_with_topics(
    client, site_tree, topics, django_assert_max_num_queries
):
    _many_topics(site_tree, topics)
    with django_assert_max_num_queries(SITEMAP_QUERY_BUDGET):
        response = client.get("/sitemap.xml")
    assert response.status_code == 200
    content = response.content.decode()
    assert f"/conditions/topics/topic-{topics - 1}/" in content
    assert "<lastmod>" in content


def test_sitemap_is_kept_whole_until_content_changes(
    client, site_tree, settings, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    article = _articles(site_tree, 1)[0]
    client.get("/")  # the first request ever creates the site settings row (a content change)
    first = client.get("/sitemap.xml")
    with django_assert_max_num_queries(0):
        again = client.get("/sitemap.xml")
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Renamed"
        article.slug = "renamed"
        article.save_revision().publish()
    assert "/conditions/renamed/" in client.get("/sitemap.xml").content.decode()
    assert client.get("/sitemap.xml?p=9").status_code == 404


def test_related_articles_rank_on_keys(site_tree):
    back, neck = TopicTagFactory(name="Back"), TopicTagFactory(name="Neck")
    main, two, one = _articles(site_tree, 3)
    link_article(main, tags=[back, neck])
    link_article(two, tags=[back, neck])
    link_article(one, tags=[neck])
    with CaptureQueriesContext(connection) as ctx:
        related = selectors.related_articles(main, visibility.anonymous())
    assert related == [two, one]
    grouped = [re.search(r"GROUP BY ([^()]*)", q["sql"]) for q in ctx.captured_queries]
    assert not any('"body"' in match.group(1) for match in grouped if match)


def test_search_ranks_once_and_pages_the_matches(client, site_tree):
    for i in range(12):
        ConditionArticlePageFactory(
            parent=site_tree["articles"], title=f"Article {i:02d}", summary="A night cramp."
        )
    best = ConditionArticlePageFactory(
        parent=site_tree["articles"], title="Cramp", summary="Cramp relief for every cramp."
    )
    with CaptureQueriesContext(connection) as ctx:
        first_answer = client.get("/search/?q=cramp")
    second_answer = client.get("/search/?q=cramp&page=2")
    first, second = first_answer.context["page_obj"], second_answer.context["page_obj"]
    assert first.paginator.count == 13
    assert first.object_list[0].pk == best.pk
    keys = [p.pk for p in first.object_list] + [p.pk for p in second.object_list]
    assert len(keys) == len(set(keys)) == 13
    # SQLite: one full-text match per statement, not one more per matching row.
    assert not any(q["sql"].count("MATCH") > 1 for q in ctx.captured_queries)
    # As visitors see it: ten cards, a link to the next page, the last three there.
    first_page = BeautifulSoup(first_answer.content, "html.parser")
    assert len(first_page.select(".card")) == 10
    assert first_page.select_one('a[rel="next"]')["href"] == "?q=cramp&page=2"
    second_page = BeautifulSoup(second_answer.content, "html.parser")
    assert len(second_page.select(".card")) == 3
