"""Removes SQLite's query-planner statistics, once.

For a few hours (2026-12-03) the project's SQLite backend ran ``ANALYZE`` when a connection
closed. Statistics are read as they were taken: taken right after ``migrate`` they describe
an empty database, and with 10,000 articles one article then took 23 s to serve (routing's
read of the path planned as if the page table had two rows). Without statistics SQLite's own
estimates serve it in about 0.1 s. Nothing writes them any more; this removes what was
written. A database that never had them is left as it is.
"""

from django.db import migrations


def forget_statistics(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'sqlite_stat%'"
        )
        for (table,) in cursor.fetchall():
            cursor.execute(f'DELETE FROM "{table}"')


class Migration(migrations.Migration):
    dependencies = [("spa_site", "0008_site_name_from_project")]

    operations = [migrations.RunPython(forget_statistics, migrations.RunPython.noop)]
