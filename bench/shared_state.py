"""What shared state costs under load, in the shapes people deploy, as ratios in one run.

Three servers, each gunicorn with 2 sync workers under production settings and a fresh demo
site (the harness of tests/deploy/shapes.py):

- ``sqlite``: the embedded default, SQLite and no Redis (version in the shared file cache,
  whole answers in each worker's memory);
- ``sqlite+redis``: the same database with Redis holding the version and whole answers;
- ``postgres+redis``: several app servers' shape.

For each: ``/healthz`` and the cached Back Spasm article under wrk, then the article twice
more while another process publishes a page every 2 s: once with the content version frozen
in that process (the publisher's own CPU use on this 2-core machine, nothing retired), once
as it really runs (every publish retires every cached answer). Their ratio is what retiring
cached answers costs; the renders the publishes cause are counted from the access log
(``X-Page-Cache: miss``), which every run writes so the ratios compare like with like.
Loopback only, every run bounded in time.

    python bench/shared_state.py [--duration 15] [--connections 8] [--no-record]
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from record import append_run
from throughput import LUA, measure

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.deploy import shapes  # noqa: E402 - after the path is set

ARTICLE = "/conditions/back-spasm/"
PUBLISHER = """
import time
from spa_site import content_version
if {frozen}:
    content_version._increment = lambda: None
from author_profiles.models import ProfilePage
person = ProfilePage.objects.get(slug="mara-swick")
deadline = time.monotonic() + {seconds}
count = 0
while time.monotonic() < deadline:
    person.summary = f"Published {{count}}"
    person.save_revision().publish()
    count += 1
    time.sleep(2)
print(count)
"""
SHAPES = {
    "sqlite": {},
    "sqlite+redis": {"redis": True},
    "postgres+redis": {"database": "postgres", "redis": True},
}


def misses(shape, since, path):
    with shape.access_log.open() as log:
        log.seek(since)
        return sum(1 for line in log if f"GET {path} " in line and line.rstrip().endswith("miss"))


def run_shape(name, options, args, script):
    shape = shapes.build(name.replace("+", "-"), **options)
    try:
        shape.start(worker=False)
        url = shape.base_url
        results = {
            "healthz": measure(url + "/healthz", args.duration, args.connections, script),
            "article": measure(url + ARTICLE, args.duration, args.connections, script),
        }
        for label, frozen in (("frozen", True), ("publishing", False)):
            since = shape.log_offset()
            publisher = subprocess.Popen(
                [sys.executable, "manage.py", "shell", "-c",
                 PUBLISHER.format(seconds=args.duration + 2, frozen=frozen)],
                cwd=ROOT, env=shape.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                text=True,
            )  # fmt: skip
            results[label] = measure(url + ARTICLE, args.duration, args.connections, script)
            publishes = int(publisher.communicate(timeout=120)[0].strip().splitlines()[-1])
            if not frozen:
                results["renders_per_publish"] = misses(shape, since, ARTICLE) / max(publishes, 1)
                results["publishes"] = publishes
        return results
    finally:
        shapes.drop(shape)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "report.lua"
        script.write_text(LUA)
        results = {}
        for name in args.shapes.split(","):
            results[name] = run_shape(name, SHAPES[name], args, script)
            print(name, "done", flush=True)
    lines = [
        "| shape | /healthz req/s | cached article req/s | × own /healthz | article, publisher running, version frozen | article, publishing every 2 s | × frozen | renders per publish |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['healthz']['rps']:.0f} | {r['article']['rps']:.0f} | "
            f"{r['article']['rps'] / r['healthz']['rps']:.2f} | {r['frozen']['rps']:.0f} | "
            f"{r['publishing']['rps']:.0f} | {r['publishing']['rps'] / r['frozen']['rps']:.2f} | "
            f"{r['renders_per_publish']:.1f} ({r['publishes']} publishes) |"
        )
    if "sqlite" in results and "sqlite+redis" in results:
        local, redis = results["sqlite"], results["sqlite+redis"]
        lines += [
            "",
            f"- Redis /healthz ÷ no-Redis /healthz: "
            f"{redis['healthz']['rps'] / local['healthz']['rps']:.2f}",
            f"- cached article from Redis ÷ from local memory: "
            f"{redis['article']['rps'] / local['article']['rps']:.2f}",
        ]
    print("\n".join(lines))
    if not args.no_record:
        append_run(
            "Shared state under load",
            f"gunicorn 2 sync workers, DEBUG off, access log on, wrk -t2 -c{args.connections} "
            f"-d{args.duration}s on loopback, same 2-core machine",
            lines,
        )


if __name__ == "__main__":
    main()
