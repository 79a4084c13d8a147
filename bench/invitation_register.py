"""Figure: latency of the invitations register API at 100,000 invited visitors in one city.

Fills Hangzhou's schema with invitations (cases, 1-7 invitees each, 100,000 invitees in
all; most issued, their visitors with visas, entries and exits as a register has them,
a few hundred in the city now and some past their planned exit), then asks, as a signed-in
clerk, ``GET /api/v1/invitations/register/``: the first page, "in the city now", "past the
planned exit", a search by name, by passport number, a page deep in the list. Median and
p95 of ``--requests`` requests each; the target is p95 < 100 ms.

    .venv/bin/python bench/invitation_register.py [--invitees 100000] [--requests 200]
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

NAME = "invitation_register"
TARGET_P95 = 0.100
CITY = "hangzhou"
WARM_UP = 5
SURNAMES = [
    "MUELLER",
    "SMITH",
    "TANAKA",
    "KIM",
    "DUPONT",
    "SILVA",
    "NGUYEN",
    "ROSSI",
    "IVANOV",
    "GARCIA",
    "SATO",
    "LEE",
    "MARTIN",
    "BROWN",
    "SCHMIDT",
    "NOVAK",
    "JANSEN",
    "KOWALSKI",
    "HANSEN",
    "COHEN",
]
GIVEN = [
    "ANNA",
    "JOHN",
    "HIROSHI",
    "MINJUN",
    "MARIE",
    "PEDRO",
    "LAN",
    "LUCA",
    "OLGA",
    "SOFIA",
    "YUKI",
    "DAVID",
]
COUNTRIES = ["JP", "KR", "DE", "US", "GB", "FR", "IT", "RU", "BR", "VN", "TH", "SG", "AU", "CA", "ES"]


def make(city, invitees: int, *, seed: int = 1, batch: int = 2000) -> int:
    from django.db import transaction
    from django.utils import timezone

    from apps.casework.models import Case
    from apps.invitations.models import Invitation, Invitee

    rng = random.Random(seed)
    units = [unit["code"] for unit in city.profile["submitting_units"]]
    today = timezone.localdate()
    made = 0
    serial = 0
    while made < invitees:
        with transaction.atomic():
            plans = []
            while len(plans) < batch // 4 and made < invitees:
                size = min(rng.choice([1, 2, 3, 4, 5, 7]), invitees - made)
                arrival = today + datetime.timedelta(days=rng.randrange(-365 * 6, 120))
                state = (
                    "issued"
                    if arrival < today + datetime.timedelta(days=20)
                    else rng.choice(["in_review", "approved"])
                )
                plans.append((rng.choice(units), arrival, size, state))
                made += size
            cases = Case.objects.bulk_create(
                Case(workflow="invitations.invitation", title="学术交流", state=state, unit_code=unit)
                for unit, _arrival, _size, state in plans
            )
            invitations = Invitation.objects.bulk_create(
                Invitation(
                    case=case,
                    title=f"来访{case.pk}",
                    unit_code=unit,
                    responsible_person="王",
                    responsible_phone="1",
                    visit_kind="academic",
                    purpose="交流",
                    programme="日程",
                    arrival=arrival,
                    departure=arrival + datetime.timedelta(days=6),
                    places="杭州",
                    costs_paid_by="inviting_unit",
                )
                for case, (unit, arrival, _size, _state) in zip(cases, plans, strict=True)
            )
            rows = []
            for invitation, (unit, arrival, size, state) in zip(invitations, plans, strict=True):
                departure = arrival + datetime.timedelta(days=6)
                for n in range(size):
                    serial += 1
                    name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
                    issued = state == "issued"
                    entered = arrival if issued and arrival <= today and rng.random() < 0.95 else None
                    exited = departure if entered and departure < today and rng.random() < 0.995 else None
                    passport = f"E{serial:08d}"
                    rows.append(
                        Invitee(
                            invitation=invitation,
                            order=n,
                            name_latin=name,
                            sex="F",
                            birth_date=datetime.date(1970, 1, 1),
                            nationality=rng.choice(COUNTRIES),
                            passport_number=passport,
                            passport_expiry=departure + datetime.timedelta(days=900),
                            category="academic",
                            occupation="Professor",
                            employer="University",
                            visa_type="F",
                            entries="single",
                            mission="中华人民共和国驻外使馆",
                            visa_status="obtained" if entered else "pending",
                            entered_on=entered,
                            exited_on=exited,
                            planned_exit=departure,
                            unit_code=unit,
                            issued=issued,
                            search_text=f"{name} {passport}".lower(),
                        )
                    )
            Invitee.objects.bulk_create(rows)
    return made


def clear(city) -> None:
    from django.db import connection

    schema = city.schema_name
    with connection.cursor() as cursor:
        cursor.execute(
            f'TRUNCATE "{schema}"."invitations_invitee", "{schema}"."invitations_visanotice", '
            f'"{schema}"."invitations_ruleoverride", "{schema}"."invitations_invitation", '
            f'"{schema}"."casework_caseevent", "{schema}"."casework_case" CASCADE'
        )


def analyze(schema: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("casework_case", "invitations_invitation", "invitations_invitee"):
            cursor.execute(f'ANALYZE "{schema}"."{table}"')


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


def run(count: int, requests: int) -> list[_report.Row]:
    from django.db import connection
    from django.test import Client
    from django_tenants.utils import tenant_context

    from apps.accounts import tokens
    from apps.accounts.models import User
    from apps.invitations.models import Invitee
    from tenants.models import City

    connection.set_schema_to_public()
    city = City.offices.select_related("province").get(code=CITY)
    with tenant_context(city):
        clear(city)
        print(f"generating {count:,} invitees in {CITY} ...", flush=True)
        start = time.perf_counter()
        make(city, count)
        analyze(city.schema_name)
        generation = time.perf_counter() - start
        print(f"generated in {generation:.1f} s", flush=True)
        clerk, _ = User.objects.get_or_create(username="bench_clerk", defaults={"role": "clerk"})
        _token, secret = tokens.issue(user=clerk, name="bench")
        someone = Invitee.objects.filter(issued=True).order_by("pk")[count // 3]
    connection.set_schema_to_public()
    client = Client(
        HTTP_HOST=f"{CITY}.localhost",
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_ACCEPT="application/json",
        HTTP_AUTHORIZATION=f"Token {secret}",
    )
    base = "/api/v1/invitations/register/"
    middle = (count // 2) // 50 * 50
    scenarios = [
        ("first page", base),
        ("in the city now", f"{base}?status=in_city"),
        ("past the planned exit", f"{base}?status=overstaying"),
        ("q=<name>", f"{base}?{urlencode({'q': someone.name_latin.lower()})}"),
        ("passport=<number>", f"{base}?{urlencode({'passport': someone.passport_number})}"),
        (f"page at offset {middle:,}", f"{base}?offset={middle}"),
    ]
    rows: list[_report.Row] = [(f"generate {count:,} invitees (bulk_create)", f"{generation:.1f} s", "")]
    for label, path in scenarios:
        samples = measure(client, label, path, requests)
        p95 = _report.percentile(samples, 0.95)
        rows.append(
            (
                f"invitation register API, {count // 1000}k invitees: {label}",
                f"median {statistics.median(samples) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms",
                _report.target(p95 * 1000, TARGET_P95 * 1000, " ms p95"),
            )
        )
    with tenant_context(city):
        clear(city)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invitees", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    _report.clear(NAME)
    _db.production_settings()
    with _db.bench_django():
        rows = run(args.invitees, args.requests)
    _report.save(NAME, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
