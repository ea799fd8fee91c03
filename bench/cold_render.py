"""Cold render of the Back Spasm article against a bare ``wagtail start`` home page, one run.

"Cold" is the first view after a publish with every cache cleared: before each request the
content version is bumped (as a publish does) and every cache alias is emptied (the shared
cache, whole answers, Wagtail's site root paths, renditions). Each side runs in its own
process under production-like settings (DEBUG off) on SQLite, on the same machine in the
same run, so the ratio is what matters. The bare project is made with ``wagtail start`` in a
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
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from record import append_run

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
ARTICLE = "/conditions/back-spasm/"

# Runs inside each project: N cold requests, median time and queries of each.
MEASURE = textwrap.dedent(
    """
    import json, statistics, sys, time
    import django
    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    path, n, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
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
    times, queries = [], []
    for _ in range(n):
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
    if rerenders:
        times = rerenders[1:]  # the first is the warm-up request's
    print(json.dumps({"ms": statistics.median(times) * 1000, "queries": statistics.median(queries)}))
    """
)


def measure(cwd, env, path, n, mode):
    result = subprocess.run(
        [PY, "-c", MEASURE, path, str(n), mode],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"measuring {path} in {cwd} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


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
        bare = measure(tmp / "bare", bare_env, "/", args.requests, "plain")
        article = measure(ROOT, spa_env, ARTICLE, args.requests, "bump")
        home = measure(ROOT, spa_env, "/", args.requests, "bump")
        templates = measure(ROOT, spa_env, ARTICLE, args.requests, "templates")
        before = None
        if args.compare_with:
            checkout = tmp / "before"
            subprocess.run(
                ["git", "worktree", "add", "--detach", str(checkout), args.compare_with],
                cwd=ROOT, check=True, capture_output=True,
            )  # fmt: skip
            try:
                (tmp / "before-data").mkdir()
                before_env = spa_project(tmp / "before-data", root=checkout)
                before = measure(checkout, before_env, ARTICLE, args.requests, "bump")
            finally:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(checkout)], cwd=ROOT, check=False
                )
    lines = [
        "| page (cold: version bumped, every cache cleared) | median ms | queries | × bare home |",
        "|---|---:|---:|---:|",
        f"| bare `wagtail start` home page | {bare['ms']:.2f} | {bare['queries']:.0f} | 1.00 |",
        f"| spa home page | {home['ms']:.2f} | {home['queries']:.0f} | "
        f"{home['ms'] / bare['ms']:.2f} |",
        f"| Back Spasm article | {article['ms']:.2f} | {article['queries']:.0f} | "
        f"{article['ms'] / bare['ms']:.2f} |",
        f"| the article's templates and JSON-LD alone (rendered again, every read made) | "
        f"{templates['ms']:.2f} | – | {templates['ms'] / bare['ms']:.2f} |",
    ]
    if before:
        lines.append(
            f"| Back Spasm article at `{args.compare_with}` | {before['ms']:.2f} | "
            f"{before['queries']:.0f} | {before['ms'] / bare['ms']:.2f} |"
        )
    print("\n".join(lines))
    if not args.no_record:
        append_run(
            "Cold render against a bare Wagtail project",
            f"{args.requests} requests each, in-process, SQLite, production settings",
            lines,
        )


if __name__ == "__main__":
    main()
