"""Test settings: fast hashing, in-memory email and media in a temporary folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="spa-test-media-")
PUBLIC_BASE_URL = "http://localhost"
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_AUTOREFRESH = True
# Whole-page caching is exercised by its own tests (tests/site/test_page_cache.py).
PUBLIC_PAGE_CACHE_SECONDS = 0
PAGE_VIEW_PUSH_SECONDS = 0  # page views reach the shared cache at once (tests read it)
# So are whole API answers (tests/api/test_response_cache.py): a test's transaction never
# commits, so the content version would not move on a publish without them asking for it.
API_RESPONSE_CACHE_SECONDS = 0
# Share images are drawn on first request in tests; tests/spa_site/test_share_images.py turns
# drawing on publish on where it tests it.
SHARE_IMAGES_ON_PUBLISH = False

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not the in-memory default: the booking race tests use threads, and each
    # thread's connection needs to see the same database. One temp folder per test run.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="spa-test-db-")) / "test.sqlite3")
    }
    # Throwaway data: skip fsync so the file costs about what memory did.
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA synchronous=OFF;"  # noqa: F405

if not REDIS_URL:  # noqa: F405
    # The shared file cache, one folder per test process (pytest-xdist runs two).
    CACHES["default"]["LOCATION"] = tempfile.mkdtemp(prefix="spa-test-cache-")  # noqa: F405
