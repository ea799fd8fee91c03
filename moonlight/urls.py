"""The site's root URLs: the apps' own (``spa_site.urls`` and ``spa_site.visitor_urls``),
Wagtail's admin and documents, and Wagtail's page serving last."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

handler404 = "spa_site.views.page_not_found"
handler500 = "spa_site.views.server_error"

urlpatterns = [
    path("", include("spa_site.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# What a visitor reads, in English at its old place and in Spanish under /es/ (docs/i18n.md).
urlpatterns += i18n_patterns(
    path("", include("spa_site.visitor_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
