"""The operators' health page at 300 cities: how long its figures take.

``apps.jobs.selectors.health()`` costs four queries whatever the number of cities: the
cities, one UNION ALL over their schemas (migrations applied, latest audit row, latest
sign-in), the schemas' sizes, the queue's counts. Here the per-schema query and the size
query run over 300 schema entries: the five set-up cities' schemas, each named 60 times
(the same work per entry as 300 distinct schemas of that size; cloning 300 real schemas
would take the bench minutes and measure onboarding, see onboarding.py). The whole page
at five cities is measured alongside. Median of ``--runs``; the target is < 1 s at 300
(printed, not asserted).

    .venv/bin/python bench/health_bench.py [--runs 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys

import _db
import _report

NAME = "health"
CITIES = 300
TARGET = 1.0


def run(runs: int) -> list[_report.Row]:
    from apps.jobs import selectors
    from tenants.models import City

    schemas = list(City.offices.values_list("schema_name", flat=True))
    many = (schemas * (CITIES // len(schemas) + 1))[:CITIES]
    known = selectors.known_tenant_migrations()

    def figures() -> None:
        selectors._per_schema(many, known)
        selectors._schema_sizes(many)
        selectors.queue_counts()

    figures()  # warm up
    at_300 = [_report.timed(figures) for _ in range(runs)]
    whole = [_report.timed(selectors.health) for _ in range(runs)]
    median = statistics.median(at_300)
    return [
        (
            f"health figures, {CITIES} cities (3 queries)",
            _report.spread(at_300),
            _report.target(median, TARGET, " s"),
        ),
        (f"health page data, {len(schemas)} cities (4 queries)", _report.spread(whole), ""),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    _report.clear(NAME)
    with _db.bench_django():
        rows = run(args.runs)
    _report.save(NAME, rows)
    print(_report.table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
