"""django-tasks-db's ``db_worker``, surviving a database restart.

The stock worker re-raises any database error that is not a lock, so a PostgreSQL restart
(a failover, a minor upgrade) ends it, and booking e-mails wait until someone starts it again.
This one drops the broken connections and picks up again with a growing pause (at most
``MAX_PAUSE`` seconds); every option is the stock command's.
"""

import logging
import time

from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django_tasks_db.management.commands import db_worker as stock

logger = logging.getLogger("django_tasks_db")
MAX_PAUSE = 30


class ResilientWorker(stock.Worker):
    def run(self):
        failures, last_failure = 0, 0.0
        while True:
            try:
                return super().run()
            except (OperationalError, InterfaceError) as error:
                if not self.running:
                    raise
                now = time.monotonic()
                failures = failures + 1 if now - last_failure < 2 * MAX_PAUSE else 1
                last_failure = now
                pause = min(2 ** (failures - 1), MAX_PAUSE)
                logger.warning("Database unavailable (%s); retrying in %s s", error, pause)
                connections.close_all()
                time.sleep(pause)
                self.startup_delay = False


class Command(stock.Command):
    help = stock.Command.help

    def handle(self, *args, **options):
        # The stock handle() builds its worker from the module's ``Worker`` name.
        stock.Worker, original = ResilientWorker, stock.Worker
        try:
            return super().handle(*args, **options)
        finally:
            stock.Worker = original
