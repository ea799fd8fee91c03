"""Django's SQLite backend, with the query planner's statistics kept.

SQLite plans a join without knowing how many rows each table holds until ``ANALYZE`` has
stored statistics, and nothing runs it. With 10,000 articles it then read every page to find
the two locations (the footer's, the bookable services'): 4–5 ms a query, where 0.05 ms do.
SQLite's advice for long-lived connections is to refresh statistics before each closes. A
persistent connection (``CONN_MAX_AGE``, production's 600 s) runs ``ANALYZE`` over a sample
of each index (``analysis_limit``: about 30 ms for the whole database at 10,000 articles,
once per connection); a connection per request (development) runs ``PRAGMA optimize``,
which costs nothing when no table it used has grown tenfold. Statistics are written with a
short busy timeout, so a closing connection never waits on another process's write: the
next one tries again. (SQLite 3.40's ``optimize`` alone analyzes only tables read through an
index that statistics would help, so it never reached the locations, read by primary key.)
"""

from django.db.backends.sqlite3 import base

ANALYSIS_LIMIT = 1000
BUSY_MS = 50


class DatabaseWrapper(base.DatabaseWrapper):
    def _close(self):
        if self.connection is not None and not self.is_in_memory_db():
            refresh = "ANALYZE" if self.settings_dict.get("CONN_MAX_AGE") else "PRAGMA optimize"
            try:
                self.connection.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
                self.connection.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
                self.connection.execute(refresh)
            except base.Database.Error:
                pass  # locked or read-only: statistics wait for another close
        super()._close()
