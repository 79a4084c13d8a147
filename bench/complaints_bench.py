"""Figure: latency of the complaint list API with its deadline filter at 100,000
complaints in one city.

Fills Hangzhou's schema with complaints (their cases, every state, received over six
years; the open ones with the deadline now running, some past it, some extended), then
asks, as a signed-in clerk, ``GET /api/v1/overseas_chinese/complaints/``: the first page,
``deadline=overdue``, ``deadline=due_soon``, ``deadline=open``, ``deadline=extended``, a
state, a search by complainant, and a page deep in the open ones. Median and p95 of
``--requests`` requests each; the target is p95 < 100 ms.

    .venv/bin/python bench/complaints_bench.py [--complaints 100000] [--requests 200]
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import time
from urllib.parse import urlencode

import _db
import _report

NAME = "complaints"
TARGET_P95 = 0.100
CITY = "hangzhou"
WARM_UP = 5
SURNAMES = ["陈", "林", "黄", "张", "李", "王", "吴", "刘", "蔡", "杨", "郑", "许", "何", "周", "叶"]
STATES = [
    # state, share, open
    ("received", 0.04, True),
    ("accepted", 0.08, True),
    ("transferred", 0.04, True),
    ("not_accepted", 0.08, False),
    ("replied", 0.16, False),
    ("closed", 0.60, False),
]


def make(city, complaints: int, *, seed: int = 1, batch: int = 2000) -> int:
    from django.db import transaction
    from django.utils import timezone

    from apps.casework.models import Case
    from apps.overseas_chinese.models import CHANNELS, COMPLAINT_SUBJECTS, Complaint

    rng = random.Random(seed)
    units = [unit["code"] for unit in city.profile["submitting_units"]]
    today = timezone.localdate()
    channels, subjects = list(CHANNELS), list(COMPLAINT_SUBJECTS)
    weights = [share for _state, share, _open in STATES]
    made = 0
    while made < complaints:
        size = min(batch, complaints - made)
        with transaction.atomic():
            plans = []
            for _ in range(size):
                state, _share, is_open = rng.choices(STATES, weights=weights)[0]
                received = today - datetime.timedelta(
                    days=rng.randrange(0, 365 * 6) if not is_open else rng.randrange(0, 120)
                )
                plans.append((state, is_open, received))
            cases = Case.objects.bulk_create(
                Case(workflow="overseas_chinese.complaint", title="投诉", state=state)
                for state, _open, _received in plans
            )
            rows = []
            for case, (state, is_open, received) in zip(cases, plans, strict=True):
                made += 1
                accept_due = received + datetime.timedelta(days=21)
                handle_due = (
                    received + datetime.timedelta(days=rng.randrange(60, 110))
                    if state != "received"
                    else None
                )
                extended = state != "received" and rng.random() < 0.05
                due = accept_due if state == "received" else (handle_due if is_open else None)
                name = f"{rng.choice(SURNAMES)}{rng.choice(['先生', '女士'])}{made % 997}"
                title = f"侨益投诉{made}"
                rows.append(
                    Complaint(
                        case=case,
                        title=title,
                        unit_code=rng.choice(units) if state == "transferred" else "",
                        channel=rng.choice(channels),
                        subject=rng.choice(subjects),
                        complainant_name=name,
                        complainant_phone=f"139{made:08d}",
                        details="具体情况",
                        received_on=received,
                        tracking_code=f"B{made:015d}",
                        accept_due=accept_due,
                        handle_due=handle_due,
                        extended=extended,
                        due_on=due,
                        is_open=is_open,
                        search_text=f"{title} {name} 139{made:08d}".lower(),
                    )
                )
            Complaint.objects.bulk_create(rows)
    return made


def clear(city) -> None:
    from django.db import connection

    schema = city.schema_name
    with connection.cursor() as cursor:
        cursor.execute(
            f'TRUNCATE "{schema}"."overseas_chinese_complaint", "{schema}"."casework_caseevent", '
            f'"{schema}"."casework_case" CASCADE'
        )


def analyze(schema: str) -> None:
    """VACUUM ANALYZE: the visibility map and statistics autovacuum keeps in steady state
    (the list's counts are index-only scans, which a freshly loaded table cannot use)."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("casework_case", "overseas_chinese_complaint"):
            cursor.execute(f'VACUUM ANALYZE "{schema}"."{table}"')


def measure(client, label, path, requests) -> list[float]:
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}: {response.content[:300]!r}")
    body = response.json()
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
    return samples


