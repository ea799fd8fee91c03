"""The embedded default keeps SQLite's query-planner statistics (``moonlight/sqlite``): a
persistent connection that closes leaves statistics for every table, which Django's own
backend never does; without them SQLite read every page to find two locations at 10,000
articles."""

import sqlite3

import pytest
from django.db.utils import ConnectionHandler


def _statistics_after_a_session(engine, path, max_age):
    settings = {"ENGINE": engine, "NAME": str(path), "CONN_MAX_AGE": max_age}
    connection = ConnectionHandler({"default": settings})["default"]
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE page (id INTEGER PRIMARY KEY, depth INTEGER)")
        cursor.execute("CREATE INDEX page_depth ON page (depth)")
        cursor.execute("CREATE TABLE location (id INTEGER PRIMARY KEY, page_id INTEGER)")
        cursor.execute("CREATE INDEX location_page ON location (page_id)")
        for i in range(300):
            cursor.execute("INSERT INTO page (depth) VALUES (%s)", [i % 5])
        cursor.execute("INSERT INTO location (page_id) VALUES (1)")
        cursor.execute("SELECT id FROM location WHERE id = %s", [1])  # by primary key only
    connection.close()
    database = sqlite3.connect(path)
    try:
        if not database.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
        ).fetchone():
            return set()
        return {row[0] for row in database.execute("SELECT tbl FROM sqlite_stat1")}
    finally:
        database.close()


@pytest.mark.parametrize(
    "engine, max_age, kept",
    [
        ("moonlight.sqlite", 600, {"page", "location"}),  # production: every table
        ("moonlight.sqlite", 0, set()),  # per request: ``optimize``, nothing used an index
        ("django.db.backends.sqlite3", 600, set()),
    ],
)
def test_a_closing_connection_leaves_the_planner_statistics(
    tmp_path, django_db_blocker, engine, max_age, kept
):
    with django_db_blocker.unblock():  # a database of its own, not the test database
        assert _statistics_after_a_session(engine, tmp_path / "db.sqlite3", max_age) == kept
