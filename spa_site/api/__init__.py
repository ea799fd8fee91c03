"""The public, read-only delivery API (``/api/content/``) and the guarded Wagtail v3 mount.

Shared building blocks live in small modules here (images, rich text, StreamField schemas,
caching and CORS; what may be shown is ``spa_site.visibility``); each content app declares its own schemas and
endpoints in ``<app>/api.py`` (or an ``<app>/api/`` package); ``assembly.py`` mounts them into the one ``NinjaAPI``.
Importing this package must stay cheap and free of app imports, because the apps import it.
"""
