"""The request's Wagtail site, its settings and Wagtail's site root paths, from one read of
every site (``load``), for the page routing of ``routing``.

Wagtail finds a request's site in one query (``Site.find_for_request``), its settings in a
second (``SiteSettings.for_request``) and, for every page URL, the site root paths in two
more (``Site.get_site_root_paths``: the sites, then their home pages' translations). Here
the sites come with their settings in one query, the request's site is chosen among them by
Wagtail's own rule (``_site_for``), and the root paths are made from them and the home
pages routing reads anyway (``keep_root_paths``). Each answer is left where Wagtail looks for
it first on the request, so the rest of Wagtail and this project ask as usual.
"""

from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
    SiteRootPath,
)

from . import content_version

SETTINGS_RELATION = "sitesettings"


def _site_for(sites, request):
    """Wagtail's ``get_site_for_hostname`` over ``sites`` (every site, loaded): the site whose
    hostname and port match, else whose hostname matches as the default site, else the
    default site unless exactly one other site has the hostname; None when nothing matches."""
    hostname = split_domain_port(request._get_raw_host())[0]  # as Wagtail: no ALLOWED_HOSTS
    try:
        port = int(request.get_port())  # the database compares it as a number
    except ValueError:
        port = None

    def match(site):
        if site.hostname == hostname:
            if site.port == port:
                return MATCH_HOSTNAME_PORT
            return MATCH_HOSTNAME_DEFAULT if site.is_default_site else MATCH_HOSTNAME
        return MATCH_DEFAULT

    candidates = sorted(
        (s for s in sites if s.hostname == hostname or s.is_default_site), key=match
    )
    if not candidates:
        return None
    first = match(candidates[0])
    if len(candidates) == 1 or first in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return candidates[0]
    if first == MATCH_DEFAULT:
        return candidates[len(candidates) == 2]
    return None


def _root_paths(sites, rows):
    """Wagtail's ``Site.get_site_root_paths()`` (with internationalisation on) from the sites
    and the rows holding their root pages' translations."""
    ordered = sorted(sites, key=lambda s: s.hostname)
    ordered.sort(key=lambda s: s.is_default_site, reverse=True)
    ordered.sort(key=lambda s: s.root_page.url_path, reverse=True)
    return [
        SiteRootPath(site.id, home.url_path, site.root_url, home.locale.language_code)
        for site in ordered
        for home in sorted(
            (r for r in rows if r.translation_key == site.root_page.translation_key),
            key=lambda r: r.path,
        )
    ]


def load(request):
    """Every site with its root page and settings (and, once per content version, the next
    expiry of a live page: ``content_version.with_next_expiry``); the request's site and its
    settings are kept on the request as Wagtail keeps them (``find_for_request``,
    ``for_request``)."""
    from .models import SiteSettings  # the models import routing, which imports this

    every_site = list(
        content_version.with_next_expiry(
            Site.objects.select_related("root_page", SETTINGS_RELATION)
        )
    )
    content_version.kept_next_expiry(every_site)
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = _site_for(every_site, request)
    site = request._wagtail_site
    attr = SiteSettings.get_cache_attr_name()
    if site is not None and not hasattr(request, attr):
        loaded = next((s for s in every_site if s.pk == site.pk), None)
        site_settings = getattr(loaded, SETTINGS_RELATION, None) if loaded else None
        if site_settings is not None:  # else ``for_request`` creates them, as ever
            site_settings._request = request
            setattr(request, attr, site_settings)
    return every_site


def keep_root_paths(request, every_site, rows):
    """Give Wagtail the site root paths made from ``every_site`` and ``rows`` (holding every
    translation of their home pages), for the page URLs of this request."""
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = _root_paths(every_site, rows)
