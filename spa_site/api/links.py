"""Serialising references to pages as ``PageLink`` objects, only when the target is public."""

from .registry import page_types


def page_type_name(page):
    page_type = page_types.get(type(page))
    return page_type.name if page_type else page._meta.label_lower.replace(".", "_")


def page_link(page, ctx):
    """A ``PageLink`` dict for a public page; callers check visibility first (``ctx.visible``)."""
    ctx.depends_on_page(page)
    return {
        "id": page.pk,
        "type": page_type_name(page),
        "title": page.title,
        "slug": page.slug,
        "url": ctx.page_url(page),
        "api_url": ctx.page_api_url(page),
    }


def visible_link(page, ctx):
    if page is None or not ctx.visible([page.pk]):
        return None
    return page_link(page, ctx)


def page_meta(page, ctx, context=None):
    from .head import head_data

    return {
        "locale": ctx.audience.language,
        "translations": translations(page, ctx),
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
        "head": head_data(page, ctx, context),
        "seo": {
            "title": page.seo_title or page.title,
            "description": page.search_description or getattr(page, "summary", "") or "",
        },
    }


def translations(page, ctx):
    """``page``'s visible translations (``spa_site.languages``: the rule hreflang uses)."""
    from spa_site import languages

    return translation_links(languages.page_translations(page, ctx.request), ctx)


def listing_translations(pages, ctx):
    """``{"<id>": [Translation]}`` for a listing's pages (one query for all of them)."""
    from spa_site import languages

    found = languages.translations_of_pages(pages, ctx.request)
    return {str(page_id): translation_links(others, ctx) for page_id, others in found.items()}


def translation_links(others, ctx):
    """``Translation`` dicts for ``{language: page}``, in language order."""
    found = []
    for language, other in sorted(others.items()):
        api_url = ctx.page_api_url(other)
        if api_url:
            api_url += ("&" if "?" in api_url else "?") + f"locale={language}"
        found.append(
            {
                "locale": language,
                "id": other.pk,
                "title": other.title,
                "url": ctx.page_url(other),
                "api_url": api_url,
            }
        )
    return found
