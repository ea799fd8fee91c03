import time
import types
from collections import defaultdict

import django_ratelimit.core
import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from tests.factories import build_site_tree


@pytest.fixture
def site_tree(db):
    return build_site_tree()


# Test modules whose database tests all start from the demo site (found at collection). The
# loader takes seconds, so such a module loads it once, in a transaction its tests run inside
# (each test in a savepoint rolled back after it), as Django's TestCase.setUpTestData does.
_DEMO_MODULES = set()
_TRANSACTIONAL = {"transactional_db", "live_server", "django_db_reset_sequences"}


def _module_of(node):
    return node.nodeid.split("::")[0]


def pytest_collection_modifyitems(items):
    tests_by_module = defaultdict(list)
    for item in items:
        tests_by_module[_module_of(item)].append(item)
    for module, tests in tests_by_module.items():
        database_tests = [test for test in tests if _uses_database(test)]
        if (
            database_tests
            and all("demo_site" in test.fixturenames for test in database_tests)
            and not any(_is_transactional(test) for test in database_tests)
        ):
            _DEMO_MODULES.add(module)


def _uses_database(item):
    return item.get_closest_marker("django_db") is not None or bool(
        {"db", *_TRANSACTIONAL} & set(item.fixturenames)
    )


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    flags = ("transaction", "reset_sequences", "serialized_rollback")
    return bool(_TRANSACTIONAL & set(item.fixturenames)) or bool(
        marker and any(marker.kwargs.get(flag) for flag in flags)
    )


@pytest.fixture(scope="module", autouse=True)
def _demo_site_for_the_module(request):
    if _module_of(request.node) not in _DEMO_MODULES:
        yield
        return
    request.getfixturevalue("django_db_setup")
    blocker = request.getfixturevalue("django_db_blocker")
    module_transaction = transaction.atomic()
    with blocker.unblock():
        module_transaction.__enter__()
        try:
            call_command("load_demo_content", verbosity=0)
        except BaseException:
            module_transaction.__exit__(None, None, None)  # rolls back: the loader failed
            raise
    yield
    with blocker.unblock():
        transaction.set_rollback(True)
        module_transaction.__exit__(None, None, None)


@pytest.fixture
def demo_site(request, db):
    if _module_of(request.node) not in _DEMO_MODULES:
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
