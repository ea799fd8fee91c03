"""The demo site's rows, copied after the browser tests' first load and written back for each
later test.

``live_server`` tests are transactional: Django empties every table after each one. Loading
the demo again through the loader (Wagtail's publishing, reference and search indexes) costs
seconds a test; writing the same rows back costs a fraction of that. The first test of a run
still goes through the loader, so the loader itself stays under test here.
"""

import sqlite3

from django.core.management.color import no_style
from django.db import connection, transaction


class DemoSnapshot:
    def __init__(self):
        self._rows = None

    @property
    def taken(self):
        return self._rows is not None

    def take(self):
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self._rows = sqlite3.connect(":memory:")
            connection.connection.backup(self._rows)
        else:
            self._rows = {table: _copy_out(table) for table in _tables()}

    def restore(self):
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self._rows.backup(connection.connection)
            return
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in connection.ops.sql_flush(no_style(), list(self._rows)):
                cursor.execute(statement)  # what the flush's post_migrate wrote back
            for table, data in self._rows.items():
                if data:
                    name = connection.ops.quote_name(table)
                    with cursor.cursor.copy(f"COPY {name} FROM STDIN (FORMAT BINARY)") as copy:
                        copy.write(data)
            for statement in connection.ops.sequence_reset_sql(no_style(), _models(self._rows)):
                cursor.execute(statement)


def _tables():
    """The tables Django's flush empties (the models' own, not django_migrations)."""
    return connection.introspection.django_table_names(only_existing=True, include_views=False)


def _copy_out(table):
    name = connection.ops.quote_name(table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {name} TO STDOUT (FORMAT BINARY)") as copy,
    ):
        return b"".join(bytes(block) for block in copy)


def _models(tables):
    """The models of ``tables``, many-to-many link tables included (their ids have sequences
    too, which ``introspection.installed_models`` would leave out)."""
    from django.apps import apps

    return [m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in tables]
