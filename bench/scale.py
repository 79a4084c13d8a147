"""Figure: waiban at 300 cities, beside a bare django-tenants project (bench/baseline/).

Onboards clones of Hangzhou's profile until there are ``--cities`` offices (the last five
timed: onboarding at that size), then times a no-op ``migrate_schemas`` (our command: the
schemas behind only), the operators' city list (signed in, DEBUG off), the routing
stamp check and the host table's load, and a worker's routing memory (table and profiles
kept, after a request to every city) at five cities and at ``--cities``. Then runs
bench/baseline/run.py (stock django-tenants, its own database, the same number of
tenants) and prints both side by side.

    .venv/bin/python bench/scale.py [--cities 300] [--requests 50]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import tracemalloc

import _db
import _report
from onboarding import onboard

NAME = "scale"
ONBOARD_TARGET = 1.0  # seconds
MIGRATE_TARGET = 10.0  # seconds
PAGE_TARGET = 0.100  # seconds p95
PROFILES_KEPT = 64  # tenants.routing_table.PROFILES_KEPT


def offices() -> int:
    from django.db import connection

    from tenants.models import City

    connection.set_schema_to_public()
    return City.offices.count()


def routing_memory() -> tuple[int, int, float]:
    """Bytes a worker keeps for routing: the host table, and the profiles kept after one
    request to every city (at most ``PROFILES_KEPT`` of them); the table's load in seconds."""
    from tenants import routing_table

    routing_table.forget()
    tracemalloc.start()
    start = time.perf_counter()
    table = routing_table.current()
    load = time.perf_counter() - start
    table_bytes, _peak = tracemalloc.get_traced_memory()
    for host in list(table.cities):
        routing_table.city_for_host(host)
    kept, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return table_bytes, kept - table_bytes, load


def add_cities(total: int) -> list[float]:
    """Onboards clones of Hangzhou until ``total`` offices; the seconds of the last five."""
    have = offices()
    samples = []
    start = time.perf_counter()
    for number in range(have + 1, total + 1):
        samples.append(onboard(f"bench_city_{number:03d}")[0])
        if number % 50 == 0:
            print(f"  {number} cities, {time.perf_counter() - start:.0f} s", flush=True)
    return samples[-5:]


def city_list_latency(requests: int) -> list[float]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from apps.accounts.models import User

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    connection.set_schema_to_public()
    operator, _ = User.objects.get_or_create(username="bench_operator", defaults={"role": "operator"})
    client = Client(HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https")
    client.force_login(operator)
    path = "/"
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    for _ in range(3):
        client.get(path)
    samples = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(path)
        samples.append(time.perf_counter() - start)
    return samples


def stamp_check() -> float:
    from tenants import routing_table

    samples = [_report.timed(routing_table.stamp) for _ in range(200)]
    return statistics.median(samples)


def time_migrate(runs: int) -> float:
    from django.core.management import call_command
    from django.db import connection

    samples = []
    for _ in range(runs):
        connection.set_schema_to_public()
        samples.append(_report.timed(lambda: call_command("migrate_schemas", interactive=False, verbosity=0)))
    return statistics.median(samples)


def baseline(cities: int, requests: int) -> dict[str, str]:
    """Runs bench/baseline/run.py in its own process; its figures by key."""
    _report.clear("baseline")
    result = subprocess.run(
        [sys.executable, "baseline/run.py", "--cities", str(cities), "--requests", str(requests)],
        cwd=_db.BENCH_DIR, env=os.environ.copy(),
    )  # fmt: skip
    if result.returncode != 0:
        return {}
    return {key: value for key, value, _target in _report.load("baseline")}


def run(cities: int, requests: int) -> list[_report.Row]:
    table_small, profiles_small, load_small = routing_memory()
    small = offices()
    print(
        f"routing at {small} cities: table {table_small / 1024:.0f} kB, "
        f"profiles {profiles_small / 1024:.0f} kB, table load {load_small * 1000:.1f} ms"
    )
    print(f"adding cities up to {cities} ...", flush=True)
    onboarding = add_cities(cities)
    print(f"onboarding at {cities} cities: {_report.spread(onboarding)}", flush=True)
    migrate = time_migrate(2)
    print(f"migrate_schemas, nothing to do, {cities} cities: {migrate:.2f} s", flush=True)
    page = city_list_latency(requests)
    print(f"operators' city list, {cities} cities: {_report.latency(page)}", flush=True)
    table_large, profiles_large, load_large = routing_memory()
    print(
        f"routing at {cities} cities: table {table_large / 1024:.0f} kB, "
        f"profiles {profiles_large / 1024:.0f} kB, table load {load_large * 1000:.1f} ms"
    )
    stamp = stamp_check()
    print(f"routing stamp check: {stamp * 1000:.2f} ms", flush=True)

    print("\nbaseline (bare django-tenants) ...", flush=True)
    base = baseline(cities, requests)

    def beside(key: str) -> str:
        return f" | baseline {base[key]}" if key in base else ""

    onboard_median = statistics.median(onboarding)
    page_p95 = _report.percentile(page, 0.95)
    return [
        (
            f"onboard one city at {cities} cities (median of last {len(onboarding)})",
            f"{onboard_median:.3f} s{beside('onboard')}",
            _report.target(onboard_median, ONBOARD_TARGET, " s"),
        ),
        (
            f"migrate_schemas no-op, {cities} cities",
            f"{migrate:.2f} s{beside('migrate')}",
            _report.target(migrate, MIGRATE_TARGET, " s"),
        ),
        (
            f"operators' city list, {cities} cities (p95)",
            f"{page_p95 * 1000:.0f} ms{beside('page')}",
            _report.target(page_p95 * 1000, PAGE_TARGET * 1000, " ms"),
        ),
        (
            f"worker routing memory, table: {small} / {cities} cities",
            f"{table_small / 1024:.0f} / {table_large / 1024:.0f} kB",
            "",
        ),
        (
            f"  profiles kept after a request to each city: {small} / {cities} cities",
            f"{profiles_small / 1024:.0f} / {profiles_large / 1024:.0f} kB",
            f"at most {PROFILES_KEPT} cities' profiles",
        ),
        (
            f"host table load: {small} / {cities} cities; stamp check",
            f"{load_small * 1000:.1f} / {load_large * 1000:.1f} ms; {stamp * 1000:.2f} ms",
            "",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", type=int, default=300)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    _report.clear(NAME)
    _db.production_settings()
    with _db.bench_django():
        rows = run(args.cities, args.requests)
    _report.save(NAME, rows)


if __name__ == "__main__":
    main()
