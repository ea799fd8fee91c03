"""Cold render of the Back Spasm article against a bare ``wagtail start`` home page, one run.

"Cold" is the first view after a publish with every cache cleared: before each request the
content version is bumped (as a publish does) and every cache alias is emptied (the shared
cache, whole answers, Wagtail's site root paths, renditions). Each page runs in its own
process under production-like settings (DEBUG off) on SQLite; the processes take turns, a
batch of ten requests each, round after round, so a slow spell of the machine falls on all
of them, and each ratio is the median over the rounds of that round's ratio to the bare page. The bare project is made with ``wagtail start`` in a
temporary folder from this virtualenv (its requirements file, which pins Django 6, is not
used).

    python bench/cold_render.py [--requests 200] [--compare-with GITREF] [--no-record]

``--compare-with`` measures the same article in a checkout of another commit too (a
temporary git worktree with its own database), e.g. the code before a change.

The last row is a floor for the article's cold render: each cold answer is rendered a second
time from the same context once every read is made, and only that second render is timed
(Django's templates and the JSON-LD graph, no query work).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from record import append_run

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
ARTICLE = "/conditions/back-spasm/"

BATCH = 10  # requests per page per round; the pages take turns, round after round

# Runs inside each project: after one warm-up request, a batch of cold requests for every
# line read ("go"), answered with one line of JSON (each request's time and query count).
MEASURE = textwrap.dedent(
    """
    import json, sys, time
    import django
    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    path, mode, batch = sys.argv[1], sys.argv[2], int(sys.argv[3])
    bump = mode in ("bump", "templates")
    rerenders = []
    if mode == "templates":
        # Each answer is rendered a second time from the same context, every read already
        # made (the selectors keep theirs on the page and the request's audience): that
        # second render is the templates' and the JSON-LD's own time.
        from django.template.response import SimpleTemplateResponse

        render = SimpleTemplateResponse.rendered_content.fget

        def twice(response):
            content = render(response)
            start = time.perf_counter()
            render(response)
            rerenders.append(time.perf_counter() - start)
            return content

        SimpleTemplateResponse.rendered_content = property(twice)
    client = Client()
    client.get(path, HTTP_HOST="127.0.0.1")
    print("ready", flush=True)
    for _ in sys.stdin:
        times, queries = [], []
        del rerenders[:]
        for _ in range(batch):
            if bump:
                from spa_site import content_version
                content_version.bump()
            for alias in settings.CACHES:
                caches[alias].clear()
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = client.get(path, HTTP_HOST="127.0.0.1")
                times.append(time.perf_counter() - start)
            assert response.status_code == 200, response.status_code
            queries.append(len(ctx.captured_queries))
        print(json.dumps({"times": rerenders or times, "queries": queries}), flush=True)
    """
)


class Worker:
    """One project's measuring process, fed a batch at a time."""

    def __init__(self, cwd, env, path, mode):
        self.process = subprocess.Popen(
            [PY, "-c", MEASURE, path, mode, str(BATCH)],
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.where = f"{path} in {cwd}"
        self.times, self.queries, self.batches = [], [], []
        self._read()

    def _read(self):
        line = self.process.stdout.readline()
        if not line:
            sys.exit(f"measuring {self.where} failed:\n{self.process.stderr.read()[-2000:]}")
        return line

    def batch(self):
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        found = json.loads(self._read())
        self.times += found["times"]
        self.queries += found["queries"]
        self.batches.append(statistics.median(found["times"]))

    def close(self):
        self.process.stdin.close()
        self.process.wait()

    @property
    def ms(self):
        return statistics.median(self.times) * 1000


def interleaved(workers, requests):
    """Every worker runs a batch in turn, round after round, so a slow spell of the machine
    falls on all of them alike; the ratio to ``workers[0]`` is the median over the rounds of
    each round's ratio of batch medians."""
    try:
        for _ in range(max(1, requests // BATCH)):
            for worker in workers:
                worker.batch()
    finally:
        for worker in workers:
            worker.close()
    base = workers[0]
    return [
        statistics.median(m / b for m, b in zip(worker.batches, base.batches, strict=True))
        for worker in workers
    ]


def bare_project(workdir):
    """A fresh ``wagtail start`` project, migrated, with DEBUG off."""
    subprocess.run([Path(PY).parent / "wagtail", "start", "bare", str(workdir)], check=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bare.settings.production", "PYTHONPATH": ""}
    env.pop("DATABASE_URL", None)
    settings = workdir / "bare" / "settings" / "production.py"
    settings.write_text(
        settings.read_text()
        + "\nSECRET_KEY = 'bench-only'\nALLOWED_HOSTS = ['*']\nDEBUG = False\n"
        + "STORAGES['staticfiles'] = {'BACKEND': "
        + "'django.contrib.staticfiles.storage.StaticFilesStorage'}\n"
    )
    subprocess.run(
        [PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=workdir, env=env, check=True
    )
    return env


def spa_project(workdir, root=ROOT):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "moonlight.settings.production",
        "SECRET_KEY": "bench-only",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{workdir / 'spa.sqlite3'}",
        "SHARED_CACHE_DIR": str(workdir / "cache"),
        "PUBLIC_BASE_URL": "http://127.0.0.1",
        "TASK_BACKEND": "immediate",
        "STATIC_ROOT": str(workdir / "static"),
    }
    env.pop("REDIS_URL", None)
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_demo_content", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run([PY, "manage.py", *command], cwd=root, env=env, check=True)
    return env


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--compare-with", metavar="GITREF")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="spa-cold-") as tmp:
        tmp = Path(tmp)
        (tmp / "bare").mkdir()
        bare_env = bare_project(tmp / "bare")
        spa_env = spa_project(tmp)
        checkout = tmp / "before"
        workers = [Worker(tmp / "bare", bare_env, "/", "plain")]
        workers += [
            Worker(ROOT, spa_env, path, mode)
            for path, mode in [(ARTICLE, "bump"), ("/", "bump"), (ARTICLE, "templates")]
        ]
        try:
            if args.compare_with:
                subprocess.run(
                    ["git", "worktree", "add", "--detach", str(checkout), args.compare_with],
                    cwd=ROOT, check=True, capture_output=True,
                )  # fmt: skip
                (tmp / "before-data").mkdir()
                before_env = spa_project(tmp / "before-data", root=checkout)
                workers.append(Worker(checkout, before_env, ARTICLE, "bump"))
            ratios = interleaved(workers, args.requests)
        finally:
            if args.compare_with:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(checkout)], cwd=ROOT, check=False
                )
    bare, article, home, templates = workers[:4]
    before = workers[4] if len(workers) > 4 else None
    queries = lambda worker: f"{statistics.median(worker.queries):.0f}"  # noqa: E731
    rows = [
        ("bare `wagtail start` home page", bare, queries(bare)),
        ("spa home page", home, queries(home)),
        ("Back Spasm article", article, queries(article)),
        ("the article's templates and JSON-LD alone (rendered again, every read made)",
         templates, "–"),
    ]  # fmt: skip
    if before:
        rows.append((f"Back Spasm article at `{args.compare_with}`", before, queries(before)))
    by_worker = dict(zip(map(id, workers), ratios, strict=True))
    lines = [
        "| page (cold: version bumped, every cache cleared) | median ms | queries | × bare home |",
        "|---|---:|---:|---:|",
        *(
            f"| {label} | {worker.ms:.2f} | {count} | {by_worker[id(worker)]:.2f} |"
            for label, worker, count in rows
        ),
    ]
    print("\n".join(lines))
    if not args.no_record:
        append_run(
            "Cold render against a bare Wagtail project",
            f"{args.requests} requests each in rounds of {BATCH}, in-process, SQLite, "
            "production settings",
            lines,
        )


if __name__ == "__main__":
    main()
