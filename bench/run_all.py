"""``make bench``: every benchmark on one throw-away database, then one table of figures.

The bench database (``waiban_bench`` on the developer's server, see ``_db.py``) is built
once here and dropped at the end; each benchmark runs in its own process against it.
Nothing here is asserted: the figures are printed with their targets.

    .venv/bin/python bench/run_all.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

import _db
import _report

# name, script, arguments, quick arguments
BENCHMARKS = [
    ("onboarding", "onboarding.py", [], ["--clones", "2", "--migrations", "1"]),
    ("routing", "routing.py", [], ["--rounds", "2", "--seconds", "1"]),
    ("migrate_noop", "migrate_noop.py", [], ["--cities", "12", "--runs", "1"]),
    # These fill Hangzhou and Zhejiang and empty them again at the end.
    ("trip_list", "trip_list.py", [], ["--delegations", "5000", "--requests", "20"]),
    ("invitation_register", "invitation_register.py", [], ["--invitees", "5000", "--requests", "20"]),
    ("complaints", "complaints_bench.py", [], ["--complaints", "5000", "--requests", "20"]),
    ("partners", "partners_bench.py", [], ["--partners", "5000", "--links", "50000", "--requests", "20"]),
    ("approvals", "approvals.py", [], ["--cases", "20", "--concurrent-cases", "10"]),
    ("dashboard", "dashboard.py", [], ["--cities", "5", "30", "--trips", "500", "--requests", "20"]),
    ("receptions", "receptions_bench.py", ["--db"], ["--db", "--runs", "5"]),
    # Fills Guangzhou with 5,000 calendar items (conferences and trips) and empties it again.
    ("calendar", "calendar_bench.py", [], ["--requests", "10"]),
    ("health", "health_bench.py", [], ["--runs", "3"]),
    # Last: adds cities up to 300 (then a bare django-tenants baseline, its own database).
    ("scale", "scale.py", [], ["--cities", "20", "--requests", "10"]),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, for a smoke check")
    args = parser.parse_args()

    url = _db.bench_url(_db.server_url())
    print(f"bench database {_db.DATABASE_NAME}: setting up the platform ...", flush=True)
    _db.create(url)
    failed = []
    try:
        setup = subprocess.run(
            [sys.executable, "_db.py"],
            cwd=_db.BENCH_DIR, env={**os.environ, "DATABASE_URL": url},
        )  # fmt: skip
        if setup.returncode != 0:
            return setup.returncode
        environment = {**os.environ, "DATABASE_URL": url, _db.PREPARED: "1"}
        for name, script, arguments, quick in BENCHMARKS:
            print(f"\n== {name} ==", flush=True)
            _report.clear(name)
            start = time.perf_counter()
            result = subprocess.run(
                [sys.executable, script, *(quick if args.quick else arguments)],
                cwd=_db.BENCH_DIR, env=environment,
            )  # fmt: skip
            print(f"({name}: {time.perf_counter() - start:.0f} s)", flush=True)
            if result.returncode != 0:
                failed.append(name)
    finally:
        _db.drop(url)

    rows = [row for name, *_ in BENCHMARKS for row in _report.load(name)]
    print("\n== figures ==")
    print(_report.table([("figure", "value", "target"), *rows]))
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
