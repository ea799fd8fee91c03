"""Per-request serialisation state: what to expand, and which cache keys the response depends on."""

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from spa_site import visibility


@dataclass
class ApiContext:
    request: HttpRequest
    expand: frozenset = frozenset()
    surrogate_keys: set = field(default_factory=set)
    preview: bool = False  # serialising unsaved content: relations are in memory, not prefetched

    def __post_init__(self):
        # The caching layer reads the keys back from the request when it builds headers.
        self.request._api_surrogate_keys = self.surrogate_keys

    def depends_on(self, *keys):
        self.surrogate_keys.update(keys)

    def depends_on_page(self, page):
        self.surrogate_keys.add(f"page-{page.pk}")

    def visible(self, ids):
        return self.audience.visible_ids(ids)

    @property
    def audience(self):
        return visibility.for_request(self.request)

    def page_url(self, page):
        """The page's path on the site (what a front end routes on), or None if it has none."""
        try:
            return page.get_url(request=self.request, current_site=self.audience.site)
        except NoReverseMatch:
            return None

    def page_api_url(self, page):
        """The typed detail endpoint for the page's type, else the by-path lookup."""
        from .registry import page_types

        page_type = page_types.get(getattr(page, "specific_class", None) or type(page))
        if page_type and page_type.detail_url_name:
            try:
                return reverse(
                    f"content_api:{page_type.detail_url_name}", kwargs={"slug": page.slug}
                )
            except NoReverseMatch:
                pass
        path = self.page_url(page)
        if path is None:
            return None
        return reverse("content_api:page_by_path") + "?" + urlencode({"path": path})

    def absolute(self, url):
        return self.request.build_absolute_uri(url) if url and url.startswith("/") else url
