import time
import types

import django_ratelimit.core
import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.utils import translation

from tests.factories import build_site_tree


@pytest.fixture
def site_tree(db):
    return build_site_tree()


@pytest.fixture
def demo_site(db):
    call_command("load_demo_content", verbosity=0)


@pytest.fixture(autouse=True)
def _one_rate_limit_window(monkeypatch):
    """django-ratelimit counts in fixed windows (a minute for "2/m"): a test whose requests
    straddle a window's end would see its count restart. Each test stays in one window."""
    frozen = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: frozen))


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request under /es/ leaves Spanish active in its thread: each test starts in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached answers are keyed by URL and content version, which repeat between tests."""
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()
