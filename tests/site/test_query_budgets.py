"""Query budgets: page queries do not grow with the number of related items or the page size."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_factories import ImageFactory

from tests.factories import (
    ConditionArticlePageFactory,
    CredentialFactory,
    LocationPageFactory,
    ProfilePageFactory,
    ServiceFactory,
    ServiceVariantFactory,
    TechniquePageFactory,
    TopicTagFactory,
    link_article,
    link_technique,
)

# Nothing inside a page is cached between requests (only whole anonymous answers are): an
# article view is every site with its settings (1), the pages on the path with the home
# pages, their translations, the menu's sections and the view-restricted pages (1:
# spa_site/routing.py), the article with its author (1), the techniques with their card
# images and renditions (3), services with variants and locations (3), the review claim (1:
# a recorded approval of this content), its reviewer (1), topics (1), related articles (1), the
# locations with their hours and closures (3), the prices (1) and the published visitor
# questions with their answerers (1, however many: tests/questions/test_query_budget.py).
# The body's chosen techniques and services are the ones already loaded (spa_site/loaded.py).
ARTICLE_BUDGET = 17


@pytest.fixture
def site_tree(site_tree, client):
    """The first request ever creates the site settings row; keep that out of the counts."""
    client.get("/")
    return site_tree


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def warm_and_cold(client, url):
    """Queries on the first view after a content change (empty cache) and on the next one."""
    client.get(url)  # renditions are generated once per image, not per view
    cache.clear()
    cold = count_queries(client, url)
    warm = count_queries(client, url)
    return cold, warm


def build_article(tree, n, suffix, link_services=True):
    person = ProfilePageFactory(parent=tree["team"], title=f"Author {suffix}")
    reviewer = ProfilePageFactory(parent=tree["team"], title=f"Reviewer {suffix}")
    CredentialFactory(page=person)
    location = LocationPageFactory(parent=tree["locations"], title=f"Loc {suffix}")
    image = ImageFactory()
    techniques, services, tags = [], [], []
    for i in range(n):
        service = ServiceFactory(location=location, name=f"S{suffix}{i}", slug=f"s-{suffix}-{i}")
        ServiceVariantFactory(service=service, duration_minutes=60)
        ServiceVariantFactory(service=service, duration_minutes=90)
        service.therapists.add(person)
        service.save()
        technique = TechniquePageFactory(
            parent=tree["techniques"], title=f"T{suffix}{i}", listing_image=image
        )
        link_technique(technique, [service])
        techniques.append(technique)
        services.append(service)
        tags.append(TopicTagFactory(name=f"Tag {suffix} {i}"))
    article = ConditionArticlePageFactory(
        parent=tree["articles"],
        title=f"Article {suffix}",
        hero_image=image,
        author=person,
        medical_reviewer=reviewer,
        body=[
            {
                "type": "techniques",
                "value": {
                    "heading": "Techniques",
                    "intro": "",
                    "items": [{"technique": t.pk, "text": "Helps."} for t in techniques],
                    "outro": "",
                },
            },
            {
                "type": "faq",
                "value": {
                    "heading": "FAQ",
                    "intro": "",
                    "items": [
                        {"question": f"Question {i}?", "answer": "<p>Answer.</p>"} for i in range(n)
                    ],
                },
            },
            *[
                {
                    "type": "book_cta",
                    "value": {"heading": "Book", "text": "", "service": s.pk, "button_label": "Go"},
                }
                for s in services
            ],
        ],
    )
    link_article(article, techniques, services if link_services else (), tags)
    # Other articles sharing the tags, so "related articles" has content too.
    for i in range(min(n, 3)):
        other = ConditionArticlePageFactory(parent=tree["articles"], title=f"Other {suffix} {i}")
        link_article(other, tags=tags[: i + 1])
    return article


def test_article_queries_do_not_grow_with_related_items(client, site_tree):
    small = build_article(site_tree, 1, "a")
    large = build_article(site_tree, 20, "b")
    small_cold, small_warm = warm_and_cold(client, small.url)
    large_cold, large_warm = warm_and_cold(client, large.url)
    html = client.get(large.url).content.decode()
    assert html.count("<details") == 20 and "Question 19?" in html  # everything rendered
    assert (large_cold, large_warm) == (small_cold, small_warm)
    assert large_warm <= ARTICLE_BUDGET
    # With the cache emptied, the two images' renditions Wagtail keeps there are read once
    # more; nothing else (the site root paths come from the routing's reads, the next expiry,
    # kept per content version, with the sites: spa_site/content_version.py).
    assert large_cold <= ARTICLE_BUDGET + 2


@pytest.mark.parametrize("path", ["{url}", "/api/content/articles/{slug}/"])
def test_services_chosen_only_in_the_body_cost_no_query_each(client, site_tree, path):
    """A "Book" block may choose a service the article does not list: the page and the API
    read such services together, with their locations and prices, however many there are."""
    small = build_article(site_tree, 1, "a", link_services=False)
    large = build_article(site_tree, 20, "b", link_services=False)
    costs = []
    for article in (small, large):
        url = path.format(url=article.url, slug=article.slug)
        client.get(url)
        cache.clear()
        costs.append(count_queries(client, url))
    body = client.get(path.format(url=large.url, slug=large.slug)).content.decode()
    assert body.count("s-b-19") >= 1  # the twentieth chosen service is there
    assert costs[0] == costs[1]


@pytest.mark.parametrize("index", ["articles", "techniques"])
def test_index_pages_do_not_grow_with_page_size(client, site_tree, index):
    image = ImageFactory()
    factory = ConditionArticlePageFactory if index == "articles" else TechniquePageFactory
    factory(parent=site_tree[index], title="First", listing_image=image)
    few = warm_and_cold(client, site_tree[index].url)
    for i in range(11):
        factory(parent=site_tree[index], title=f"More {i}", listing_image=image)
    full = warm_and_cold(client, site_tree[index].url)
    assert full == few


def test_topic_page_does_not_grow_with_page_size(client, site_tree):
    tag = TopicTagFactory(name="Back pain", slug="back-pain")
    image = ImageFactory()
    # Cards show the author's name: authored articles must not cost a query each.
    author = ProfilePageFactory(parent=site_tree["team"], title="Card author")
    first = ConditionArticlePageFactory(
        parent=site_tree["articles"], listing_image=image, author=author
    )
    link_article(first, tags=[tag])
    technique = TechniquePageFactory(parent=site_tree["techniques"], listing_image=image)
    technique.tags.add(tag)
    technique.save()
    url = site_tree["articles"].url + "topics/back-pain/"
    few = warm_and_cold(client, url)
    for _i in range(6):
        article = ConditionArticlePageFactory(
            parent=site_tree["articles"], listing_image=image, author=author
        )
        link_article(article, tags=[tag])
        technique = TechniquePageFactory(parent=site_tree["techniques"], listing_image=image)
        technique.tags.add(tag)
        technique.save()
    full = warm_and_cold(client, url)
    assert full == few
