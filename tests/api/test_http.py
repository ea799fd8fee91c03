"""Caching headers, conditional GET and CORS."""

import pytest

pytestmark = pytest.mark.django_db

ORIGIN = "https://front.example.com"


def test_etag_and_304(api, demo_site):
    first = api("/articles/back-spasm/")
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert (
        "s-maxage=" in first["Cache-Control"]
        and "stale-while-revalidate=" in first["Cache-Control"]
    )
    assert "page-15" in first["Surrogate-Key"].split() or "content-api" in first["Surrogate-Key"]
    again = api("/articles/back-spasm/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert api("/articles/back-spasm/", HTTP_IF_NONE_MATCH='"stale"').status_code == 200


def test_etag_changes_when_content_changes(api, demo_site):
    from articles.models import ConditionArticlePage

    etag = api("/articles/").get("ETag")
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    article.summary = "Changed."
    article.save_revision().publish()
    assert api("/articles/")["ETag"] != etag


def test_surrogate_keys_name_the_pages_used(api, demo_site):
    from articles.models import ConditionArticlePage
    from author_profiles.models import ProfilePage

    keys = api("/articles/back-spasm/")["Surrogate-Key"].split()
    article = ConditionArticlePage.objects.get(slug="back-spasm")
    author = ProfilePage.objects.get(slug="mara-swick")
    assert {f"page-{article.pk}", f"page-{author.pk}", "content-api"} <= set(keys)
    assert "articles" in api("/articles/")["Surrogate-Key"].split()


def test_errors_are_not_cached(api, demo_site):
    response = api("/articles/nope/")
    assert response["Cache-Control"] == "no-store" and "ETag" not in response


def test_head_matches_get_headers(api, client, demo_site):
    head = client.head("/api/content/articles/")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == api("/articles/")["ETag"]


def test_cors_allowed_origin(api, settings, demo_site):
    settings.API_CORS_ALLOWED_ORIGINS = [ORIGIN]
    response = api("/articles/", HTTP_ORIGIN=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Origin" in response["Vary"]


def test_cors_refused_origin(api, settings, demo_site):
    settings.API_CORS_ALLOWED_ORIGINS = [ORIGIN]
    response = api("/articles/", HTTP_ORIGIN="https://evil.example.com")
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_cors_preflight(client, settings, demo_site):
    settings.API_CORS_ALLOWED_ORIGINS = [ORIGIN]
    allowed = client.options(
        "/api/content/articles/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert allowed.status_code == 204
    assert allowed["Access-Control-Allow-Origin"] == ORIGIN
    assert "GET" in allowed["Access-Control-Allow-Methods"]
    refused = client.options(
        "/api/content/articles/",
        HTTP_ORIGIN="https://evil.example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert refused.status_code == 403 and "Access-Control-Allow-Origin" not in refused


def test_no_cors_headers_without_configured_origins(api, settings, demo_site):
    settings.API_CORS_ALLOWED_ORIGINS = []
    assert "Access-Control-Allow-Origin" not in api("/articles/", HTTP_ORIGIN=ORIGIN)
