"""The delivery API: one ``NinjaAPI`` at ``/api/content/``, assembled from the apps' routers.

This module is the project-level wiring (like ``urls.py``): it is the one place that
imports the apps' API modules. To mount another app's router, add one line, e.g.
``api.add_router("/booking/", booking_router)``, before ``urls`` is built at the bottom, or
return ``(prefix, router)`` from a ``register_content_api_router`` hook in the app's
``wagtail_hooks.py`` (an app nothing else may import).
"""

from wagtail import hooks

from articles.api import articles_router, techniques_router, topics_router
from author_profiles.api import router as team_router
from booking.api import router as booking_router
from services.api import locations_router
from services.api import router as services_router

from . import preview, site
from .http import decorate_urlpatterns, delivery_view, json_api_view
from .params import refuse_unknown_query_params
from .problems import ProblemAPI, install_problem_handlers

BOOKING_PREFIX = "/booking/"

api = ProblemAPI(
    title="Moonlight at Naple content API",
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

api.add_router("/articles/", articles_router)
api.add_router("/techniques/", techniques_router)
api.add_router("/topics/", topics_router)
api.add_router("/team/", team_router)
api.add_router("/locations/", locations_router)
api.add_router("/services/", services_router)
for register_router in hooks.get_hooks("register_content_api_router"):
    api.add_router(*register_router())

site_router, PageDetail = site.build_router()
api.add_router("/", site_router)
api.add_router("/preview/", preview.build_router(PageDetail))
api.add_router(BOOKING_PREFIX, booking_router)


def _http_behaviour(view, route):
    """Reads are cached public answers; booking (personal, takes writes) is never cached."""
    if route.startswith(BOOKING_PREFIX.strip("/")):
        return json_api_view(view)
    return delivery_view(view)


def urls():
    return decorate_urlpatterns(api.urls, _http_behaviour)
