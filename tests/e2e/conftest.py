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

from tests.factories import ensure_root_page

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


@pytest.fixture
def demo_live_server(live_server, transactional_db):
    ensure_root_page()  # an earlier transactional test's flush removed them
    call_command("load_demo_content", verbosity=0)
    return live_server


@pytest.fixture
def artifacts_dir():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