def measure_plain(client, path, requests) -> list[float]:
    for _ in range(WARM_UP):
        client.get(path)
    samples = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(path)
        samples.append(time.perf_counter() - start)
    print(f"floor {path}: {_report.latency(samples)}", flush=True)
    return samples


def run(count: int, requests: int) -> list[_report.Row]:
    from django.db import connection
    from django.test import Client
    from django_tenants.utils import tenant_context

    from apps.accounts import tokens
    from apps.accounts.models import User
    from apps.overseas_chinese.models import Complaint
    from tenants.models import City

    connection.set_schema_to_public()
    city = City.offices.select_related("province").get(code=CITY)
    with tenant_context(city):
        clear(city)
        print(f"generating {count:,} complaints in {CITY} ...", flush=True)
        start = time.perf_counter()
        make(city, count)
        analyze(city.schema_name)
        generation = time.perf_counter() - start
        print(f"generated in {generation:.1f} s", flush=True)
        clerk, _ = User.objects.get_or_create(username="bench_clerk", defaults={"role": "clerk"})
        _token, secret = tokens.issue(user=clerk, name="bench")
        someone = Complaint.objects.order_by("pk")[count // 3]
        open_count = Complaint.objects.filter(is_open=True).count()
    connection.set_schema_to_public()
    client = Client(
        HTTP_HOST=f"{CITY}.localhost",
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_ACCEPT="application/json",
        HTTP_AUTHORIZATION=f"Token {secret}",
    )
    base = "/api/v1/overseas_chinese/complaints/"
    deep = (open_count // 2) // 50 * 50
    scenarios = [
        ("first page", base),
        ("deadline=overdue", f"{base}?deadline=overdue"),
        ("deadline=due_soon", f"{base}?deadline=due_soon"),
        ("deadline=open", f"{base}?deadline=open"),
        ("deadline=extended", f"{base}?deadline=extended"),
        ("state=transferred", f"{base}?state=transferred"),
        ("q=<complainant>", f"{base}?{urlencode({'q': someone.complainant_name})}"),
        (f"deadline=open, offset {deep:,}", f"{base}?deadline=open&offset={deep}"),
    ]
    rows: list[_report.Row] = [(f"generate {count:,} complaints (bulk_create)", f"{generation:.1f} s", "")]
    # The floor under every figure on this machine now: an authenticated API call that
    # reads no list (on a loaded machine the list figures are mostly this).
    floor = measure_plain(client, "/api/v1/me/", requests)
    floor_median, floor_p95 = statistics.median(floor) * 1000, _report.percentile(floor, 0.95) * 1000
    rows.append(
        ("floor: GET /api/v1/me/ (no list)", f"median {floor_median:.0f} ms, p95 {floor_p95:.0f} ms", "")
    )
    for label, path in scenarios:
        samples = measure(client, label, path, requests)
        p95 = _report.percentile(samples, 0.95)
        rows.append(
            (
                f"complaint list API, {count // 1000}k complaints: {label}",
                f"median {statistics.median(samples) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms",
                _report.target(p95 * 1000, TARGET_P95 * 1000, " ms p95"),
            )
        )
    with tenant_context(city):
        clear(city)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    _report.clear(NAME)
    _db.production_settings()
    with _db.bench_django():
        rows = run(args.complaints, args.requests)
    _report.save(NAME, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
