"""``meta.head`` carries what the page's HTML head has, built by the same code: for every
page type the API serves, the API's head equals the head parsed from the HTML page."""

import json

import pytest
from bs4 import BeautifulSoup

from articles.models import TopicTag

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/conditions/",
    "/conditions/back-spasm/",
    "/conditions/massage-for-muscle-spasms/",
    "/techniques/",
    "/techniques/deep-tissue-massage/",
    "/team/",
    "/team/mara-swick/",
    "/locations/",
    "/locations/long-beach/",
]


def html_head(response):
    """The head of an HTML page in the API's ``meta.head`` shape."""
    assert response.status_code == 200
    head = BeautifulSoup(response.content, "html.parser").head
    description = head.find("meta", attrs={"name": "description"})
    canonical = head.find("link", rel="canonical")
    scripts = head.find_all("script", type="application/ld+json")
    return {
        "title": head.title.string,
        "description": description["content"] if description else "",
        "canonical": canonical["href"] if canonical else "",
        "robots": head.find("meta", attrs={"name": "robots"})["content"],
        "open_graph": [
            {"property": m["property"], "content": m["content"]}
            for m in head.find_all("meta", property=True)
        ],
        "twitter": [
            {"name": m["name"], "content": m["content"]}
            for m in head.find_all("meta", attrs={"name": True})
            if m["name"].startswith("twitter:")
        ],
        "alternates": [
            {"hreflang": link["hreflang"], "href": link["href"]}
            for link in head.find_all("link", rel="alternate", hreflang=True)
        ],
        "json_ld": json.loads(scripts[0].string) if scripts else None,
    }


def api_head(body):
    head = dict(body["meta"]["head"] if "meta" in body else body["head"])
    image = head.pop("image")
    return head, image


@pytest.mark.parametrize("path", PAGES)
def test_the_api_gives_the_html_head_of_every_page_type(client, demo_site, path):
    from_html = html_head(client.get(path))
    body = client.get("/api/content/pages/by-path/", {"path": path}).json()
    from_api, image = api_head(body)
    assert from_api == from_html
    og = {item["property"]: item["content"] for item in from_api["open_graph"]}
    assert image["url"] == og["og:image"] and image["url"].startswith("http")
    assert from_api["json_ld"]["@graph"] and from_api["alternates"] == []


def test_the_typed_detail_endpoints_give_the_same_head(client, demo_site):
    by_path = client.get("/api/content/pages/by-path/", {"path": "/conditions/back-spasm/"})
    detail = client.get("/api/content/articles/back-spasm/", {"expand": "author"})
    assert detail.json()["meta"]["head"] == by_path.json()["meta"]["head"]
    assert "expand" not in detail.json()["meta"]["head"]["canonical"]


def test_a_topic_gives_its_topic_page_head(client, demo_site):
    tag = TopicTag.objects.filter(tagged_articles__isnull=False).first()
    from_html = html_head(client.get(f"/conditions/topics/{tag.slug}/"))
    from_api, _image = api_head(client.get(f"/api/content/topics/{tag.slug}/").json())
    assert from_api == from_html


def test_a_noindex_page_says_so_in_the_api(client, demo_site):
    from articles.models import ConditionArticlePage

    ConditionArticlePage.objects.filter(slug="back-spasm").update(noindex=True)
    body = client.get("/api/content/articles/back-spasm/").json()
    assert body["meta"]["head"]["robots"] == "noindex, follow"
    assert html_head(client.get("/conditions/back-spasm/"))["robots"] == "noindex, follow"
