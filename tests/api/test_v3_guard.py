"""Wagtail's v3 API at /api/v3/ answers 4xx, never 500, to the input that breaks it upstream."""

import json

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import APIToken, Page, Site

pytestmark = pytest.mark.django_db

HUGE = "9223372036854775808"  # one past PostgreSQL's bigint


@pytest.fixture
def token_headers(demo_site):
    user = get_user_model().objects.create_superuser("tool", "tool@example.com", "pw")
    _, plaintext = APIToken.create_token(user=user, name="editing tool")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


def post_json(client, url, data, headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def test_v3_is_mounted_and_lists_public_pages(client, demo_site):
    response = client.get("/api/v3/pages/")
    assert response.status_code == 200
    assert response.json()["count"] == Page.objects.live().public().exclude(depth=1).count()
    assert client.get("/api/v3/openapi.json").json()["openapi"].startswith("3.1")


@pytest.mark.parametrize("param", ["offset", "limit"])
@pytest.mark.parametrize("value", [HUGE, "99999999999999999999999999999"])
def test_huge_offsets_are_400(client, demo_site, param, value):
    response = client.get("/api/v3/pages/", {param: value})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_huge_ids_are_404(client, demo_site):
    assert client.get(f"/api/v3/pages/{HUGE}/").status_code == 404
    assert client.get("/api/v3/pages/find/", {"id": HUGE}).status_code == 400


@pytest.mark.parametrize(
    "action", ["copy", "create_alias", "move", "delete", "unpublish", "publish"]
)
def test_the_tree_root_cannot_be_acted_on(client, token_headers, action):
    root = Page.get_first_root_node()
    home = Site.objects.get(is_default_site=True).root_page
    data = {"destination_id": home.pk} if action in {"copy", "create_alias", "move"} else {}
    response = post_json(client, f"/api/v3/pages/{root.pk}/actions/{action}/", data, token_headers)
    assert response.status_code == 422, response.content
    assert Page.get_first_root_node().pk == root.pk and Page.objects.filter(pk=home.pk).exists()


@pytest.mark.parametrize("action", ["copy", "create_alias", "move"])
def test_the_tree_root_cannot_be_a_target(client, token_headers, action):
    root = Page.get_first_root_node()
    article = Page.objects.get(slug="back-spasm")
    data = {"destination_id": root.pk}
    response = post_json(
        client, f"/api/v3/pages/{article.pk}/actions/{action}/", data, token_headers
    )
    assert response.status_code == 422, response.content
    assert Page.objects.get(pk=article.pk).get_parent().slug == "conditions"


def test_deleting_the_root_is_refused(client, token_headers):
    root = Page.get_first_root_node()
    assert client.delete(f"/api/v3/pages/{root.pk}/", **token_headers).status_code == 422


def test_listing_without_a_default_site_is_4xx(client, demo_site):
    Site.objects.all().delete()
    for url in ("/api/v3/pages/", "/api/v3/pages/find/?html_path=/", "/api/v3/pages/3/"):
        assert client.get(url).status_code == 404, url
    assert client.get("/api/v3/pages/", {"child_of": "root"}).status_code == 404


def test_delivery_api_without_a_site_is_4xx(client, demo_site):
    Site.objects.all().delete()
    assert client.get("/api/content/articles/").json()["count"] == 0
    assert client.get("/api/content/site/").status_code == 404
    assert client.get("/api/content/pages/by-path/", {"path": "/"}).status_code == 404


def test_writes_still_work_for_ordinary_pages(client, token_headers):
    article = Page.objects.get(slug="back-spasm")
    response = post_json(
        client,
        f"/api/v3/pages/{article.pk}/actions/copy/",
        {"slug": "back-spasm-copy"},
        token_headers,
    )
    assert response.status_code == 201, response.content
    assert Page.objects.filter(slug="back-spasm-copy").exists()
