"""The site's Content-Security-Policy, as a real browser enforces it."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_policy_blocks_inline_script_in_the_browser(page, demo_live_server, csp_violations):
    """Serve a page carrying an injected inline script under the header the site really sends:
    Chromium must refuse to run it (and the console reports it)."""
    header = page.request.get(f"{demo_live_server.url}/").headers["content-security-policy"]
    probe = f"{demo_live_server.url}/csp-probe/"
    page.route(
        probe,
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            headers={"Content-Security-Policy": header},
            body="<title>safe</title><script>document.title = 'injected'</script>",
        ),
    )
    page.goto(probe)
    assert page.title() == "safe"
    assert any("inline script" in message for message in csp_violations)
    csp_violations.clear()


def test_public_pages_load_their_stylesheet_under_the_policy(page, demo_live_server):
    page.goto(f"{demo_live_server.url}/conditions/back-spasm/")
    sheets = page.evaluate("document.styleSheets.length")
    assert sheets >= 1
    # The stylesheet applied: the skip link is moved off-screen by site CSS.
    assert page.evaluate(
        "getComputedStyle(document.querySelector('a[href=\\'#main\\']')).position"
    ) in ("absolute", "fixed")


def test_api_docs_render_under_the_policy(page, demo_live_server):
    """Swagger UI (django-ninja's bundled copy) works with script-src and style-src 'self'."""
    page.goto(f"{demo_live_server.url}/api/content/docs/")
    page.locator(".opblock").first.wait_for(timeout=15_000)
    assert page.locator(".opblock").count() >= 10
