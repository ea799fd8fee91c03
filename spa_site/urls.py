"""The apps' URLs outside the language prefix: health, sitemap, robots, icons, share images,
the rate-limited admin sign-in and the delivery API. A project includes them at its root before
``admin/`` (so this sign-in view answers first), and ``spa_site.visitor_urls`` inside its
``i18n_patterns`` before Wagtail's page serving (README, "Add to your project")."""

from django.urls import path, re_path
from wagtail.admin.views.account import LoginView

from . import share_images, views
from .api import v3
from .api.assembly import urls as content_api_urls
from .api.http import moved_permanently
from .ratelimits import client_and_username, limit_posts
from .seo.robots import robots_txt
from .seo.sitemap import sitemap

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("site.webmanifest", views.web_manifest, name="web_manifest"),
    path(
        "share-images/site/<str:version>.png",
        share_images.site_share_image,
        name="site-share-image",
    ),
    path(
        "share-images/<int:page_id>/<str:version>.png", share_images.share_image, name="share-image"
    ),
    path(
        "share-images/<int:page_id>/<path:route>/<str:version>.png",
        share_images.share_image,
        name="routed-share-image",
    ),
    # Wagtail's own login view, with sign-in attempts limited per client and per username.
    path(
        "admin/login/",
        limit_posts("admin-login-username", key=client_and_username)(
            limit_posts("admin-login")(LoginView.as_view())
        ),
    ),
    # The booking API's paths before it joined the one contract (no trailing slash, its own
    # document): 308 to the new place, so POSTs are repeated there with their body.
    re_path(
        r"^api/content/booking/(?P<rest>(services|availability|bookings(/[^/]+(/cancel|/reschedule)?)?))$",
        moved_permanently("/api/content/booking/{rest}/"),
    ),
    re_path(
        r"^api/content/booking/(?P<rest>openapi\.json|docs/?)$",
        moved_permanently("/api/content/{rest}"),
    ),
    # People were "team" in the API before they were profiles everywhere.
    re_path(r"^api/content/team/(?P<rest>.*)$", moved_permanently("/api/content/profiles/{rest}")),
    path("api/content/", content_api_urls()),
    path("api/v3/", v3.urls()),
]
