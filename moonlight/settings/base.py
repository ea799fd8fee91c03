"""Settings shared by every environment. Secrets never live here: see production.py."""

import os
from pathlib import Path

import dj_database_url


def env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "questions",
    "editorial",
    "attribution",
    "articles",
    "booking",
    "services",
    "author_profiles",
    "spa_site",
    "demo_content",
    "webhooks",
    # Translation of pages and snippets segment by segment (docs/i18n.md).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.api.v3",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_ratelimit",
    # The task queue's tables (production runs `manage.py db_worker`; see TASKS below).
    "django_tasks",
    "django_tasks_db",
    # django-ninja's templates and static Swagger UI: the API docs load nothing from a CDN.
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside everything that reads or writes a body; text answers only (spa_site/compression.py).
    "spa_site.compression.TextGZipMiddleware",
    # Every API error as problem+json, and 413 for an oversized body (spa_site/api/problems.py).
    "spa_site.api.problems.ProblemDetailsMiddleware",
    # NUL and other control characters in a URL: 400 before anything looks them up.
    "spa_site.text.RefuseControlCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "spa_site.visibility.RequestAudienceMiddleware",
    # Outside the page cache: counts every public page view, cached ones too (no query).
    "attribution.middleware.PageViewCounterMiddleware",
    # Answers a hit before the middleware below runs (its headers are stored with it).
    "spa_site.page_cache.AnonymousPageCacheMiddleware",
    "spa_site.csp.SiteCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the URL (``/es/…``; no prefix is English), never from a cookie or a
    # header, so a URL always answers in one language (and caches as one answer).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "spa_site.redirects.RedirectMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # A page request routed in two queries, handed to Wagtail (spa_site/routing.py).
    "spa_site.routing.PageRouteMiddleware",
]

ROOT_URLCONF = "moonlight.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The apps' templates live in the apps; a ``templates/`` folder here would override them.
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "spa_site.chrome.site_chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "moonlight.wsgi.application"

# SQLite is the embedded default; DATABASE_URL (e.g. postgres://…) switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue on
    # the busy timeout instead of failing with "database is locked" mid-transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Every process and server must see one value for shared state (content version, rate-limit
# counters, preview drafts, Wagtail's site root paths): that is the "default" cache. With
# REDIS_URL it is Redis, which also holds whole anonymous answers (RESPONSE_CACHE). Without it
# (the embedded default: one server) it is a file cache every worker of the server shares,
# and answers are kept in each process's memory under the shared content version. See
# spa_site/cache_backends.py and spa_site/response_cache.py.
REDIS_URL = os.environ.get("REDIS_URL", "")
# Cached answers were built by this code: a new release never reads those of the previous one.
# Unset, the apps hash their code once per process (spa_site/release.py).
if os.environ.get("RELEASE_ID"):
    RELEASE_ID = os.environ["RELEASE_ID"]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "spa"),
            "TIMEOUT": 60 * 60,
        }
    }
    RESPONSE_CACHE = "default"
else:
    CACHES = {
        "default": {
            "BACKEND": "spa_site.cache_backends.SharedFileCache",
            "LOCATION": os.environ.get("SHARED_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "TIMEOUT": 60 * 60,
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        },
        "responses": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2_000},
        },
    }
    RESPONSE_CACHE = "responses"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English is the default language and lives where it always did; Spanish under /es/
# (moonlight/urls.py, docs/i18n.md). Interface strings: spa_site/locale/<lang>/LC_MESSAGES/django.po
# (an app's catalog, found by Django without LOCALE_PATHS).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A new translation starts as a draft, whatever the state of its source: it is published
# once an editor has translated it (wagtail-localize would publish the English text at once).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page models can exceed Django's default of 1000 fields per form in the editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Moonlight at Naple"
# The dashboard's "new Wagtail release" check would call releases.wagtail.org from the browser,
# which the CSP refuses (connect-src 'self'); upgrades are the developers' business.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No editor avatars from gravatar.com: it would learn who edits, and the CSP allows no other host.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The site's public address: the default Wagtail Site follows it (spa_site/public_url.py), and
# canonical links, the sitemap, e-mails, invites and webhooks use it. `make run` sets it to
# the address it serves.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", PUBLIC_BASE_URL)
# Wagtail's database backend, ranking in one pass on SQLite (see spa_site/search_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "spa_site.search_backend"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
TAGGIT_CASE_INSENSITIVE = True
# A staging copy tells crawlers to stay away (robots.txt, noindex), whatever its site settings say.
SEO_STAGING = os.environ.get("SEO_STAGING", "").lower() in {"1", "true", "yes"}

# Anonymous visitors get whole pages from the cache (0 = off); browsers and CDNs may keep
# them this long. A publish retires cached pages at once (see spa_site/page_cache.py).
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "600"))
# Page views for "Bookings by content" are gathered per process and added to the shared cache
# this often (attribution/counter.py).
PAGE_VIEW_PUSH_SECONDS = int(os.environ.get("PAGE_VIEW_PUSH_SECONDS", "5"))
# Draw each page's share image after it is published (spa_site/share_images.py); cards not
# drawn yet are drawn on their first request either way.
SHARE_IMAGES_ON_PUBLISH = os.environ.get("SHARE_IMAGES_ON_PUBLISH", "true").lower() != "false"
PUBLIC_PAGE_CACHE_CONTROL = {"max_age": 60, "s_maxage": 600, "stale_while_revalidate": 60}

