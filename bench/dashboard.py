"""Figure 6: the provincial dashboard at 5, 100 and 300 cities of 2,000 trips each.

The dashboard reads only the public schema (``ProvinceFigure``, the province's sums of the
cities' ``MonthlyFigure`` counters, and ``EscalatedCase``), so the
cities beyond Zhejiang's own two (Hangzhou, Quzhou) are City rows made with
``bulk_create`` (no ``save()``, so no schema and no domain) in Zhejiang. Every city gets
the counters 2,000 approved trips over the last 24 months leave (computed as
``apps.trips.hooks._count_approved`` counts them: delegations, people, person-days, by
kind of unit, by kind, by destination among ~40 countries; a few limit overrides; the
monthly overdue snapshots of the reminder run) and its escalations (3 pending, 20
decided). A province reviewer (public schema, unit=zhejiang) signed in on
``zhejiang.localhost`` then asks for "/" (the dashboard of the current half-year) through
Django's test client with production settings (DEBUG off, hashed static files). The
figure is the median and p95 of ``--requests`` requests at each size. The cities,
figures and escalations made here are deleted at the end (the reviewer's account stays).

    .venv/bin/python bench/dashboard.py [--cities 5 100 300] [--trips 2000] [--requests 100]
"""

from __future__ import annotations

import argparse
import datetime
import random
import re
import statistics
import sys
import time
from collections import Counter

import _db
import _report
from _trips_data import DESTINATION_WEIGHTS, DESTINATIONS

NAME = "dashboard"
PROVINCE = "zhejiang"
PREFIX = "bench_zj_"
TARGET_AT_LARGEST = 0.100  # seconds (p95), at 300 cities
MONTHS = 24
VARIANTS = 8  # distinct simulated cities; the others repeat them (the values do not matter)
WARM_UP = 5
PASSWORD = "bench-province-reviewer-1"  # a throw-away account in the bench database


def months_back(today: datetime.date, count: int) -> list[datetime.date]:
    first, months = today.replace(day=1), []
    for _ in range(count):
        months.append(first)
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return months[::-1]


def simulate_city(seed: int, trips: int, months: list[datetime.date], unit_kinds: list[str]) -> Counter:
    """{(month, metric, key): value} as ``trips`` approved delegations count them."""
    rng = random.Random(seed)
    counters: Counter = Counter()
    for _ in range(trips):
        month = rng.choice(months)
        members = rng.choices([1, 2, 3], [3, 4, 3])[0]
        days = rng.randint(3, 8)
        hkmo = rng.random() < 0.15
        if hkmo:
            codes = rng.sample(["HK", "MO"], rng.choice([1, 1, 2]))
        else:
            codes = list(
                dict.fromkeys(rng.choices(DESTINATIONS, DESTINATION_WEIGHTS, k=rng.choice([1, 1, 2, 2, 3])))
            )
        counters[(month, "trips.delegations", "")] += 1
        counters[(month, "trips.people", "")] += members
        counters[(month, "trips.days", "")] += days * members
        counters[(month, "trips.by_unit_kind", rng.choice(unit_kinds))] += 1
        counters[(month, "trips.by_kind", "hkmo" if hkmo else "abroad")] += 1
        for code in codes:
            counters[(month, "trips.by_destination", code)] += 1
        if rng.random() < 0.02:
            counters[
                (month, "trips.overrides", rng.choice(["max_days", "max_members", "max_countries"]))
            ] += 1
    for month in months:  # the reminder run's snapshots (set, not added)
        counters[(month, "trips.overdue_documents", "")] = rng.randrange(0, 6)
        counters[(month, "trips.overdue_reports", "")] = rng.randrange(0, 10)
    return counters


