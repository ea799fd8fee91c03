import pytest

from booking import clock

from .utils import NOW, build_world


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    """Booking code reads the time from booking.clock; tests set it (default: NOW)."""
    state = {"now": NOW}
    monkeypatch.setattr(clock, "now", lambda: state["now"])

    def travel(moment):
        state["now"] = moment

    return travel


@pytest.fixture
def world():
    return build_world()
