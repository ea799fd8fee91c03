"""``/sitemap.xml`` is Wagtail's sitemap; pages decide what they contribute.

Only public pages (``spa_site.visibility``) are listed. A noindexed page contributes
nothing (nor does one whose canonical URL points elsewhere); routable pages may add their
sub-pages (indexable topic pages) with a real lastmod. Building it walks every public page
(seconds at 10,000 articles), so the whole answer is kept like a page's
(``page_cache.shared_view``) under the content version.
"""

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Locale

from spa_site import visibility
from spa_site.page_cache import shared_view

from .page_seo import seo_for


class PublicSitemap(Sitemap):
    """Wagtail's sitemap over the request's public pages only, in every language: each
    page's entry lists its visible translations (and ``x-default``) as alternates."""

    def items(self):
        audience = visibility.for_request(self.request).in_language(None)
        return audience.pages().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        """Wagtail's ``_urls``, grouping the page entries by translation to add alternates
        (no query per page: the translations are entries of the same sitemap)."""
        languages_by_locale = dict(Locale.objects.values_list("pk", "language_code"))
        urls, last_mods, by_key = [], set(), {}
        for item in self.paginator.page(page).object_list.iterator():
            for url_info in item.get_sitemap_urls(self.request):
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
                if url_info.get("item") is item:
                    language = languages_by_locale.get(item.locale_id)
                    by_key.setdefault(item.translation_key, []).append((language, url_info))
        for entries in by_key.values():
            if len(entries) < 2:
                continue
            alternates = [
                {"lang_code": language, "location": info["location"]} for language, info in entries
            ]
            default = next(
                (info for language, info in entries if language == settings.LANGUAGE_CODE), None
            )
            if default is not None:
                alternates.append({"lang_code": "x-default", "location": default["location"]})
            for _language, info in entries:
                info["alternates"] = alternates
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


@shared_view
def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"wagtail": PublicSitemap})


def page_sitemap_urls(page, request=None):
    """The page's own entry (``item`` is the page, as in Django's sitemaps) and its
    sub-pages'. Every key the template reads is present: a missing one sends Django's
    template lookup down its slow path, which at 10,000 entries was a tenth of the build."""
    seo = seo_for(page, request)
    urls = []
    if not seo.noindex() and not seo.canonical_override():
        urls.append(
            {
                "item": page,
                "location": page.get_full_url(request),
                "lastmod": page.last_published_at or page.latest_revision_created_at,
            }
        )
    entries = urls + seo.extra_sitemap_urls(request)
    for entry in entries:
        for key, empty in (("changefreq", None), ("priority", None), ("alternates", [])):
            entry.setdefault(key, empty)
    return entries