class Builder:
    """Adds cities with their figures and escalations to the province, up to a count."""

    def __init__(self, province, trips: int, today: datetime.date):
        from tenants.models import City

        self.province = province
        self.today = today
        self.months = months_back(today, MONTHS)
        hangzhou = City.offices.get(code="hangzhou")
        kinds = sorted({unit.get("kind", "other") for unit in hangzhou.profile["submitting_units"]})
        self.variants = [simulate_city(seed, trips, self.months, kinds) for seed in range(VARIANTS)]
        self.cities = list(City.offices.filter(province=province).order_by("code"))
        self.filled: set[int] = set()
        self.delegations_in: dict[int, int] = {}  # city id -> delegations in the dashboard's window

    def grow(self, total: int) -> None:
        from tenants.models import City

        missing = total - len(self.cities)
        if missing > 0:
            start = len(self.cities)
            self.cities += City.objects.bulk_create(
                City(
                    schema_name=f"{PREFIX}{number:03d}",
                    code=f"{PREFIX}{number:03d}",
                    name_zh=f"模拟市{number:03d}",
                    name_en=f"Bench City {number:03d}",
                    province=self.province,
                    profile={},
                )
                for number in range(start + 1, start + missing + 1)
            )
        self.fill([city for city in self.cities[:total] if city.pk not in self.filled])

    def fill(self, cities) -> None:
        from django.utils import timezone

        from apps.reporting.models import EscalatedCase, MonthlyFigure

        since, until = window(self.today)
        figures, escalations = [], []
        for city in cities:
            counters = self.variants[city.pk % VARIANTS]
            figures += [
                MonthlyFigure(
                    province=self.province, city=city, month=month, metric=metric, key=key, value=value
                )
                for (month, metric, key), value in counters.items()
            ]
            self.delegations_in[city.pk] = sum(
                value for (month, metric, _), value in counters.items()
                if metric == "trips.delegations" and since <= month <= until
            )  # fmt: skip
            rng = random.Random(city.pk)
            for number in range(23):
                state = (
                    "pending" if number < 3 else rng.choice(["approved", "approved", "approved", "rejected"])
                )
                escalated = timezone.now() - datetime.timedelta(days=rng.randrange(3 if number < 3 else 700))
                escalations.append(EscalatedCase(
                    province=self.province, city=city, case_id=10_000 + number, workflow="trips.delegation",
                    title=f"{city.name_zh}市领导赴日本、韩国经贸考察团", summary=SUMMARY, state=state,
                    escalated_at=escalated,
                    decided_at=None if state == "pending" else escalated + datetime.timedelta(days=3),
                    decided_by="" if state == "pending" else "zj_reviewer",
                ))  # fmt: skip
            self.filled.add(city.pk)
        MonthlyFigure.objects.bulk_create(figures, batch_size=5000)
        EscalatedCase.objects.bulk_create(escalations, batch_size=2000)
        # The province's sums, as the cities' transactions would have kept them.
        from apps.provincial.services import rebuild_province_figures

        rebuild_province_figures(self.province)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE provincial_monthlyfigure")
            cursor.execute("ANALYZE provincial_provincefigure")
            cursor.execute("ANALYZE provincial_escalatedcase")
            cursor.execute("ANALYZE tenants_city")


SUMMARY = {
    "kind": "abroad", "title": "市领导赴日本、韩国经贸考察团", "unit": "commerce_bureau",
    "purpose": "经贸考察：与对方会谈，考察相关机构。",
    "inviter": "Japan Chamber of Commerce and Industry (JP)",
    "departure": "2026-12-01", "return_date": "2026-12-06", "budget": "180000.00",
    "destinations": [{"country": "JP", "name": "日本", "arrive": "2026-12-01", "leave": "2026-12-03"},
                     {"country": "KR", "name": "韩国", "arrive": "2026-12-04", "leave": "2026-12-06"}],
    "members": [{"name": "王建国", "gender": "M", "birth_date": "1968-03-02", "unit": "杭州市人民政府",
                 "position": "副市长", "rank": "department"},
                {"name": "李芳", "gender": "F", "birth_date": "1979-10-12", "unit": "杭州市商务局",
                 "position": "处长", "rank": "division"}],
}  # fmt: skip


def window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The dashboard's default period: the current half-year (as views._period)."""
    first = 1 if today.month <= 6 else 7
    return datetime.date(today.year, first, 1), datetime.date(today.year, first + 5, 1)


def sign_in():
    from django.test import Client

    from apps.accounts.models import User

    reviewer, _ = User.objects.get_or_create(
        username="bench_zj_reviewer", defaults={"role": "province_reviewer", "unit": PROVINCE}
    )
    reviewer.set_password(PASSWORD)
    reviewer.save()
    client = Client(HTTP_HOST=f"{PROVINCE}.localhost", HTTP_X_FORWARDED_PROTO="https")
    response = client.post("/accounts/sign-in/", {"username": "bench_zj_reviewer", "password": PASSWORD})
    if response.status_code != 302:
        raise RuntimeError(f"the province reviewer could not sign in ({response.status_code})")
    return client


