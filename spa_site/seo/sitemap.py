"""``/sitemap.xml`` is Wagtail's sitemap; pages decide what they contribute.

A noindexed page contributes nothing (nor does one whose canonical URL points elsewhere);
routable pages may add their sub-pages (indexable topic pages) with a real lastmod.
Building it walks every live page (seconds at 10,000 articles), so the rendered sitemap is
cached under the site-wide content version: any publish, unpublish, move or delete, or a
change to topics or settings, retires it at once.
"""

from django.http import HttpResponse
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from spa_site.content_version import cached
from spa_site.publishing import is_expired

from .page_seo import seo_for

CACHED_HEADERS = ("Content-Type", "X-Robots-Tag", "Last-Modified")


def sitemap(request):
    def build():
        response = wagtail_sitemap(request)
        if response.status_code != 200:
            return None
        response.render()
        headers = {name: response[name] for name in CACHED_HEADERS if name in response}
        return response.content, headers

    key = f"sitemap:{request.get_host()}:{request.GET.get('p', '')[:10]}"
    built = cached(key, build)
    if built is None:
        return wagtail_sitemap(request)
    content, headers = built
    return HttpResponse(content, headers=headers)


def page_sitemap_urls(page, request=None):
    if is_expired(page):  # before the scheduled-publishing cron has unpublished it
        return []
    seo = seo_for(page, request)
    urls = []
    if not seo.noindex() and not seo.canonical_override():
        urls.append(
            {
                "location": page.get_full_url(request),
                "lastmod": page.last_published_at or page.latest_revision_created_at,
            }
        )
    return urls + seo.extra_sitemap_urls(request)
