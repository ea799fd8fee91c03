"""Both production shapes, started once per test session (see ``shapes``)."""

import pytest

from . import shapes

BUILDERS = {"embedded": shapes.embedded, "scaled": shapes.scaled}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/deploy/" in str(item.fspath):
            item.add_marker(pytest.mark.deploy)


@pytest.fixture(scope="session", params=list(BUILDERS))
def shape(request):
    started = BUILDERS[request.param]()
    try:
        started.start()
        yield started
    finally:
        shapes.drop(started)


@pytest.fixture(scope="session")
def admin(shape):
    """A signed-in admin session on the shape (an editor, on whichever worker answers)."""
    return shapes.AdminSession(shape)
