"""PostgreSQL plans the site search's full-text match on spa_site's GIN index of
``title || body`` (migration 0010): without it every search reads every index entry."""

import importlib
import re

import pytest
from django.db import connection
from django.test import RequestFactory

from spa_site.search import search_pages

migration = importlib.import_module("spa_site.migrations.0010_search_vector_index")

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index")


def test_the_site_search_is_planned_on_the_vector_index(demo_site):
    statements = []

    def capture(execute, sql, params, many, context):
        if "@@" in sql:
            statements.append((sql, params))
        return execute(sql, params, many, context)

    request = RequestFactory().get("/search/", HTTP_HOST="localhost")
    with connection.execute_wrapper(capture):
        found = list(search_pages("back spasm", request)[:10])
    assert found and statements  # the demo's Back Spasm article, by a full-text match
    for sql, _params in statements:
        # The vectors the backend matches, as it writes them; the index must serve exactly
        # that expression. (The whole query on the demo's few rows is planned from the pages.)
        vectors = re.search(r"(\([^()]*\|\|[^()]*\)) @@", sql)
        assert vectors, sql
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                "EXPLAIN SELECT 1 FROM wagtailsearch_indexentry "
                f"WHERE {vectors.group(1)} @@ to_tsquery('spasm')"
            )
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert migration.INDEX in plan, plan
