"""The task worker outlives a database restart (the stock one exits on the first error)."""

import pytest
from django.core.management import get_commands
from django.db.utils import OperationalError
from django_tasks_db.management.commands import db_worker as stock

from spa_site.management.commands import db_worker


def test_manage_py_db_worker_is_the_resilient_one():
    assert get_commands()["db_worker"] == "spa_site"


def _worker():
    return db_worker.ResilientWorker(
        queue_names=["default"], interval=0.1, batch=False, backend_name="default",
        startup_delay=True, max_tasks=None, worker_id="test", excluded_queue_names=[],
    )  # fmt: skip


def test_a_lost_connection_pauses_then_runs_again(monkeypatch):
    outcomes = [OperationalError("server closed the connection"), OperationalError("again")]
    calls = []

    def run(self):
        calls.append(self.startup_delay)
        if outcomes:
            raise outcomes.pop(0)
        return "stopped"

    pauses = []
    monkeypatch.setattr(stock.Worker, "run", run)
    monkeypatch.setattr(db_worker.time, "sleep", pauses.append)
    assert _worker().run() == "stopped"
    assert calls == [True, False, False]  # no startup delay once it has started
    assert pauses == [1, 2]  # a growing pause


def test_an_error_while_shutting_down_is_not_retried(monkeypatch):
    def run(self):
        self.running = False
        raise OperationalError("gone")

    monkeypatch.setattr(stock.Worker, "run", run)
    with pytest.raises(OperationalError):
        _worker().run()


def test_the_command_builds_the_resilient_worker(monkeypatch):
    built = []
    monkeypatch.setattr(db_worker.ResilientWorker, "run", lambda self: built.append(self))
    monkeypatch.setattr(db_worker.ResilientWorker, "configure_signals", lambda self: None)
    db_worker.Command().handle(
        verbosity=0, queue_name="default", interval=0.1, batch=True, backend_name="default",
        startup_delay=False, reload=False, max_tasks=None, worker_id="t", exclude_queues="",
    )  # fmt: skip
    assert len(built) == 1 and isinstance(built[0], db_worker.ResilientWorker)
    assert stock.Worker is not db_worker.ResilientWorker  # put back afterwards
