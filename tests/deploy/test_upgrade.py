"""An upgrade: the project's migrations run on a database that already holds the demo, on
SQLite and on PostgreSQL. Every data migration of our own apps goes back and forward again
there (``upgrade_check``), which is what a deploy onto last release's database does."""

import json

import pytest

from . import shapes


@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_data_migrations_run_on_a_populated_database(database):
    shape = shapes.build(f"upgrade-{database}", database=database)
    try:
        shape.manage("migrate", "--noinput")
        shape.manage("load_demo_content")
        output = shape.shell("from tests.deploy.upgrade_check import main; main()")
    finally:
        shapes.drop(shape)
    result = json.loads(output.splitlines()[-1])
    assert "services.0003_service_locations" in result["checked"]
    assert len(result["checked"]) >= 8
    snapshot = result["snapshot"]
    assert snapshot["services"]["Swedish massage"] == ["Bixby Knolls (sample)", "Long Beach"]
    assert "author_profiles.0003_profile_names" in result["checked"]
    assert "services.0004_location_page" in result["checked"]
    assert snapshot["locations"]["Long Beach"] == {
        "therapists": ["Mara Swick"],
        "latest_revision": ["Mara Swick"],
    }
    assert snapshot["groups"]["SEO team"]["members"] == ["upgrade-check"]
    assert "view_bookings_by_content" in snapshot["groups"]["SEO team"]["permissions"]
