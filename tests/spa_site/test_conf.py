"""The apps' settings with defaults (spa_site/conf.py): a project's value wins, and a default
that takes work is worked out once per process (the release id is read for every answer)."""

from spa_site import conf


def test_a_project_value_wins_and_a_default_fills_in(settings):
    settings.BOOKING_START_URL = "/reserve/"
    assert conf.spa_settings.BOOKING_START_URL == "/reserve/"
    del settings.BOOKING_START_URL
    assert conf.spa_settings.BOOKING_START_URL == "/book/"


def test_the_release_id_default_is_computed_once(settings, monkeypatch):
    if hasattr(settings, "RELEASE_ID"):
        del settings.RELEASE_ID
    calls = []
    monkeypatch.setitem(conf.DEFAULTS, "RELEASE_ID", lambda: calls.append(1) or "abc123")
    conf._computed.cache_clear()
    try:
        assert [conf.spa_settings.RELEASE_ID for _ in range(3)] == ["abc123"] * 3
        assert calls == [1]
    finally:
        conf._computed.cache_clear()
