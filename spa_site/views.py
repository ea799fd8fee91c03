from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request):
    """Liveness and database check in one cheap query; also the benchmark baseline."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "unhealthy"
        return HttpResponse("db unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page links: send them the icon."""
    return redirect(static("icons/favicon.ico"), permanent=False)


@require_safe
def web_manifest(request):
    """The web app manifest, named and coloured from the site settings."""
    from .chrome import site_chrome

    chrome = site_chrome(request)["chrome"]
    name = chrome["business_name"]
    manifest = {
        "name": name,
        "short_name": name if len(name) <= 12 else name.split()[0],
        "description": chrome.get("tagline") or name,
        "start_url": "/",
        "display": "browser",
        "background_color": "#faf7f2",
        "theme_color": "#17324a",
        "icons": [
            {
                "src": static(f"icons/icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
            }
            for size in (192, 512)
        ]
        + [{"src": static("icons/favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    response = JsonResponse(manifest, content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def page_not_found(request, exception=None):
    """The 404 page, which under /es/ also says when the page exists in English only
    (``languages.untranslated_original``): untranslated pages are never shown in Spanish."""
    from . import languages

    context = {"original": languages.untranslated_original(request)}
    response = render(request, "spa_site/404.html", context, status=404)
    return response


def server_error(request):
    """The 500 page: a template that reads no database and no context (it must not fail)."""
    from django.http import HttpResponseServerError
    from django.template.loader import render_to_string

    return HttpResponseServerError(render_to_string("spa_site/500.html"))