# CDN purge on publish through Wagtail's frontend-cache app, when configured.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):  # e.g. Varnish or another HTTP PURGE endpoint
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_BEARER_TOKEN") and os.environ.get("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_BEARER_TOKEN"],
        "ZONEID": os.environ["CLOUDFLARE_ZONEID"],
    }

# Where every "Book" link starts; service and therapist are passed as query parameters.
BOOKING_START_URL = "/book/"
# Page types and models the site search covers, as "app_label.ModelName" (no imports across apps).
SITE_SEARCH_PAGE_TYPES = [
    "articles.ConditionArticlePage",
    "articles.TechniquePage",
    "author_profiles.ProfilePage",
    "services.LocationPage",
]
SITE_SEARCH_MODELS = ["services.Service"]

# Delivery API (/api/content/): browser origins allowed by CORS, cache lifetimes in seconds,
# and headless preview (empty URL: Wagtail's own preview). See docs/api.md.
API_CORS_ALLOWED_ORIGINS = [
    o.strip() for o in os.environ.get("API_CORS_ALLOWED_ORIGINS", "").split(",") if o.strip()
]
# Whole anonymous API answers are kept this long at most (0 = off); a publish retires them.
API_RESPONSE_CACHE_SECONDS = int(os.environ.get("API_RESPONSE_CACHE_SECONDS", "3600"))
API_CACHE_MAX_AGE = 60
API_CACHE_S_MAXAGE = 300
API_CACHE_STALE_WHILE_REVALIDATE = 600
HEADLESS_PREVIEW_URL = os.environ.get("HEADLESS_PREVIEW_URL", "")
HEADLESS_PREVIEW_TOKEN_MAX_AGE = 600
WEBHOOK_MAX_ATTEMPTS = 5

# Background tasks (django-tasks). Here the immediate backend runs a task in-process when it
# is enqueued, so `make run` and the tests need no worker; production queues them in the
# database for `manage.py db_worker` (settings/production.py). Booking emails are enqueued
# after commit; see booking/tasks.py for retries. Booking settings (BOOKING_*): booking/conf.py.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
BOOKING_EMAIL_RETRY_SECONDS = int(os.environ.get("BOOKING_EMAIL_RETRY_SECONDS", "60"))

# Approval is the authority to publish: medical reviewers hold no publish permission of their own.
WAGTAIL_FINISH_WORKFLOW_ACTION = "editorial.workflows.publish_approved"
# A medical review older than this is due again (dashboard, report and the daily digest).
MEDICAL_REVIEW_MAX_AGE_DAYS = int(os.environ.get("MEDICAL_REVIEW_MAX_AGE_DAYS", "365"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Content-Security-Policy (django-csp; spa_site/csp.py relaxes it for the signed-in admin only).
SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *env_list("CSP_EXTRA_IMG_SRC")],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": ["'none'"],
        "base-uri": [SELF],
        "form-action": [SELF],
        # Wagtail's admin previews a page in a same-origin frame; other sites never frame us.
        "frame-ancestors": [SELF],
    }
}

# Rate limits (django-ratelimit; spa_site/ratelimits.py): per client IP, counted in the cache.
RATELIMIT_ENABLE = os.environ.get("RATELIMIT_ENABLE", "true").lower() != "false"
RATELIMIT_VIEW = "spa_site.ratelimits.too_many_requests"
RATELIMIT_IP_META_KEY = "spa_site.ratelimits.client_address"
# Behind a proxy, the request header carrying the client address (e.g. HTTP_X_REAL_IP);
# without it every visitor would share the proxy's limit.
RATELIMIT_CLIENT_IP_HEADER = os.environ.get("RATELIMIT_CLIENT_IP_HEADER", "")
RATELIMITS = {
    "booking-form": os.environ.get("RATELIMIT_BOOKING_FORM", "10/m"),
    "booking-api": os.environ.get("RATELIMIT_BOOKING_API", "20/m"),
    # Per address (an office shares one), and per address and username together (guessing one
    # account's password), so nobody elsewhere can lock an account holder out.
    "admin-login": os.environ.get("RATELIMIT_ADMIN_LOGIN", "20/m"),
    "admin-login-username": os.environ.get("RATELIMIT_ADMIN_LOGIN_USERNAME", "5/m"),
    # Visitor questions (questions.guards): a burst per address, and a day's worth.
    "questions-ask": os.environ.get("RATELIMIT_QUESTIONS_ASK", "5/10m"),
    "questions-ask-day": os.environ.get("RATELIMIT_QUESTIONS_ASK_DAY", "20/d"),
}
# Visitor questions: the form must be open this long before sending, and at most this long.
QUESTIONS_MIN_FILL_SECONDS = int(os.environ.get("QUESTIONS_MIN_FILL_SECONDS", "3"))
QUESTIONS_FORM_MAX_AGE = int(os.environ.get("QUESTIONS_FORM_MAX_AGE", str(24 * 60 * 60)))
# `manage.py purge_questions` (daily): askers' addresses, and questions never answered.
QUESTIONS_EMAIL_RETENTION_DAYS = int(os.environ.get("QUESTIONS_EMAIL_RETENTION_DAYS", "30"))
QUESTIONS_UNANSWERED_RETENTION_DAYS = int(
    os.environ.get("QUESTIONS_UNANSWERED_RETENTION_DAYS", "90")
)
SILENCED_SYSTEM_CHECKS = [
    # Django's own RedisCache counts with Redis INCR (atomic), and the embedded default's
    # shared file cache with an flock (spa_site/cache_backends.py), though django-ratelimit's
    # list of known backends predates both.
    "django_ratelimit.W001",
    "django_ratelimit.E003",
]
