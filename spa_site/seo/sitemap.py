"""``/sitemap.xml`` is Wagtail's sitemap; pages decide what they contribute.

Only public pages (``spa_site.visibility``) are listed. A noindexed page contributes
nothing (nor does one whose canonical URL points elsewhere); routable pages may add their
sub-pages (indexable topic pages) with a real lastmod. Building it walks every public page
(seconds at 10,000 articles), so the whole answer is kept like a page's
(``page_cache.shared_view``) under the content version.
"""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from spa_site import visibility
from spa_site.page_cache import shared_view

from .page_seo import seo_for


class PublicSitemap(Sitemap):
    """Wagtail's sitemap over the request's public pages only."""

    def items(self):
        audience = visibility.for_request(self.request)
        return audience.filter(super().items())


@shared_view
def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"wagtail": PublicSitemap})


def page_sitemap_urls(page, request=None):
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
