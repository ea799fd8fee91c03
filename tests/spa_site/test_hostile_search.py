"""Search input of every kind (the classes that broke it: a double quote, NUL, ``<``, full-text
operators, only whitespace, odd Unicode) never errors, on either database: the site search,
the ``search`` parameter of every delivery-API listing and Wagtail's anonymous v3 search."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from articles.models import ConditionArticlePage

pytestmark = pytest.mark.django_db

LISTINGS = ["articles", "techniques", "profiles", "services", "locations"]
V3 = ["pages", "images", "documents"]
HOSTILE = [
    '"',
    'back "spasm',
    "<",
    "<script>",
    "back AND",
    "OR spasm",
    "NOT",
    "NEAR(back spasm)",
    "back*",
    "^spasm",
    "title:back",
    "-spasm",
    "(",
    "   ",
    "\t",
    "🙂",
    "\u200b\ufeff",
    "%s",
    "'",
    "\\",
    "ＢＡＣＫ",
]


def test_site_search(client, demo_site):
    for query in HOSTILE:
        assert client.get("/search/", {"q": query}).status_code == 200, query


def test_delivery_api_search(client, demo_site):
    for query in HOSTILE:
        for listing in LISTINGS:
            response = client.get(f"/api/content/{listing}/", {"search": query})
            assert response.status_code in (200, 422), (listing, query, response.content)
            if response.status_code == 422:
                assert response["Content-Type"] == "application/problem+json"
                assert "at least one word" in response.content.decode()


def test_v3_anonymous_search(client, demo_site):
    for query in HOSTILE:
        for endpoint in V3:
            response = client.get(f"/api/v3/{endpoint}/", {"search": query})
            assert response.status_code in (200, 422), (endpoint, query, response.content)


def test_control_characters_are_a_400_with_a_message_on_both_databases(client, demo_site):
    for query in ["\x00", "back\x00spasm", "\x1b"]:
        page = client.get("/search/", {"q": query})
        assert page.status_code == 400 and "control character" in page.content.decode()
        for path in ["/api/content/articles/", "/api/v3/pages/"]:
            response = client.get(path, {"search": query})
            assert response.status_code == 400
            assert response["Content-Type"] == "application/problem+json"


def test_punctuation_around_words_still_finds_them(client, demo_site):
    soup = BeautifulSoup(client.get("/search/", {"q": '"back spasm'}).content, "html.parser")
    assert soup.find("a", string="Back Spasm")
    api = client.get("/api/content/articles/", {"search": 'back" OR "spasm*'}).json()
    assert "back-spasm" in {item["slug"] for item in api["items"]}


def test_search_without_a_word_says_so(client, demo_site):
    soup = BeautifulSoup(client.get("/search/", {"q": '"*"'}).content, "html.parser")
    assert "no letters or digits" in soup.get_text()


def test_v3_anonymous_search_works_and_leaves_out_expired_pages(client, demo_site):
    response = client.get("/api/v3/pages/", {"search": "spasm"})
    assert response.status_code == 200, response.content
    titles = {item["title"] for item in response.json()["items"]}
    assert "Back Spasm" in titles
    ConditionArticlePage.objects.filter(slug="back-spasm").update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    again = client.get("/api/v3/pages/", {"search": "spasm"}).json()
    assert "Back Spasm" not in {item["title"] for item in again["items"]}
