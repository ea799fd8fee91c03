"""Rich-text links to pages, as visitors may follow them.

Wagtail's own page link handler writes the ``href`` of any page a link points at. A link in
a public page to a draft, restricted or expired page would then lead visitors to a 404 or a
login, and tell them the page exists. Here such a link renders as its text (an ``<a>``
without ``href``, as Wagtail does for a deleted page): the read layer decides
(``visibility``), in one query for all the links of a rich-text value.
"""

from wagtail.rich_text.pages import PageLinkHandler

from . import visibility


class PublicPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        pages = super().get_many(attrs_list)
        audience = visibility.current()
        return [page if audience.can_see(page) else None for page in pages]
