"""The baseline: a bare django-tenants project (stock middleware, stock clone of its base
schema, stock migrate_schemas, one tenant app), on its own database
(``waiban_bench_baseline``, dropped at the end), at the same number of tenants.

    .venv/bin/python bench/baseline/run.py [--cities 300] [--requests 50]

Saves its figures for bench/scale.py, which prints them beside waiban's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import _db  # noqa: E402
import _report  # noqa: E402

DATABASE = f"{_db.DATABASE_NAME}_baseline"


def new_tenant(schema: str) -> float:
    from customers.models import Client, Domain

    start = time.perf_counter()
    tenant = Client(schema_name=schema, name=schema)
    tenant.save(verbosity=0)
    Domain.objects.create(domain=f"{schema}.localhost", tenant=tenant, is_primary=True)
    return time.perf_counter() - start


def run(cities: int, requests: int) -> list[_report.Row]:
    from customers.models import Client, Domain
    from django.core.management import call_command
    from django.test import Client as TestClient

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    public = Client.objects.create(schema_name="public", name="public")
    Domain.objects.create(domain="localhost", tenant=public, is_primary=True)
    Client(schema_name="template", name="template").save(verbosity=0)  # the base schema
    start = time.perf_counter()
    samples = []
    for number in range(1, cities + 1):
        samples.append(new_tenant(f"t{number:03d}"))
        if number % 50 == 0:
            print(f"  baseline: {number} tenants, {time.perf_counter() - start:.0f} s", flush=True)
    onboard = statistics.median(samples[-5:])
    print(f"baseline: new tenant at {cities} tenants: {_report.spread(samples[-5:])}", flush=True)

    migrate = _report.timed(lambda: call_command("migrate_schemas", interactive=False, verbosity=0))
    print(f"baseline: migrate_schemas, nothing to do, {cities} tenants: {migrate:.2f} s", flush=True)

    client = TestClient(HTTP_HOST="localhost")
    for _ in range(3):
        client.get("/")
    page = []
    for _ in range(requests):
        began = time.perf_counter()
        client.get("/")
        page.append(time.perf_counter() - began)
    print(f"baseline: public list of {cities} tenants: {_report.latency(page)}", flush=True)
    return [
        ("onboard", f"{onboard:.3f} s", ""),
        ("migrate", f"{migrate:.2f} s", ""),
        ("page", f"{_report.percentile(page, 0.95) * 1000:.0f} ms", ""),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", type=int, default=300)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    url = _db.bench_url(_db.server_url(), DATABASE)
    _db.create(url, DATABASE)
    try:
        os.environ["BASELINE_DATABASE_URL"] = url
        os.environ["DJANGO_SETTINGS_MODULE"] = "baseline_site.settings"
        import django

        django.setup()
        rows = run(args.cities, args.requests)
        from django.db import connections

        connections.close_all()
    finally:
        _db.drop(url, DATABASE)
    _report.save("baseline", rows)


if __name__ == "__main__":
    main()
