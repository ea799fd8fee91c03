"""The site's public base URL, from one setting (``PUBLIC_BASE_URL``), which the default
Wagtail Site follows.

Canonical links, Open Graph, the sitemap and robots.txt are built from the Site's
``root_url``; e-mails, calendar invites and webhook payloads from ``absolute()``. So both
follow the one environment variable. The default Site is brought in line after every
``migrate`` (the deploy's release step), by ``load_demo_content``, and on demand with
``manage.py set_site_url``; a system check refuses an address that is not http(s).
"""

import contextlib
from urllib.parse import urlsplit

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .conf import spa_settings


def base_url():
    return spa_settings.PUBLIC_BASE_URL.rstrip("/")


def absolute(path):
    """``path`` (e.g. ``/book/manage/…``) as a URL on the public site."""
    return base_url() + path if path.startswith("/") else path


def host_and_port(url=None):
    """The (hostname, port) a Wagtail Site needs for ``url``."""
    parts = urlsplit(url or base_url())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(
            f"PUBLIC_BASE_URL must be an http(s) address such as https://spa.example.com, "
            f"not {url or base_url()!r}."
        )
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def sync_default_site(stdout=None):
    """Point the default Site at ``PUBLIC_BASE_URL``; returns True when it changed."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return False
    hostname, port = host_and_port()
    if (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    if stdout is not None:
        stdout.write(f"The default site now answers at {site.root_url}.\n")
    return True


def sync_after_migrate(sender, **kwargs):
    """``post_migrate`` receiver: keep the default Site on the public URL after a deploy."""
    with contextlib.suppress(ImproperlyConfigured):  # reported by the system check below
        sync_default_site()


@checks.register(checks.Tags.compatibility)
def check_public_url(app_configs, **kwargs):
    try:
        host_and_port()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="spa_site.E001")]
    return []
