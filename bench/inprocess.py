"""Per-request cost of the main public paths in-process, as ratios to /healthz.

Complements ``throughput.py`` when the machine is busy: no server and no network, just
Django's test client under production settings (DEBUG off) against an existing database
(``DATABASE_URL``, e.g. one loaded with ``manage.py load_demo_content``). For each path it
prints the median time of N requests and that time's ratio to the /healthz median (the
throughput ratio ``throughput.py`` reports). ``--profile PATH`` prints a cProfile of that path
instead. It only prints; nothing is recorded.

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python bench/inprocess.py [--requests 200]
        [--page-cache] [--profile /conditions/back-spasm/]
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PATHS = [
    "/healthz",
    "/",
    "/conditions/back-spasm/",
    "/conditions/topics/back-pain/",
    "/search/?q=back+spasm",
    "/api/content/articles/",
    "/api/content/articles/back-spasm/",
]


def setup(page_cache):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moonlight.settings.production")
    os.environ.setdefault("SECRET_KEY", "bench-inprocess-only")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ["PUBLIC_PAGE_CACHE_SECONDS"] = "600" if page_cache else "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def timed(client, path, n):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(path, HTTP_HOST="127.0.0.1")
        times.append(time.perf_counter() - start)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per path")
    parser.add_argument("--page-cache", action="store_true", help="anonymous page cache on")
    parser.add_argument("--profile", metavar="PATH", help="cProfile PATH instead of timing")
    parser.add_argument("--paths", help="comma-separated paths (default: the main ones)")
    args = parser.parse_args()
    setup(args.page_cache)
    from django.test import Client

    client = Client()
    if args.profile:
        for _ in range(3):
            client.get(args.profile, HTTP_HOST="127.0.0.1")
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            client.get(args.profile, HTTP_HOST="127.0.0.1")
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
        return
    paths = args.paths.split(",") if args.paths else PATHS
    for path in paths:  # warm every cache and connection first
        client.get(path, HTTP_HOST="127.0.0.1")
    baseline = timed(client, "/healthz", args.requests)
    print(f"{'path':40} {'median ms':>10} {'× /healthz':>11}")
    for path in paths:
        median = baseline if path == "/healthz" else timed(client, path, args.requests)
        print(f"{path:40} {median * 1000:10.2f} {baseline / median:11.3f}")


if __name__ == "__main__":
    main()
