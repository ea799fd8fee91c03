"""Rich text as display HTML: internal page links point at public URLs, with the API URL alongside.

Links to pages an anonymous caller may not see (drafts, private, expired) lose their ``href``,
as Wagtail's own renderer does for missing pages; documents and embeds go through Wagtail's
``expand_db_html``.
"""

from typing import Annotated

from django.utils.html import escape
from pydantic import Field
from wagtail.models import Page
from wagtail.rich_text import expand_db_html
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs

RichTextHTML = Annotated[
    str,
    Field(
        description=(
            "HTML. Internal links carry the page's public path in href and its API URL "
            "in data-api-url."
        ),
        json_schema_extra={"contentMediaType": "text/html"},
    ),
]


def _page_link_ids(html):
    ids = set()
    for match in FIND_A_TAG.finditer(html):
        attrs = extract_attrs(match.group(1))
        if attrs.get("linktype") == "page" and attrs.get("id", "").isdigit():
            ids.add(int(attrs["id"]))
    return ids


def render_rich_text(html, ctx):
    if not html:
        return ""
    ids = _page_link_ids(html)
    pages = {}
    if ids:
        visible = ctx.visible(ids)
        pages = {p.pk: p for p in Page.objects.filter(pk__in=visible).specific(defer=True)}

    def rewrite(match):
        attrs = extract_attrs(match.group(1))
        if attrs.get("linktype") != "page":
            return match.group(0)
        page = pages.get(int(attrs["id"])) if attrs.get("id", "").isdigit() else None
        if page is None:
            return "<a>"
        ctx.depends_on_page(page)
        return (
            f'<a href="{escape(ctx.page_url(page) or "")}" data-page-id="{page.pk}" '
            f'data-api-url="{escape(ctx.page_api_url(page) or "")}">'
        )

    return expand_db_html(FIND_A_TAG.sub(rewrite, html))
