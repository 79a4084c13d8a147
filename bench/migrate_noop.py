"""Figure 2: ``migrate_schemas`` with nothing to do, at 5 cities and at 100 cities.

Times ``call_command("migrate_schemas", interactive=False, verbosity=0)`` (public schema,
template and every city, all up to date) on the bench database as set up (five cities),
then onboards cities cloned from Hangzhou's profile up to 100 and times it again. The
onboardings on the way are timed too: cloning should not slow down as cities accumulate.

    .venv/bin/python bench/migrate_noop.py [--cities 100] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

import _db
import _report
from onboarding import onboard

TIME_LIMIT_SECONDS = 240  # adding cities stops here, whatever the count reached


def time_migrate(runs: int) -> float:
    """Median seconds of a no-op ``migrate_schemas`` over ``runs`` calls."""
    from django.core.management import call_command
    from django.db import connection

    samples = []
    for _ in range(runs):
        connection.set_schema_to_public()
        samples.append(_report.timed(lambda: call_command("migrate_schemas", interactive=False, verbosity=0)))
    return statistics.median(samples)


def counts() -> tuple[int, int]:
    """(offices, schemas migrate_schemas walks: offices + template + public)."""
    from django.db import connection

    from tenants.models import City

    connection.set_schema_to_public()
    return City.offices.count(), City.objects.count() + 1


def add_cities(total: int) -> list[float]:
    """Onboards clones of Hangzhou until there are ``total`` offices; their timings."""
    offices, _ = counts()
    deadline = time.monotonic() + TIME_LIMIT_SECONDS
    samples = []
    for number in range(offices + 1, total + 1):
        if time.monotonic() > deadline:
            print(f"  stopped adding cities after {TIME_LIMIT_SECONDS} s", flush=True)
            break
        samples.append(onboard(f"bench_city_{number:03d}")[0])
    return samples


def measure(runs: int) -> _report.Row:
    offices, schemas = counts()
    seconds = time_migrate(runs)
    print(
        f"migrate_schemas, nothing to do, {offices} cities ({schemas} schemas): {seconds:.3f} s, "
        f"{seconds / schemas * 1000:.0f} ms per schema",
        flush=True,
    )
    return (f"migrate_schemas no-op, {offices} cities (median of {runs})", f"{seconds:.3f} s", "")


def run(cities: int, runs: int) -> list[_report.Row]:
    rows: list[_report.Row] = []
    rows.append(measure(runs))

    start = time.perf_counter()
    added = add_cities(cities)
    print(
        f"added {len(added)} cities by cloning in {time.perf_counter() - start:.1f} s; "
        f"each: {_report.spread(added)}",
        flush=True,
    )
    if added:
        rows.append((f"  onboard by clone while adding {len(added)} cities", _report.spread(added), ""))

    rows.append(measure(runs))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    _report.clear("migrate_noop")
    with _db.bench_django():
        rows = run(args.cities, args.runs)
    _report.save("migrate_noop", rows)


if __name__ == "__main__":
    main()
