from django.http import Http404
from django.templatetags.static import static
from django.urls import include, path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from . import visibility
from .models import HomePage
from .page_cache import mark_page_request
from .rich_text import PublicPageLinkHandler
from .seo import reports
from .seo.page_seo import HomeSeo
from .seo.publish import PublishSeoView, header_button


@hooks.register("register_page_seo")
def register_home_seo():
    return {HomePage: HomeSeo}


@hooks.register("register_admin_urls")
def register_seo_report_urls():
    return [
        path("reports/seo/", include((reports.register_urls(), "seo_reports"))),
        path(
            "pages/<int:page_id>/search-settings/",
            PublishSeoView.as_view(),
            name="spa_site_publish_seo",
        ),
    ]


@hooks.register("register_page_header_buttons")
def seo_header_button(page, user, view_name, next_url=None):
    yield from header_button(page, user)


@hooks.register("register_page_listing_more_buttons")
def seo_listing_button(page, user, next_url=None):
    yield from header_button(page, user)


@hooks.register("register_admin_menu_item")
def register_seo_reports_menu():
    return SubmenuMenuItem(
        "SEO reports",
        Menu(items=reports.menu_items()),
        name="seo-reports",
        icon_name="search",
        order=9100,
    )


@hooks.register("insert_editor_js")
def seo_counter_js():
    return format_html('<script src="{}"></script>', static("spa_site/js/seo_counter.js"))


@hooks.register("before_serve_page")
def hide_expired_pages(page, request, serve_args, serve_kwargs):
    """An expired page is gone at once, not only when ``publish_scheduled`` next runs."""
    if visibility.has_expired(page):
        raise Http404


@hooks.register("before_serve_page")
def serve_in_its_language_only(page, request, serve_args, serve_kwargs):
    """Under /es/ Wagtail falls back to the English tree while the Spanish home is not
    published: a page is served only in its own language, so a visitor never reads a page
    half-translated (the 404 page points to the English one; docs/i18n.md)."""
    if not visibility.for_request(request).in_scope(page):
        raise Http404


hooks.register("before_serve_page", mark_page_request)


@hooks.register("register_rich_text_features", order=100)
def public_page_links(features):
    """Runs after Wagtail's own hook, so this handler replaces its page link handler."""
    features.register_link_type(PublicPageLinkHandler)


def _keep_translate_buttons_out_of_listings():
    """wagtail-localize adds "Translate this page"/"Sync translated pages" to every row of the
    page explorer, with two or three queries per row (57 instead of 30 for 11 articles). They
    stay in each page's header menu (one page, a few queries) and leave the listing rows.
    Wagtail has no public way to unregister a hook, hence its registry here."""
    from wagtail_localize import wagtail_hooks as localize_hooks  # registers its hooks now

    rows = hooks._hooks.get("register_page_listing_more_buttons", [])
    rows[:] = [
        (fn, order) for fn, order in rows if fn is not localize_hooks.page_listing_more_buttons
    ]


_keep_translate_buttons_out_of_listings()
