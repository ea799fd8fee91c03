"""Bookings per second under contention, through the booking API under gunicorn.

Loopback only, every run bounded in time. For each database (SQLite file, as `make run` uses
it: IMMEDIATE transactions, 20 s busy timeout; PostgreSQL with CONN_MAX_AGE) it builds a
fresh demo database, adds benchmark therapists who work the location's opening hours,
starts gunicorn (2 sync workers, production settings, DEBUG off) and lets K client threads
POST to /api/content/booking/bookings/ for a fixed duration, in two mixes:

- hot: every client races for the same few slots (a window of --hot-slots free slots of two
  therapists; when a slot is won, the window moves on), so most attempts lose with a 409;
- spread: each client books its own slots (disjoint, non-overlapping), the throughput case.

Afterwards it checks the database: no two confirmed bookings of one therapist overlap
(buffer included), and the confirmed bookings are exactly the 201 answers. It prints a
table and appends it to docs/benchmarks.md with the date and the command.

The server runs with RATELIMIT_ENABLE=false (unless --with-ratelimit): the bench measures
the booking path, not the rate limiter. Emails are rendered and handed to Django's dummy
email backend (there is no SMTP server on loopback).

    python bench/booking_contention.py [--duration 10] [--clients 8,32] [--databases sqlite,postgres]
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.client import HTTPConnection, HTTPException
from pathlib import Path

from record import append_run
from throughput import ROOT, Server, run

sys.path.insert(0, str(ROOT))
from tests.support.booking_api import booking_body  # noqa: E402 - after the path is set

PY = sys.executable
SERVICE = "deep-tissue-massage"
HOT_THERAPISTS = 2
API = "/api/content/booking/bookings/"


# --- inside Django (run as a subprocess against the benchmark database) --------------------


def prepare(extra_therapists):
    """Add benchmark therapists and print the non-overlapping bookable slots per therapist."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import datetime as dt

    from author_profiles.models import ProfileIndexPage, ProfilePage
    from booking import availability, conf
    from booking.models import Schedule, WorkingHours
    from services.models import Service

    service = Service.objects.get(slug=SERVICE)
    variant = service.variants.order_by("duration_minutes").first()
    location = service.location
    team = ProfileIndexPage.objects.get()
    hours = list(location.opening_hours.all())
    therapists = list(service.therapists.all())
    for n in range(1, extra_therapists + 1):
        page = ProfilePage(
            title=f"Bench Therapist {n:02d}",
            slug=f"bench-therapist-{n:02d}",
            job_title="Massage therapist (benchmark data)",
        )
        team.add_child(instance=page)
        schedule = Schedule.objects.create(therapist=page, location=location)
        WorkingHours.objects.bulk_create(
            WorkingHours(schedule=schedule, weekday=row.weekday, starts=row.opens, ends=row.closes)
            for row in hours
        )
        therapists.append(page)
    service.therapists.set(therapists)
    service.save()

    earliest, horizon_end = availability.bookable_window()
    # Margins so no slot turns "too soon" or "beyond the horizon" while the bench runs.
    earliest += dt.timedelta(minutes=30)
    horizon_end -= dt.timedelta(days=1)
    zone = conf.tz()
    result = availability.compute(
        service,
        variant.duration_minutes,
        earliest.astimezone(zone).date(),
        horizon_end.astimezone(zone).date(),
    )
    block = dt.timedelta(minutes=variant.duration_minutes + service.buffer_minutes)
    slots = {}
    for therapist in therapists:
        chosen, free_from = [], earliest
        for start in result.starts_for(therapist.pk):
            if free_from <= start < horizon_end:
                chosen.append(start.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"))
                free_from = start + block
        slots[therapist.slug] = chosen
    print(json.dumps({"service": service.slug, "variant_id": variant.pk, "slots": slots}))


def verify():
    """Print the confirmed bookings and how many of them overlap another of one therapist."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from booking.models import Booking

    print(
        json.dumps(
            {
                "confirmed": Booking.objects.confirmed().count(),
                "overlapping": Booking.objects.overlapping().count(),
            }
        )
    )


# --- the driver -------------------------------------------------------------------------


def django_env(database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "moonlight.settings.dev",
        "DATABASE_URL": database_url,
    }


def internal(step, database_url, *extra):
    out = subprocess.run(
        [PY, __file__, "--internal", step, *extra],
        cwd=ROOT,
        env=django_env(database_url),
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def prepare_database(kind, workdir, postgres_db):
    if kind == "sqlite":
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        import psycopg

        subprocess.run(["bash", "scripts/start-postgres.sh"], cwd=ROOT, check=True,
                       capture_output=True, timeout=120)  # fmt: skip
        admin = "postgresql://wagtail:wagtail@127.0.0.1:5432/wagtail"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{postgres_db}"')
            conn.execute(f'CREATE DATABASE "{postgres_db}"')
        url = f"postgres://wagtail:wagtail@127.0.0.1:5432/{postgres_db}"
    env = django_env(url)
    run([PY, "manage.py", "migrate", "--noinput"], env)
    run([PY, "manage.py", "load_demo_content"], env)
    return url


class HotSlots:
    """All clients race for the first few free slots of one shared list."""

    def __init__(self, slots, window):
        self.slots, self.window = slots, window
        self.frontier, self.resolved = 0, set()
        self.lock = threading.Lock()

    def take(self):
        with self.lock:
            open_ = [
                i
                for i in range(self.frontier, min(len(self.slots), self.frontier + 4 * self.window))
                if i not in self.resolved
            ][: self.window]
            return random.choice(open_) if open_ else None

    def done(self, index, status):
        if status not in (201, 409):
            return
        with self.lock:
            self.resolved.add(index)
            while self.frontier in self.resolved:
                self.frontier += 1


class OwnSlots:
    """Each client books from its own disjoint share of the slots."""

    def __init__(self, slots, clients):
        self.shares = [iter(range(c, len(slots), clients)) for c in range(clients)]

    def take(self, client):
        return next(self.shares[client], None)


def get(port, path):
    conn = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        return conn.getresponse().read()
    finally:
        conn.close()


def attempt(port, body):
    conn = HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    try:
        conn.request(
            "POST",
            API,
            json.dumps(body),
            {"Content-Type": "application/json", "Idempotency-Key": uuid.uuid4().hex},
        )
        response = conn.getresponse()
        response.read()
        status = response.status
    except (OSError, HTTPException):
        status = 0
    finally:
        conn.close()
    return status, time.perf_counter() - started


def drive(port, plan, mix, clients, duration, window):
    """Run one mix for `duration` seconds; returns the row of figures."""
    therapist_slots = plan["slots"]
    slugs = list(therapist_slots)
    hot_slugs, spread_slugs = slugs[:HOT_THERAPISTS], slugs[HOT_THERAPISTS:]

    def interleave(names):
        pairs = [(start, slug) for slug in names for start in therapist_slots[slug]]
        return sorted(pairs)

    if mix == "hot":
        pool = interleave(hot_slugs)
        source = HotSlots(pool, window)
    else:
        pool = interleave(spread_slugs)
        source = OwnSlots(pool, clients)

    results, attempted, lock = [], set(), threading.Lock()
    barrier = threading.Barrier(clients + 1)
    exhausted = threading.Event()

    def client(number):
        mine = []
        barrier.wait()
        deadline = time.monotonic() + duration
        while time.monotonic() < deadline:
            index = source.take() if mix == "hot" else source.take(number)
            if index is None:
                exhausted.set()
                break
            with lock:
                attempted.add(index)
            start, slug = pool[index]
            body = booking_body(
                plan["service"],
                plan["variant_id"],
                slug,
                start,
                f"Bench client {number}",
                f"bench{number}@example.com",
            )
            status, latency = attempt(port, body)
            if mix == "hot":
                source.done(index, status)
            mine.append((status, latency))
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join(timeout=duration + 120)
    elapsed = time.perf_counter() - started
    # The next run starts on slots nobody has tried yet.
    for slug in hot_slugs if mix == "hot" else spread_slugs:
        therapist_slots[slug] = []
    for i, (start, slug) in enumerate(pool):
        if i not in attempted:
            therapist_slots[slug].append(start)

    statuses = [s for s, _ in results]
    latencies = sorted(lat * 1000 for _, lat in results)
    count = len(results)
    booked = statuses.count(201)
    return {
        "mix": mix,
        "clients": clients,
        "seconds": elapsed,
        "attempts": count,
        "booked": booked,
        "conflicts": statuses.count(409),
        "other_4xx": sum(1 for s in statuses if 400 <= s < 500 and s != 409),
        "errors": sum(1 for s in statuses if s >= 500 or s == 0),
        "p50": statistics.median(latencies) if latencies else 0.0,
        "p95": latencies[int(0.95 * (count - 1))] if latencies else 0.0,
        "exhausted": exhausted.is_set(),
    }


def hot_first(plan):
    """Put the demo's own therapist (and one bench therapist) first: they carry the hot mix."""
    slots = plan["slots"]
    order = sorted(slots, key=lambda slug: (slug.startswith("bench-"), slug))
    plan["slots"] = {slug: slots[slug] for slug in order}
    return plan


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per run (default 10)")
    parser.add_argument("--clients", default="8,32", help="client threads per run (default 8,32)")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--mixes", default="hot,spread")
    parser.add_argument(
        "--hot-slots", type=int, default=2, help="slots raced for at once in the hot mix"
    )
    parser.add_argument("--therapists", type=int, default=24, help="benchmark therapists to add")
    parser.add_argument("--postgres-db", default="wagtail_bookbench", help="dropped and recreated")
    parser.add_argument(
        "--with-ratelimit",
        action="store_true",
        help="leave django-ratelimit on (by default the server gets RATELIMIT_ENABLE=false)",
    )
    parser.add_argument(
        "--no-record", action="store_true", help="do not append to docs/benchmarks.md"
    )
    parser.add_argument("--internal", choices=["prepare", "verify"], help=argparse.SUPPRESS)
    parser.add_argument("extra", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.internal == "prepare":
        return prepare(int(args.extra[0]))
    if args.internal == "verify":
        return verify()

    clients = [int(c) for c in args.clients.split(",")]
    mixes = args.mixes.split(",")
    if not set(mixes) <= {"hot", "spread"} or min(clients) < 1 or args.duration < 1:
        parser.error("--mixes takes hot and/or spread; --clients and --duration must be >= 1")

    workdir = Path(tempfile.mkdtemp(prefix="spa-bench-booking-"))
    static_root = workdir / "static"
    static_root.mkdir()
    rows, checks = [], []
    for kind in args.databases.split(","):
        database_url = prepare_database(kind, workdir, args.postgres_db)
        plan = hot_first(internal("prepare", database_url, str(args.therapists)))
        total = sum(len(s) for s in plan["slots"].values())
        print(f"  {kind}: {len(plan['slots'])} therapists, {total} free slots", flush=True)
        booked = 0
        server = Server(database_url, static_root, page_cache=False)
        server.env["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
        # Django logs every 409 as a warning: keep the server's log in a file, count tracebacks.
        log = workdir / f"gunicorn-{kind}.log"
        server.env["GUNICORN_CMD_ARGS"] = f"--capture-output --error-logfile {log}"
        if not args.with_ratelimit:
            server.env["RATELIMIT_ENABLE"] = "false"
        with server:
            for _ in range(4):  # warm both workers
                get(server.port, "/api/content/booking/services/")
            for mix in mixes:
                for k in clients:
                    row = drive(server.port, plan, mix, k, args.duration, args.hot_slots)
                    row["database"] = kind
                    rows.append(row)
                    booked += row["booked"]
                    print(
                        f"  {kind:8} {mix:6} {k:3} clients: {row['attempts'] / row['seconds']:7.1f}"
                        f" attempts/s, {row['booked'] / row['seconds']:6.1f} booked/s, "
                        f"{row['errors']} errors",
                        flush=True,
                    )
        found = internal("verify", database_url)
        text = log.read_text(encoding="utf-8", errors="replace")
        found["tracebacks"] = text.count("Traceback")
        found["locked"] = text.count("database is locked")
        checks.append((kind, found, booked))

    table = [
        "| database | mix | clients | s | attempts | attempts/s | booked (201) | booked/s "
        "| slot taken (409) | other 4xx | 5xx / errors | p50 ms | p95 ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        table.append(
            f"| {r['database']} | {r['mix']}{' (slots used up)' if r['exhausted'] else ''} "
            f"| {r['clients']} | {r['seconds']:.1f} | {r['attempts']} "
            f"| {r['attempts'] / r['seconds']:.1f} | {r['booked']} "
            f"| {r['booked'] / r['seconds']:.1f} | {r['conflicts']} | {r['other_4xx']} "
            f"| {r['errors']} | {r['p50']:.0f} | {r['p95']:.0f} |"
        )
    verdicts = [
        f"- {kind}: {found['confirmed']} confirmed bookings in the database, "
        f"{booked} answered 201 ({'equal' if found['confirmed'] == booked else 'MISMATCH'}); "
        f"confirmed bookings overlapping another of the same therapist: {found['overlapping']}; "
        f'server log: {found["tracebacks"]} tracebacks, {found["locked"]} "database is locked"'
        for kind, found, booked in checks
    ]
    print("\n".join(table + [""] + verdicts))
    if not args.no_record:
        append_run(
            "Booking under contention",
            "gunicorn 2 sync workers, DEBUG off, "
            f"{'rate limiting on' if args.with_ratelimit else 'RATELIMIT_ENABLE=false'}, "
            f"client threads on the same 2-core machine, {args.duration} s per run, "
            f"hot mix: {args.hot_slots} slots raced for at once",
            table + [""] + verdicts,
        )
    failed = any(
        f["overlapping"] or f["tracebacks"] or f["confirmed"] != b for _, f, b in checks
    ) or any(r["errors"] for r in rows)
    shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
