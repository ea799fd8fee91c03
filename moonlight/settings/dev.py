"""Local development: DEBUG on, emails to the console. Never used in production."""

from .base import *  # noqa: F403

DEBUG = True
# A throwaway key for local development only; production.py requires SECRET_KEY from the environment.
SECRET_KEY = "dev-only-insecure-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
WHITENOISE_AUTOREFRESH = True
