"""Text answers are gzipped for clients that accept it; binary and partial answers are not."""

import gzip
import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import override_settings

from spa_site.compression import TextGZipMiddleware

pytestmark = pytest.mark.usefixtures("demo_site")
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def both(client, url):
    plain = client.get(url)
    packed = client.get(url, **GZIP)
    assert plain.status_code == packed.status_code
    assert "Accept-Encoding" in packed["Vary"]
    return plain, packed


@pytest.mark.parametrize(
    "url",
    [
        "/conditions/back-spasm/",
        "/api/content/articles/",
        "/api/content/techniques/",
        "/no-such-page/",
        "/sitemap.xml",
    ],
)
def test_text_answers_are_gzipped_and_unchanged_once_unpacked(client, url):
    plain, packed = both(client, url)
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content)
    assert gzip.decompress(packed.content) == plain.content


def test_an_article_shrinks_to_under_a_third(client):
    plain, packed = both(client, "/conditions/back-spasm/")
    assert len(packed.content) * 3 < len(plain.content)


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=600)
def test_a_cached_page_is_stored_once_and_compressed_per_client(client):
    first = client.get("/conditions/back-spasm/", **GZIP)
    plain = client.get("/conditions/back-spasm/")
    again = client.get("/conditions/back-spasm/", **GZIP)
    assert (first["X-Page-Cache"], plain["X-Page-Cache"], again["X-Page-Cache"]) == (
        "miss",
        "hit",
        "hit",
    )
    assert "Content-Encoding" not in plain
    assert gzip.decompress(again.content) == plain.content


def test_images_pass_untouched(client):
    page = client.get("/conditions/back-spasm/").content.decode()
    image = re.search(r'<meta property="og:image" content="https?://[^/]+(/[^"]+)"', page)[1]
    response = client.get(image, **GZIP)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "Content-Encoding" not in response


@pytest.mark.parametrize(
    "content_type,status,headers,compressed",
    [
        ("text/html; charset=utf-8", 200, {}, True),
        ("application/problem+json", 404, {}, True),
        ("text/calendar; charset=utf-8", 200, {}, True),
        ("image/svg+xml", 200, {}, True),
        ("image/webp", 200, {}, False),
        ("application/octet-stream", 200, {}, False),
        ("text/css", 206, {"Content-Range": "bytes 0-999/5000"}, False),
        ("text/html", 200, {"Content-Encoding": "br"}, False),
    ],
)
def test_what_is_compressed(content_type, status, headers, compressed):
    body = b"spasm relief " * 200
    response = HttpResponse(body, content_type=content_type, status=status, headers=headers)
    request = RequestFactory().get("/", **GZIP)
    answer = TextGZipMiddleware(lambda request: response)(request)
    assert (answer.get("Content-Encoding") == "gzip") is compressed
    assert (answer.content == body) is not compressed
