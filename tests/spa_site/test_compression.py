"""Text answers are gzipped for clients that accept it; binary and partial answers are not."""

import gzip
import re
from unittest import mock

import pytest
from django.http import HttpResponse
from django.middleware import gzip as django_gzip
from django.test import RequestFactory
from django.test.utils import override_settings

from spa_site import compression
from spa_site.compression import TextGZipMiddleware

pytestmark = pytest.mark.usefixtures("demo_site")
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def both(client, url):
    """The same answer twice, plain and gzipped. The article's question form carries a token
    signed with the second it was rendered in (``questions.guards``): both renders get the
    same second, or two renders straddling a second would differ in that field."""
    with mock.patch("questions.guards.time", mock.Mock(time=lambda: 1_800_000_000.0)):
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


def count_compressions():
    """Every gzip compression, the middleware's and the caches' alike."""
    calls = []

    def counted(original):
        def compress(*args, **kwargs):
            calls.append(1)
            return original(*args, **kwargs)

        return compress

    patches = [
        mock.patch.object(django_gzip, "compress_string", counted(django_gzip.compress_string)),
        mock.patch.object(compression, "compress_string", counted(compression.compress_string)),
    ]
    return calls, patches


@pytest.mark.parametrize(
    "setting,url",
    [
        ("PUBLIC_PAGE_CACHE_SECONDS", "/conditions/back-spasm/"),
        ("API_RESPONSE_CACHE_SECONDS", "/api/content/articles/"),
    ],
)
def test_a_stored_answer_is_compressed_once_not_on_every_hit(client, settings, setting, url):
    setattr(settings, setting, 600)
    calls, patches = count_compressions()
    with patches[0], patches[1]:
        answers = [client.get(url, **GZIP) for _ in range(4)]
    plain = client.get(url)
    assert len(calls) == 1
    assert {answer["Content-Encoding"] for answer in answers} == {"gzip"}
    assert {gzip.decompress(answer.content) for answer in answers} == {plain.content}
    assert all(answer["Content-Length"] == str(len(answer.content)) for answer in answers)
    assert all("Accept-Encoding" in answer["Vary"] for answer in answers + [plain])


def test_a_gzipped_api_answer_is_still_not_modified_by_its_etag(client, settings):
    settings.API_RESPONSE_CACHE_SECONDS = 600
    for _ in range(2):  # stored, then replayed
        first = client.get("/api/content/articles/", **GZIP)
        assert first["ETag"].startswith('W/"')
        again = client.get("/api/content/articles/", HTTP_IF_NONE_MATCH=first["ETag"], **GZIP)
        assert again.status_code == 304 and again["ETag"] == first["ETag"]


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
