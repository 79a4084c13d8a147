"""Figure 4: latency of the trip list API at 100,000 delegations in one city.

Fills Hangzhou's schema with 100,000 delegations (cases, 1-3 members, 1-2 destinations
each, states as an office's files have them: see ``_trips_data.py``), then asks
``GET /api/v1/trips/delegations/`` as a signed-in clerk (token), in this process through
Django's test client on ``hangzhou.localhost`` with production settings (DEBUG off): the
first page, a search by state, by a person's name, both, and a page in the middle
(``offset``). The figure is the median and p95 of ``--requests`` requests each, after a
few to warm up; the list is paginated (LimitOffsetPagination, 50 a page), so every
answer carries ``count`` and 50 rows.

    .venv/bin/python bench/trip_list.py [--delegations 100000] [--requests 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from urllib.parse import urlencode

import _db
import _report
import _trips_data

NAME = "trip_list"
TARGET_P95 = 0.100  # seconds
CITY = "hangzhou"
WARM_UP = 5


def generate(city, count: int) -> None:
    start = time.perf_counter()

    def progress(done: int) -> None:
        if done % 20000 == 0 or done == count:
            print(f"  {done:>7,} delegations, {time.perf_counter() - start:.0f} s", flush=True)

    _trips_data.make_delegations(city, count, progress=progress)
    _trips_data.analyze(city.schema_name)
    seconds = time.perf_counter() - start
    print(f"generated {count:,} delegations in {seconds:.1f} s ({count / seconds:,.0f}/s)", flush=True)
    return seconds


def slowest_query(client, path: str) -> str:
    """How many queries one request makes, and the slowest of them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    queries = [q for q in captured.captured_queries if not q["sql"].startswith("SET search_path")]
    worst = max(queries, key=lambda q: float(q["time"]))
    return f"{len(queries)} queries, slowest {float(worst['time']) * 1000:.0f} ms: {worst['sql'][:160]}"


def measure(client, label: str, path: str, requests: int, expect_rows: bool = True) -> list[float]:
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}: {response.content[:300]!r}")
    body = response.json()
    if expect_rows and not body["results"]:
        raise RuntimeError(f"{path} found nothing")
    for _ in range(WARM_UP):
        client.get(path)
    samples = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(path)
        samples.append(time.perf_counter() - start)
    print(
        f"{label}: {_report.latency(samples)}; count={body['count']:,}, rows={len(body['results'])}",
        flush=True,
    )
    print(f"  {slowest_query(client, path)}", flush=True)
    return samples


def run(count: int, requests: int) -> list[_report.Row]:
    from django.db import connection
    from django.test import Client
    from django_tenants.utils import tenant_context

    from apps.accounts import tokens
    from apps.accounts.models import User
    from apps.trips.models import Member
    from tenants.models import City

    connection.set_schema_to_public()
    city = City.offices.select_related("province").get(code=CITY)
    with tenant_context(city):
        _trips_data.clear(city)
        print(f"generating {count:,} delegations in {CITY} ...", flush=True)
        generation = generate(city, count)
        clerk, _ = User.objects.get_or_create(username="bench_clerk", defaults={"role": "clerk"})
        _token, secret = tokens.issue(user=clerk, name="bench")
        # A person who travelled several times: the search by name finds a handful of trips.
        name = Member.objects.order_by("pk").values_list("name", flat=True)[count // 2]
        # A two-character name (surname + one character): pg_trgm's trigrams cannot index it.
        short = Member.objects.filter(name__regex=r"^..$").order_by("pk").values_list("name", flat=True)
        short_name = short[short.count() // 2] if short.exists() else name[:2]
    connection.set_schema_to_public()

    client = Client(
        HTTP_HOST=f"{CITY}.localhost",
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_ACCEPT="application/json",
        HTTP_AUTHORIZATION=f"Token {secret}",
    )
    base = "/api/v1/trips/delegations/"
    middle = (count // 2) // 50 * 50
    scenarios = [
        ("first page", base),
        ("state=in_review", f"{base}?state=in_review"),
        (f"q=<name> ({name})", f"{base}?{urlencode({'q': name})}"),
        ("state=in_review & q=<name>", f"{base}?{urlencode({'state': 'in_review', 'q': name})}"),
        (f"q=<two-character name> ({short_name})", f"{base}?{urlencode({'q': short_name})}"),
        ("q=<word> (council)", f"{base}?{urlencode({'q': 'council'})}"),
        (f"page at offset {middle:,}", f"{base}?offset={middle}"),
    ]
    rows: list[_report.Row] = [(f"generate {count:,} delegations (bulk_create)", f"{generation:.1f} s", "")]
    for label, path in scenarios:
        samples = measure(client, label, path, requests, expect_rows="state=in_review & q" not in label)
        p95 = _report.percentile(samples, 0.95)
        rows.append((
            f"trip list API, {count // 1000}k delegations: {label.split(' (')[0]}",
            f"median {statistics.median(samples) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms",
            _report.target(p95 * 1000, TARGET_P95 * 1000, " ms p95"),
        ))  # fmt: skip

    with tenant_context(city):
        _trips_data.clear(city)  # the next benchmark starts from an empty city
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegations", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    _report.clear(NAME)
    _db.production_settings()
    with _db.bench_django():
        rows = run(args.delegations, args.requests)
    _report.save(NAME, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
