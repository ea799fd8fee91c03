"""Content-Security-Policy on every kind of response, and the admin login's rate limit."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]
CSP = "Content-Security-Policy"


def directives(response):
    header = response[CSP]
    return {
        name: rest.split()
        for name, _, rest in (part.strip().partition(" ") for part in header.split(";"))
    }


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/conditions/back-spasm/",
        "/search/?q=back",
        "/book/",
        "/api/content/docs/",
        "/admin/login/",
        "/no-such-page/",
    ],
)
def test_public_pages_booking_api_docs_and_login_allow_no_inline_script(demo_site, client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in response[CSP] and "'unsafe-eval'" not in response[CSP]


def test_public_html_has_no_inline_script_or_style(demo_site, client):
    """Only JSON-LD data blocks (never executed) may sit inline."""
    for path in ("/", "/conditions/back-spasm/", "/book/", "/team/mara-swick/"):
        html = client.get(path).content.decode()
        scripts = re.findall(r"<script[^>]*>", html)
        assert all('type="application/ld+json"' in tag for tag in scripts), (path, scripts)
        assert " style=" not in html and "<style" not in html, path


def test_signed_in_admin_allows_wagtails_inline_script_but_nothing_from_elsewhere(
    demo_site, admin_client
):
    response = admin_client.get("/admin/pages/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'nonce-" not in response[CSP]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]


@override_settings(HEADLESS_PREVIEW_URL="https://front.example.com/preview/")
def test_admin_may_frame_the_headless_preview_front_end(demo_site, admin_client):
    policy = directives(admin_client.get("/admin/"))
    assert "https://front.example.com" in policy["frame-src"]


@pytest.mark.parametrize(
    "policy, renders", [("script-src 'self' 'nonce-abc'", 2), ("script-src 'self'", 1)]
)
def test_page_cache_never_shares_a_response_carrying_a_nonce(rf, settings, policy, renders):
    from django.http import HttpResponse

    from spa_site.page_cache import PAGE_REQUEST_ATTR, AnonymousPageCacheMiddleware

    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    calls = []

    def view(request):
        calls.append(1)
        setattr(request, PAGE_REQUEST_ATTR, "public")
        request._spa_shared_view = True  # what process_view notes for a cacheable view
        response = HttpResponse("<script nonce='abc'></script>")
        response[CSP] = policy
        return response

    middleware = AnonymousPageCacheMiddleware(view)
    for _ in range(2):
        request = rf.get("/conditions/")
        if middleware(request).get("X-Page-Cache") != "hit":
            middleware.process_view(request, middleware.serve, (), {})
    assert len(calls) == renders


@override_settings(RATELIMITS={"admin-login": "2/m", "admin-login-username": "10/m"})
def test_admin_login_attempts_over_the_limit_get_a_clear_429(client):
    get_user_model().objects.create_user("editor", password="right-password")
    for _ in range(2):
        wrong = client.post("/admin/login/", {"username": "editor", "password": "nope"})
        assert wrong.status_code == 200
    limited = client.post("/admin/login/", {"username": "editor", "password": "right-password"})
    assert limited.status_code == 429
    assert limited["Retry-After"] == "60"
    assert "Too many attempts" in limited.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(RATELIMITS={"admin-login": "10/m", "admin-login-username": "2/m"})
def test_a_stranger_guessing_a_password_cannot_lock_the_account_holder_out(
    client, django_user_model
):
    django_user_model.objects.create_superuser("editor", "e@example.com", "right-password")
    for _ in range(5):  # a stranger guesses from their own address
        client.post(
            "/admin/login/", {"username": "editor", "password": "x"}, REMOTE_ADDR="10.0.0.9"
        )
    stranger = client.post(
        "/admin/login/", {"username": "editor", "password": "x"}, REMOTE_ADDR="10.0.0.9"
    )
    assert stranger.status_code == 429
    # The editor, from their own browser, still signs in with the right password.
    own = client.post(
        "/admin/login/",
        {"username": "editor", "password": "right-password"},
        REMOTE_ADDR="10.0.0.1",
    )
    assert own.status_code == 302 and "_auth_user_id" in client.session


@override_settings(RATELIMITS={"admin-login": "10/m", "admin-login-username": "2/m"})
def test_guessing_one_username_from_one_address_trips_its_limit(client):
    for _ in range(2):
        client.post(
            "/admin/login/", {"username": "editor", "password": "x"}, REMOTE_ADDR="10.0.0.1"
        )
    third = client.post(
        "/admin/login/", {"username": "Editor ", "password": "x"}, REMOTE_ADDR="10.0.0.1"
    )
    assert third.status_code == 429
    other_user = client.post(
        "/admin/login/", {"username": "someone", "password": "x"}, REMOTE_ADDR="10.0.0.1"
    )
    assert other_user.status_code == 200
