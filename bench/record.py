"""Appending a benchmark run to docs/benchmarks.md: a dated heading, the command that
reproduces it (this script's own command line) with the conditions, then its table."""

import datetime
import sys
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def append_run(title, conditions, lines):
    command = " ".join(["python", f"bench/{Path(sys.argv[0]).name}", *sys.argv[1:]])
    with open(DOC, "a", encoding="utf-8") as fh:
        fh.write(
            f"\n## {title}, {datetime.datetime.now():%Y-%m-%d %H:%M}\n\n"
            f"Command: `{command}` ({conditions})\n\n" + "\n".join(lines) + "\n"
        )
