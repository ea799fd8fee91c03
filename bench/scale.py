"""Scale: how the main paths grow from 100 to 10,000 condition articles.

For each database (a SQLite file in a temp dir, and the PostgreSQL database named by
--pg-database, dropped and re-created) it loads the demo content, then grows the same
database to each size with ``bench/scale_content.py`` (articles with realistic bodies,
200 topics, 20 therapists, 50 services) and measures, in-process with Django's test client
under the production settings (DEBUG off, CONN_MAX_AGE, the anonymous page cache OFF,
fragment caches on as in production, locmem): the article index first and last page, a
topic page, /sitemap.xml, search, the API article listing and detail, and the admin page
listing of the article index as a superuser. Each path is measured cold (the cache cleared
before every request: the first view after a publish, which retires every cached answer)
and warm (repeated), as the median of --repeat requests; query counts are per request. It
prints a table with the ratio largest/smallest size and appends it to docs/benchmarks.md
with the date and command.

    python bench/scale.py [--sizes 100,10000] [--databases sqlite,postgres] [--repeat 5]
        [--timeout 1800] [--no-record]
"""

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from record import append_run

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
PATH_BUDGET_SECONDS = 30  # per path and size: fewer repeats when a request is this slow
LABELS = [
    ("article", "Back Spasm article"),
    ("index_first", "article index, first page"),
    ("index_last", "article index, last page"),
    ("topic", "topic page"),
    ("sitemap", "/sitemap.xml"),
    ("search", "search"),
    ("api_list", "API article listing"),
    ("api_detail", "API article detail"),
    ("admin_list", "admin page listing"),
]


# Worker: runs inside Django ---------------------------------------------------------


def _timed(client, path, repeat, before=None):
    times, spent = [], 0.0
    for _ in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - started)
        spent += times[-1]
        if spent > PATH_BUDGET_SECONDS:
            break
    return statistics.median(times) * 1000


def _count_queries(client, path):
    from django.db import connection

    queries = []  # counted with a wrapper: request_started clears connection.queries_log

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(path)
    return len(queries)


def _measure(client, path, repeat):
    """Cold: every request after ``cache.clear()``, as the first request after a publish
    (which retires every cached answer and fragment). Warm: the same request again."""
    from django.core.cache import cache

    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    cache.clear()
    cold_queries = _count_queries(client, path)
    warm_queries = _count_queries(client, path)
    return {
        "ms": _timed(client, path, repeat, before=cache.clear),
        "queries": cold_queries,
        "warm_ms": _timed(client, path, repeat),
        "warm_queries": warm_queries,
    }


def _paths():
    from articles.models import ArticleIndexPage
    from spa_site.listing import CARDS_PER_PAGE

    index = ArticleIndexPage.objects.get()
    last = max(1, -(-index.articles().count() // CARDS_PER_PAGE))
    return {
        "article": "/conditions/back-spasm/",
        "index_first": "/conditions/",
        "index_last": f"/conditions/?page={last}",
        "topic": "/conditions/topics/back-pain/",
        "sitemap": "/sitemap.xml",
        "search": "/search/?q=back+spasm",
        "api_list": "/api/content/articles/",
        "api_detail": "/api/content/articles/back-spasm/",
        "admin_list": f"/admin/pages/{index.pk}/",
    }


def worker(args):
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    import django

    django.setup()
    import scale_content
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    deadline = time.monotonic() + args.timeout
    user, _ = get_user_model().objects.get_or_create(
        username="scale-bench", defaults={"is_superuser": True, "is_staff": True}
    )
    for size in args.sizes:
        started = time.monotonic()
        added = scale_content.grow(size)
        generated = time.monotonic() - started
        print(f"  [{args.label}] {size} articles: +{added} in {generated:.1f} s", flush=True)
        cache.clear()
        anonymous, admin = Client(SERVER_NAME="localhost"), Client(SERVER_NAME="localhost")
        admin.force_login(user)
        results = {}
        for key, path in _paths().items():
            if time.monotonic() > deadline:
                raise SystemExit(f"--timeout reached while measuring {size} articles")
            results[key] = _measure(admin if key == "admin_list" else anonymous, path, args.repeat)
            results[key]["path"] = path
            r = results[key]
            print(f"  [{args.label}] {size:>6} {path:40} cold {r['ms']:8.1f} ms {r['queries']:3} q"
                  f"  warm {r['warm_ms']:7.1f} ms {r['warm_queries']:3} q", flush=True)  # fmt: skip
        print("RESULT " + json.dumps({"size": size, "generated_s": generated, "paths": results}))


# Orchestrator -----------------------------------------------------------------------


def _run(cmd, env, timeout):
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, timeout=timeout, stdout=subprocess.DEVNULL)


def prepare_database(kind, workdir, pg_database, timeout):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "moonlight.settings.dev"}
    if kind == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'scale.sqlite3'}"
    else:
        subprocess.run(["bash", "scripts/start-postgres.sh"], cwd=ROOT, check=True,
                       capture_output=True, timeout=60)  # fmt: skip
        for cmd in (
            ["dropdb", "--if-exists", pg_database],
            ["createdb", "-O", "wagtail", pg_database],
        ):
            subprocess.run(["runuser", "-u", "postgres", "--", *cmd], check=True, timeout=60)
        env["DATABASE_URL"] = f"postgres://wagtail:wagtail@127.0.0.1:5432/{pg_database}"
    started = time.monotonic()
    _run([PY, "manage.py", "migrate", "--noinput"], env, timeout)
    _run([PY, "manage.py", "load_demo_content"], env, timeout)
    print(f"  [{kind}] migrate + demo content in {time.monotonic() - started:.1f} s", flush=True)
    return env["DATABASE_URL"]


