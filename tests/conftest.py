import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.factories import build_site_tree


@pytest.fixture
def site_tree(db):
    return build_site_tree()


@pytest.fixture
def demo_site(db):
    call_command("load_demo_content", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached page fragments are keyed by primary keys, which repeat between test databases."""
    cache.clear()
    yield
    cache.clear()
