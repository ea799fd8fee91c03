import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moonlight.settings.production")

try:
    application = get_wsgi_application()
except ImproperlyConfigured as exc:  # e.g. a missing SECRET_KEY: refuse to start, say why
    sys.exit(f"Configuration error: {exc}")
