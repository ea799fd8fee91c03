"""SQLite serves without query-planner statistics, and any it was left are removed.

Statistics are used as they were taken: ``ANALYZE`` run when a connection closed right after
``migrate`` described an empty database, and with 10,000 articles the article then took 23 s
to serve. Without statistics SQLite's own estimates serve it in about 0.1 s
(docs/benchmarks.md), so nothing writes them (``spa_site`` migration 0009 removes them)."""

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.utils import ConnectionHandler
from django.test import Client

forget = importlib.import_module("spa_site.migrations.0009_forget_sqlite_planner_statistics")

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own tables")


def statistics_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone():
            return 0
        cursor.execute("SELECT count(*) FROM sqlite_stat1")
        return cursor.fetchone()[0]


def test_serving_and_closing_connections_leave_no_statistics(demo_site, settings):
    client = Client()
    for path in ("/", "/conditions/back-spasm/", "/sitemap.xml", "/api/content/articles/"):
        assert client.get(path).status_code == 200
    # Another connection of the configured engine, persistent as in production, read and
    # closed: closing is where the earlier backend wrote statistics.
    own = {**connection.settings_dict, "CONN_MAX_AGE": 600}
    other = ConnectionHandler({"default": own})["default"]
    with other.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM wagtailcore_page WHERE depth = 2")
    other.close()
    assert statistics_rows() == 0


def test_the_migration_removes_statistics_left_behind(demo_site):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    assert statistics_rows() > 0
    forget.forget_statistics(None, SimpleNamespace(connection=connection))  # as migrate calls it
    assert statistics_rows() == 0
