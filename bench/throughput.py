"""Throughput and latency of the main public paths under gunicorn, as ratios to /healthz.

Loopback only, every run bounded in time. For each database (SQLite file and PostgreSQL
with CONN_MAX_AGE) it builds a fresh demo database, starts gunicorn with 2 sync workers and
production settings (DEBUG off), and measures each path with wrk for a fixed duration:
once with the anonymous page cache on ("cached") and once with it off ("uncached").
It prints a table and appends it to docs/benchmarks.md with the date and the command.

    python bench/throughput.py [--duration 10] [--connections 8] [--databases sqlite,postgres]
        [--pg-database wagtail_bench] [--no-record]
"""

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from record import append_run

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
LUA = """
done = function(summary, latency, requests)
  io.write(string.format("SPA p50=%d p95=%d requests=%d errors=%d\\n",
    latency:percentile(50), latency:percentile(95), summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout))
end
"""
# (label, path, needs the page cache on)
PATHS = [
    ("/healthz (baseline)", "/healthz", None),
    ("home", "/", True),
    ("article, uncached", "/conditions/back-spasm/", False),
    ("article, cached", "/conditions/back-spasm/", True),
    ("topic page", "/conditions/topics/back-pain/", True),
    ("search", "/search/?q=back+spasm", True),
    ("API article listing", "/api/content/articles/", True),
    ("API article detail", "/api/content/articles/back-spasm/", True),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, env, timeout=600):
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, timeout=timeout, stdout=subprocess.DEVNULL)


def prepare_database(kind, workdir, pg_database="wagtail_bench"):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "moonlight.settings.dev"}
    if kind == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        out = subprocess.run(
            ["bash", "scripts/start-postgres.sh"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        base = re.search(r"DATABASE_URL=(\S+)", out).group(1)
        url = base.rsplit("/", 1)[0] + f"/{pg_database}"
        subprocess.run(
            ["runuser", "-u", "postgres", "--", "dropdb", "--if-exists", pg_database],
            check=True,
        )
        subprocess.run(
            ["runuser", "-u", "postgres", "--", "createdb", "-O", "wagtail", pg_database],
            check=True,
        )
        env["DATABASE_URL"] = url
    run([PY, "manage.py", "migrate", "--noinput"], env)
    run([PY, "manage.py", "load_demo_content"], env)
    return env["DATABASE_URL"]


class Server:
    def __init__(self, database_url, static_root, page_cache):
        self.port = free_port()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "moonlight.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": database_url,
            "CONN_MAX_AGE": "600",
            "STATIC_ROOT": str(static_root),
            "PUBLIC_PAGE_CACHE_SECONDS": "600" if page_cache else "0",
        }
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [PY, "-m", "gunicorn", "moonlight.wsgi", "--workers", "2", "--no-control-socket",
             "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"],
            cwd=ROOT, env=self.env,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=20)


def measure(url, duration, connections, script):
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk (Debian's package)")
    subprocess.run(["curl", "-s", "-o", "/dev/null", url], check=False, timeout=30)  # warm
    out = subprocess.run(
        ["timeout", str(duration + 20), "wrk", "-t2", f"-c{connections}", f"-d{duration}s",
         "--timeout", "5s", "-s", script, url],
        capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    stats = dict(re.findall(r"(\w+)=(\d+)", out.split("SPA", 1)[1]))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": int(stats["p50"]) / 1000,
        "p95": int(stats["p95"]) / 1000,
        "errors": int(stats["errors"]) + (int(non2xx.group(1)) if non2xx else 0),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per path (default 10)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument(
        "--no-record", action="store_true", help="do not append to docs/benchmarks.md"
    )
    parser.add_argument(
        "--pg-database", default="wagtail_bench", help="PostgreSQL database to (re)create"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")

    workdir = Path(tempfile.mkdtemp(prefix="spa-bench-"))
    script = workdir / "report.lua"
    script.write_text(LUA)
    static_root = workdir / "static"
    run([PY, "manage.py", "collectstatic", "--noinput"],
        {**os.environ, "DJANGO_SETTINGS_MODULE": "moonlight.settings.production", "SECRET_KEY": "collectstatic-only",
         "ALLOWED_HOSTS": "127.0.0.1", "STATIC_ROOT": str(static_root)})  # fmt: skip
    rows = []
    for kind in args.databases.split(","):
        database_url = prepare_database(kind, workdir, args.pg_database)
        results = {}
        for page_cache in (True, False):
            with Server(database_url, static_root, page_cache) as server:
                for label, path, wants_cache in PATHS:
                    if wants_cache is not None and wants_cache != page_cache:
                        continue
                    if wants_cache is None and not page_cache:
                        label = "/healthz (baseline, cache-off server)"
                    url = f"http://127.0.0.1:{server.port}{path}"
                    results[label] = measure(url, args.duration, args.connections, script)
                    print(f"  {kind:8} {label:40} {results[label]['rps']:8.0f} req/s", flush=True)
        baseline = results["/healthz (baseline)"]["rps"]
        for label, r in results.items():
            rows.append(
                (kind, label, r["rps"], r["rps"] / baseline, r["p50"], r["p95"], r["errors"])
            )

    table = [
        "| database | path | req/s | × /healthz | p50 ms | p95 ms | errors |",
        "|---|---|---|---|---|---|---|",
    ] + [f"| {k} | {lbl} | {rps:.0f} | {ratio:.3f} | {p50:.1f} | {p95:.1f} | {err} |"
         for k, lbl, rps, ratio, p50, p95, err in rows]  # fmt: skip
    print("\n".join(table))
    if not args.no_record:
        append_run(
            "Throughput",
            f"gunicorn 2 sync workers, DEBUG off, wrk -t2 -c{args.connections} "
            f"-d{args.duration}s on loopback, same 2-core machine",
            table,
        )
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
