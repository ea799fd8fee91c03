from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import LoginView
from wagtail.documents import urls as wagtaildocs_urls

from . import share_images, views
from .api import v3
from .api.assembly import urls as content_api_urls
from .api.http import moved_permanently
from .ratelimits import client_and_username, limit_posts
from .search import search_view
from .seo.robots import robots_txt
from .seo.sitemap import sitemap

handler404 = "spa_site.views.page_not_found"

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
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
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
    path("api/content/", content_api_urls()),
    path("api/v3/", v3.urls()),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# What a visitor reads, in English at its old place and in Spanish under /es/ (docs/i18n.md).
urlpatterns += i18n_patterns(
    path("search/", search_view, name="search"),
    path("", include("booking.urls")),
    path("questions/", include("questions.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
