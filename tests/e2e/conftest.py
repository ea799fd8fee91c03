"""Browser tests: Playwright driving Debian's Chromium against Django's live server.

``live_server`` makes tests transactional and flushes the database after each one
(deleting the Site and pages the migrations created), so every test rebuilds the
demo site through the loader.
"""

import os
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(
    os.environ.get("E2E_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts")
)
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    profile = tempfile.mkdtemp(prefix="spa-chromium-")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
        "env": {**os.environ, "XDG_CONFIG_HOME": profile, "XDG_CACHE_HOME": profile},
    }


def recreate_tree_roots():
    """Put back the root page, root collection and locale that migrations created and an
    earlier live-server test flushed away."""
    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.get_or_create(language_code="en")
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    if not Page.get_first_root_node():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


@pytest.fixture
def demo_live_server(live_server, transactional_db):
    recreate_tree_roots()
    call_command("load_demo_content", verbosity=0)
    return live_server


@pytest.fixture
def artifacts_dir():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
