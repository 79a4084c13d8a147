"""The leaders' foreign-affairs calendar: month view and ICS feed for one office with
5,000 items.

Fills Guangzhou's schema with 4,000 approved conferences (the protocol division in
charge, the director attending, over the next twelve months) and 500 approved delegations
(1,000 departures and returns) - 5,000 calendar items - then asks, as a signed-in clerk
of the protocol division, through Django's test client with production settings:
``GET /agenda/`` (the month view of the busiest month, every module asked, conflicts
computed) and ``GET /agenda/feed/<token>.ics`` (the clerk's own feed: 30 days back, a
year ahead). A second run puts all 5,000 items in one month (the worst month imaginable).
Median and p95 of ``--requests`` requests each; the goal is p95 < 100 ms (printed, not
asserted). A plain signed-in page (the inbox) is measured alongside: on a loaded machine it
shows what any page costs there.

    .venv/bin/python bench/calendar_bench.py [--requests 30]
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from decimal import Decimal

import _db
import _report
import _trips_data

NAME = "calendar"
TARGET_P95 = 0.100
CITY = "guangzhou"
DATABASE = "waiban_bench_calendar"
PASSWORD = "bench-calendar-password"
WARM_UP = 3
ENTRY_MARK = b'class="calendar-entry'


def make_conferences(city, count: int, first_day: datetime.date, span_days: int, leader) -> None:
    from django.db import transaction
    from django.utils import timezone

    from apps.casework.models import Case
    from apps.conferences.models import Conference, ParticipantCountry

    rng = random.Random(7)
    units = city.profile["submitting_units"]
    venues = ["国际会议中心", "白云国际会议中心", "琶洲国际会展中心", "花园酒店", "白天鹅宾馆", "中山纪念堂"]
    now = timezone.now()
    for start in range(0, count, 1000):
        cases, conferences = [], []
        for n in range(start, min(count, start + 1000)):
            unit = rng.choice(units)
            first = first_day + datetime.timedelta(days=rng.randrange(span_days))
            title = f"国际合作论坛（{n + 1}）"
            cases.append(Case(
                workflow="conferences.conference", title=title, state="issued", unit_code=unit["code"],
                chain=["reviewer", "division_head"], step=2, version=4, submitted_at=now, decided_at=now,
                facts={"foreign_participants": 20},
            ))  # fmt: skip
            conferences.append(Conference(
                title=title, name_en=f"International Cooperation Forum {n + 1}", kind="forum",
                unit_code=unit["code"], unit_kind=unit.get("kind", ""), responsible_person="陈明",
                responsible_phone="020-1", start=first, end=first + datetime.timedelta(days=rng.randrange(2)),
                venue=rng.choice(venues), total_participants=100, foreign_participants=20, sponsors="市政府",
                budget=Decimal(100000), funding="fiscal", security_plan="-", health_plan="-",
                division="protocol", office_leader=leader if rng.random() < 0.3 else None, scale="small",
                search_text=title,
            ))  # fmt: skip
        with transaction.atomic():
            Case.objects.bulk_create(cases)
            for case, conference in zip(cases, conferences, strict=True):
                conference.case = case
            Conference.objects.bulk_create(conferences)
            ParticipantCountry.objects.bulk_create(
                ParticipantCountry(conference=c, country="JP", participants=20) for c in conferences
            )


def clear(city) -> None:
    from apps.casework.models import Case
    from apps.conferences.models import Conference, ParticipantCountry

    ParticipantCountry.objects.all().delete()
    Conference.objects.all().delete()
    Case.objects.filter(workflow="conferences.conference").delete()
    _trips_data.clear(city)


def measure(client, label: str, path: str, requests: int, check) -> list[float]:
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}: {response.content[:300]!r}")
    detail = check(response)
    for _ in range(WARM_UP):
        client.get(path)
    samples = []
    for _ in range(requests):
        begin = time.perf_counter()
        client.get(path)
        samples.append(time.perf_counter() - begin)
    print(f"{label}: {_report.latency(samples)}; {detail}", flush=True)
    return samples


def scenario(city, requests: int, *, one_month: bool) -> list[_report.Row]:
    from django.db import connection
    from django.test import Client
    from django.utils import timezone
    from django_tenants.utils import tenant_context

    from apps.accounts.models import User
    from apps.calendar import services

    today = timezone.localdate()
    month = (today.replace(day=1) + datetime.timedelta(days=40)).replace(day=1)
    first_day, span = (month, 28) if one_month else (today, 365)
    with tenant_context(city):
        clear(city)
        clerk, _ = User.objects.get_or_create(username="bench_cal_clerk", defaults={"role": "clerk"})
        clerk.unit = "protocol"
        clerk.set_password(PASSWORD)
        clerk.save()
        director, _ = User.objects.get_or_create(username="bench_cal_director", defaults={"role": "director"})
        begin = time.perf_counter()
        make_conferences(city, 4000, first_day, span, director)
        ids = _trips_data.make_delegations(city, 500, state="approved", upcoming=True)
        from apps.trips.models import Delegation

        rng = random.Random(3)
        for pk in Delegation.objects.filter(case_id__in=ids).values_list("pk", flat=True):
            departure = first_day + datetime.timedelta(days=rng.randrange(span - 5))
            Delegation.objects.filter(pk=pk).update(
                departure=departure, return_date=departure + datetime.timedelta(days=4)
            )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        generated = time.perf_counter() - begin
        token = services.issue_feed(actor=clerk)
    connection.set_schema_to_public()
    print(f"generated 5,000 items ({'one month' if one_month else 'twelve months'}) in {generated:.1f} s")

    client = Client(HTTP_HOST=f"{CITY}.localhost", HTTP_X_FORWARDED_PROTO="https")
    signed = client.post(
        "/accounts/sign-in/", {"username": "bench_cal_clerk", "password": PASSWORD}, secure=True
    )
    if signed.status_code != 302:
        raise RuntimeError(f"sign-in answered {signed.status_code}")
    where = "all in one month" if one_month else "over a year, busiest month"
    page = f"/agenda/?date={month.isoformat()}"
    month_samples = measure(
        client, f"month view ({where})", page, requests,
        lambda r: f"{r.content.count(ENTRY_MARK)} entries shown",
    )  # fmt: skip
    base_samples = measure(
        client, "baseline: the signed-in office's inbox page (same header, same load)", "/inbox/", requests,
        lambda r: f"{len(r.content) // 1024} KiB",
    )  # fmt: skip
    feed_samples = measure(
        client, f"ICS feed ({where})", f"/agenda/feed/{token}.ics", requests,
        lambda r: f"{r.content.count(b'BEGIN:VEVENT')} events, {len(r.content) // 1024} KiB",
    )  # fmt: skip
    rows = []
    for label, samples in (
        ("month view", month_samples),
        ("ICS feed", feed_samples),
        ("baseline: inbox page", base_samples),
    ):
        p95 = _report.percentile(samples, 0.95)
        rows.append((
            f"calendar, 5,000 items ({where}): {label}",
            f"median {statistics.median(samples) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms",
            _report.target(p95 * 1000, TARGET_P95 * 1000, " ms p95"),
        ))  # fmt: skip
    return rows


def run(requests: int) -> list[_report.Row]:
    from django.db import connection
    from django_tenants.utils import tenant_context

    from tenants.models import City

    connection.set_schema_to_public()
    city = City.offices.select_related("province").get(code=CITY)
    rows = scenario(city, requests, one_month=False)
    rows += scenario(city, requests, one_month=True)
    with tenant_context(city):
        clear(city)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    _report.clear(NAME)
    _db.production_settings()
    if os.environ.get(_db.PREPARED) == "1":
        with _db.bench_django():
            _db.collect_static()
            rows = run(args.requests)
    else:  # its own throw-away database (others may be benchmarking on the same server)
        url = _db.bench_url(_db.server_url(), DATABASE)
        _db.create(url, DATABASE)
        try:
            _db.setup_django(url)
            print(f"bench database {DATABASE}: setting up the platform ...", flush=True)
            _db.setup_platform()
            _db.collect_static()
            rows = run(args.requests)
        finally:
            from django.db import connections

            connections.close_all()
            _db.drop(url, DATABASE)
    _report.save(NAME, rows)
    print(_report.table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