def queries_of(client) -> str:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    queries = [q for q in captured.captured_queries if not q["sql"].startswith("SET search_path")]
    total = sum(float(q["time"]) for q in queries)
    worst = max(queries, key=lambda q: float(q["time"]))
    return (
        f"{len(queries)} queries, {total * 1000:.0f} ms in the database; slowest "
        f"{float(worst['time']) * 1000:.0f} ms: {worst['sql'][:150]}"
    )


def measure(client, builder: Builder, cities: int, requests: int) -> list[float]:
    from django.db import connection

    connection.set_schema_to_public()
    page = client.get("/")
    if page.status_code != 200:
        raise RuntimeError(f"the dashboard answered {page.status_code}")
    shown = re.search(r'data-figure="trips.delegations">(\d+)<', page.content.decode())
    expected = sum(builder.delegations_in[city.pk] for city in builder.cities[:cities])
    if not shown or int(shown.group(1)) != expected:
        raise RuntimeError(f"the dashboard shows {shown and shown.group(1)} delegations, not {expected}")
    for _ in range(WARM_UP):
        client.get("/")
    samples = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get("/")
        samples.append(time.perf_counter() - start)
    print(f"{cities} cities: {_report.latency(samples)}; page {len(page.content) // 1024} KB, "
          f"{expected:,} delegations in the half-year", flush=True)  # fmt: skip
    print(f"  {queries_of(client)}", flush=True)
    return samples


def cleanup() -> None:
    from django.db import connection

    from apps.reporting.models import EscalatedCase, MonthlyFigure, ProvinceFigure
    from tenants import routing_table
    from tenants.models import City

    connection.set_schema_to_public()
    MonthlyFigure.objects.filter(province__code=PROVINCE).delete()
    ProvinceFigure.objects.filter(province__code=PROVINCE).delete()
    EscalatedCase.objects.filter(province__code=PROVINCE).delete()
    # Plain DELETE: the collector would look for related rows in city-schema tables (that
    # these schema-less cities do not have); no schema to drop either, none was made.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {City._meta.db_table} WHERE code LIKE %s", [PREFIX + "%"])  # noqa: S608
    routing_table.forget()


def run(sizes: list[int], trips: int, requests: int) -> list[_report.Row]:
    from django.db import connection
    from django.utils import timezone

    from tenants.models import Province

    connection.set_schema_to_public()
    cleanup()  # e.g. the counters the approvals benchmark left
    province = Province.objects.get(code=PROVINCE)
    builder = Builder(province, trips, timezone.localdate())
    client = sign_in()
    rows: list[_report.Row] = []
    medians: dict[int, float] = {}
    try:
        for size in sizes:
            start = time.perf_counter()
            builder.grow(size)
            print(f"{size} cities of {trips:,} trips: figures and escalations made in "
                  f"{time.perf_counter() - start:.1f} s", flush=True)  # fmt: skip
            samples = measure(client, builder, size, requests)
            p95 = _report.percentile(samples, 0.95)
            medians[size] = statistics.median(samples)
            last = size == sizes[-1]
            rows.append((
                f"province dashboard, {size} cities x {trips:,} trips",
                f"median {medians[size] * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms",
                _report.target(p95 * 1000, TARGET_AT_LARGEST * 1000, " ms p95") if last else "",
            ))  # fmt: skip
    finally:
        cleanup()
    smallest, largest = sizes[0], sizes[-1]
    growth = medians[largest] / medians[smallest]
    print(f"{largest / smallest:.0f}x the cities: {growth:.1f}x the median time", flush=True)
    ratio = largest / smallest
    verdict = "met" if growth <= ratio**0.5 else "NOT met"
    rows.append((
        f"  growth of the median, {smallest} -> {largest} cities ({ratio:.0f}x)", f"{growth:.1f}x",
        f"<= sqrt({ratio:.0f}) = {ratio**0.5:.1f}x: {verdict}",
    ))  # fmt: skip
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", type=int, nargs="+", default=[5, 100, 300])
    parser.add_argument("--trips", type=int, default=2000, help="approved trips per city")
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    _report.clear(NAME)
    _db.production_settings()
    with _db.bench_django():
        _db.collect_static()
        rows = run(sorted(args.cities), args.trips, args.requests)
    _report.save(NAME, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
