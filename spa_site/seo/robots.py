"""``/robots.txt``: points crawlers at the sitemap, keeps them out of the admin, search
results and the booking pages, and out of everything on a staging copy."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Site

from ..models import SiteSettings
from ..page_cache import shared_view
from .metadata import staging

# The booking flow's pages are personal (they also say noindex): crawlers stay out.
DISALLOWED_PATHS = ["/admin/", "/search/", "/django-admin/", "/book/", "/es/search/", "/es/book/"]


@shared_view
@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    site = Site.find_for_request(request)
    site_settings = SiteSettings.for_site(site) if site else SiteSettings()
    lines = ["User-agent: *"]
    if staging(site_settings):
        lines.append("Disallow: /")
    else:
        lines += [f"Disallow: {path}" for path in DISALLOWED_PATHS]
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    lines += ["", f"Sitemap: {root}{reverse('sitemap')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
