"""The delivery API: one ``NinjaAPI`` at ``/api/content/``, assembled from the apps' routers.

Each app mounts its routers from its ``wagtail_hooks.py``: a ``register_content_api_router``
hook returns ``(prefix, router)``, or ``(prefix, router, False)`` for answers that must never
be cached (personal, or written to, like booking). The core imports no app.
"""

from wagtail import hooks

from ..conf import spa_settings
from . import preview, site
from .http import decorate_urlpatterns, delivery_view, json_api_view
from .params import refuse_unknown_query_params
from .problems import ProblemAPI, install_problem_handlers

api = ProblemAPI(
    title=spa_settings.CONTENT_API_TITLE,
    version="1.0.0",
    description=(
        "Public, read-only delivery API: live, public content only. "
        "See docs/api.md for caching, CORS, expansion and preview."
    ),
    urls_namespace="content_api",
    openapi_url="/openapi.json",
    docs_url="/docs/",
)
install_problem_handlers(api)
api.add_decorator(refuse_unknown_query_params, mode="view")

#: Route prefixes whose answers are never cached (``register_content_api_router``).
UNCACHED_PREFIXES = []
for register_router in hooks.get_hooks("register_content_api_router"):
    prefix, router, *cached = register_router()
    api.add_router(prefix, router)
    if cached and not cached[0]:
        UNCACHED_PREFIXES.append(prefix.strip("/"))

site_router, PageDetail = site.build_router()
api.add_router("/", site_router)
api.add_router("/preview/", preview.build_router(PageDetail))


def _http_behaviour(view, route):
    """Reads are cached public answers; an uncached router's (booking) never are."""
    if any(route.startswith(prefix) for prefix in UNCACHED_PREFIXES):
        return json_api_view(view)
    return delivery_view(view)


def urls():
    return decorate_urlpatterns(api.urls, _http_behaviour)
