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
