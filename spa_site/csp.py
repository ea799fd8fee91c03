"""Content-Security-Policy: strict for the public site, relaxed only where Wagtail needs it.

Public pages, the booking flow, the API docs and the admin login run under ``script-src
'self'`` and ``style-src 'self'``: no inline script or style at all (a template that needs one
takes ``request.csp_nonce``). Behind the admin login, Wagtail 8 still writes inline
``<script>`` from Python (chooser widgets, inline panels, date pickers; wagtail/wagtail#1288),
which no nonce can reach, so signed-in admin pages allow inline script and style and nothing
else more.
"""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts

from .conf import spa_settings

ADMIN_PREFIX = "/admin/"
STRICT_ADMIN_PATHS = ("/admin/login/", "/admin/password_reset/")
INLINE = "'unsafe-inline'"


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def admin_policy_update():
    """What the signed-in admin adds to the site policy."""
    update = {"script-src": [INLINE], "style-src": [INLINE], "img-src": ["blob:"]}
    preview_origin = _origin(spa_settings.HEADLESS_PREVIEW_URL)
    if preview_origin:
        update["frame-src"] = [preview_origin]
    return update


def is_relaxed_admin_path(path):
    return path.startswith(ADMIN_PREFIX) and not path.startswith(STRICT_ADMIN_PATHS)


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_relaxed_admin_path(request.path_info):
            parts.update = {**admin_policy_update(), **(parts.update or {})}
            parts.nonce = None  # a nonce would make browsers ignore 'unsafe-inline'
        return parts
