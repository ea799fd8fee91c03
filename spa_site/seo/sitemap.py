"""``/sitemap.xml`` is Wagtail's sitemap; pages decide what they contribute.

A noindexed page contributes nothing (nor does one whose canonical URL points elsewhere);
routable pages may add their sub-pages (indexable topic pages) with a real lastmod.
"""

from spa_site.publishing import is_expired

from .page_seo import seo_for


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
