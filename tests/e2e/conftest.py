"""Browser tests: Playwright driving Debian's Chromium against Django's live server.

``live_server`` makes tests transactional and flushes the database after each one
(deleting the Site and pages the migrations created). The first test builds the demo site
through the loader; later ones get its rows back from a copy (tests/e2e/snapshot.py).
"""

import os
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.e2e.snapshot import DemoSnapshot
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
def csp_violations():
    return []


@pytest.fixture
def page(page, csp_violations):
    """Every browser test also proves the Content-Security-Policy blocked nothing it needed:
    Chromium reports each blocked script, style, image or frame on the console."""
    page.on(
        "console",
        lambda message: (
            csp_violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    assert not csp_violations, "\n".join(csp_violations)


_DEMO = DemoSnapshot()


@pytest.fixture
def demo_live_server(live_server, transactional_db):
    if _DEMO.taken:
        _DEMO.restore()  # the rows the first load wrote, in place of the flushed tables
        return live_server
    ensure_root_page()  # an earlier transactional test's flush removed them
    call_command("load_demo_content", verbosity=0)
    _DEMO.take()
    return live_server


@pytest.fixture
def artifacts_dir():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def editorial_site(demo_live_server):
    """The demo site plus the editorial groups, one user per group and a linked reviewer."""
    from tests.e2e.editorial_support import create_editorial_accounts

    create_editorial_accounts()
    return demo_live_server


@pytest.fixture
def admin_page(page, editorial_site, settings):
    """The browser page for admin journeys, with the editor's background requests held back.

    The Wagtail editor autosaves every 500 ms and pings its editing session; on the in-memory
    SQLite test database, such a request running beside the one under test (or beside the flush
    after the test) fails with "database table is locked". Journeys save explicitly instead.
    """
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 600_000
    yield page
    page.goto("about:blank")