def production_env(database_url, static_root):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "moonlight.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "600",
        "STATIC_ROOT": str(static_root),
        "PUBLIC_PAGE_CACHE_SECONDS": "0",
    }


def table(results, sizes):
    small, large = sizes[0], sizes[-1]
    lines = [
        f"| database | path | cold {small} ms | cold {large} ms | cold × | queries {small} "
        f"| queries {large} | warm {small} ms | warm {large} ms | warm × |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for kind, by_size in results.items():
        for key, label in LABELS:
            a, b = by_size[small]["paths"][key], by_size[large]["paths"][key]
            lines.append(
                f"| {kind} | {label} | {a['ms']:.1f} | {b['ms']:.1f} | {b['ms'] / a['ms']:.2f} "
                f"| {a['queries']} | {b['queries']} | {a['warm_ms']:.1f} | {b['warm_ms']:.1f} "
                f"| {b['warm_ms'] / a['warm_ms']:.2f} |"
            )
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,10000", help="article counts, ascending")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--pg-database", default="wagtail_scale")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per path")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds for the whole run")
    parser.add_argument(
        "--no-record", action="store_true", help="do not append to docs/benchmarks.md"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--label", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.sizes = sorted(int(s) for s in args.sizes.split(","))
    if args.worker:
        return worker(args)

    deadline = time.monotonic() + args.timeout
    workdir = Path(tempfile.mkdtemp(prefix="spa-scale-"))
    static_root = workdir / "static"
    try:
        _run([PY, "manage.py", "collectstatic", "--noinput"],
             production_env("sqlite:///unused", static_root), timeout=300)  # fmt: skip
        results = {}
        for kind in args.databases.split(","):
            remaining = deadline - time.monotonic()
            database_url = prepare_database(kind, workdir, args.pg_database, remaining)
            remaining = int(deadline - time.monotonic())
            worker_cmd = [PY, __file__, "--worker", "--label", kind, "--sizes",
                          ",".join(map(str, args.sizes)), "--repeat", str(args.repeat),
                          "--timeout", str(remaining)]  # fmt: skip
            runs = []
            with subprocess.Popen(worker_cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True,
                                  env=production_env(database_url, static_root)) as proc:  # fmt: skip
                watchdog = threading.Timer(remaining + 30, proc.kill)  # a hung request too
                watchdog.start()
                for line in proc.stdout:
                    if line.startswith("RESULT "):
                        runs.append(json.loads(line[7:]))
                    else:
                        print(line, end="", flush=True)
            watchdog.cancel()
            if proc.returncode:
                sys.exit(f"{kind}: the worker failed (exit {proc.returncode})")
            results[kind] = {run["size"]: run for run in runs}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    lines = table(results, args.sizes)
    print("\n".join(lines))
    if not args.no_record:
        generated = ", ".join(
            f"{kind} {by_size[args.sizes[-1]]['generated_s']:.0f} s"
            for kind, by_size in results.items()
        )
        append_run(
            "Scale",
            "in-process test client, production settings, DEBUG off, anonymous page cache off, "
            f"locmem cache; median of {args.repeat} requests, cold = cache cleared before each, "
            f"warm = repeated; generating the last size took {generated}",
            lines,
        )


if __name__ == "__main__":
    main()
