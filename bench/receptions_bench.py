"""Figure: the protocol planner on a 300-guest banquet - order of precedence of both sides
and the seating of every table (round tables of 10, alternating sides, interpreters).

Two measurements, median and p95 of ``--runs`` runs each; the goal is < 200 ms:

* the planner alone (``apps.receptions.planner``: precedence + seating, in memory);
* with ``--db``: the service as the clerk's button runs it (``services.recompute_precedence``
  then ``services.generate_seating``: reads the participants, writes ~330 seats, audit row),
  on a visit of 300 guests and 30 hosts in Guangzhou's schema, each run rolled back.

    .venv/bin/python bench/receptions_bench.py [--runs 20] [--db]

With ``--db`` it needs a platform database: alone it builds ``waiban_bench`` (see _db.py);
``WAIBAN_BENCH_PREPARED=1 DATABASE_URL=<a set-up database>`` uses that one instead.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
from dataclasses import dataclass

import _db
import _report

NAME = "receptions"
TARGET = 0.200
GUESTS, HOSTS = 300, 30
RANKS = ["staff", "official", "senior_official", "consul_general", "mayor", "ambassador", "minister"]
HOST_RANKS = ["section", "deputy_division", "division", "deputy_department", "department"]


@dataclass
class Person:
    pk: int
    side: str
    name_en: str
    name_zh: str
    protocol_rank: str = ""
    rank: str = ""
    took_office: datetime.date | None = None
    role: str = "member"
    order: int = 0
    precedence: int | None = None


def people(seed: int = 7) -> list[Person]:
    rng = random.Random(seed)
    made = []
    for n in range(GUESTS):
        made.append(
            Person(
                n,
                "guest",
                f"GUEST {n:03d}",
                f"外宾{n}",
                protocol_rank=rng.choice(RANKS),
                took_office=datetime.date(2010 + rng.randrange(14), 1 + rng.randrange(12), 1),
                order=n,
            )
        )
    for n in range(HOSTS):
        made.append(
            Person(1000 + n, "host", f"HOST {n:02d}", f"主人{n}", rank=rng.choice(HOST_RANKS), order=n)
        )
    made += [
        Person(2000 + n, "host" if n % 2 else "guest", f"INT {n}", f"翻译{n}", role="interpreter")
        for n in range(6)
    ]
    return made


def planner_alone(runs: int) -> list[float]:
    from apps.receptions import planner

    everyone = people()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        for side in ("host", "guest"):
            ordered = planner.order_of_precedence(p for p in everyone if p.side == side)
            for position, person in enumerate(ordered, start=1):
                person.precedence = position
        places = planner.generate("banquet", everyone, 10)
        samples.append(time.perf_counter() - start)
        assert len(places) == len(everyone)
    return samples


def with_database(runs: int) -> list[float]:
    from django.db import connection, transaction
    from django_tenants.utils import tenant_context

    from apps.accounts.models import User
    from apps.casework import services as casework
    from apps.receptions import services
    from apps.receptions.models import Participant, Visit
    from tenants.models import City

    city = City.offices.select_related("province").get(code="guangzhou")
    samples = []

    class Rollback(Exception):
        pass

    with tenant_context(city):
        clerk = User.objects.filter(role="clerk").first() or User.objects.create(
            username="bench_clerk", role="clerk"
        )
        unit = connection.tenant.profile["submitting_units"][0]["code"]
        for _ in range(runs):
            try:
                with transaction.atomic():
                    case = casework.open_case(
                        actor=clerk, workflow_id="receptions.visit", title="bench", unit_code=unit
                    )
                    today = datetime.date.today()
                    visit = Visit.objects.create(
                        case=case,
                        title="bench",
                        unit_code=unit,
                        purpose="bench",
                        arrival=today,
                        departure=today,
                    )
                    Participant.objects.bulk_create(
                        Participant(
                            visit=visit,
                            side=p.side,
                            name_en=p.name_en,
                            name_zh=p.name_zh,
                            protocol_rank=p.protocol_rank,
                            rank=p.rank,
                            took_office=p.took_office,
                            role=p.role,
                            order=p.order,
                        )
                        for p in people()
                    )
                    start = time.perf_counter()
                    services.recompute_precedence(visit)
                    services.generate_seating(
                        actor=clerk, record=visit, data={"kind": "banquet", "title": "宴会"}
                    )
                    samples.append(time.perf_counter() - start)
                    raise Rollback
            except Rollback:
                pass
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--db", action="store_true")
    args = parser.parse_args()
    _report.clear(NAME)
    _db.production_settings()
    rows = []
    with _db.bench_django():
        samples = planner_alone(args.runs)
        p95 = _report.percentile(samples, 0.95)
        print(f"planner alone, {GUESTS} guests + {HOSTS} hosts: {_report.latency(samples)}")
        rows.append(
            (
                "receptions: precedence + banquet seating (planner)",
                _report.latency(samples),
                _report.target(p95, TARGET, "s"),
            )
        )
        if args.db:
            samples = with_database(args.runs)
            p95 = _report.percentile(samples, 0.95)
            print(f"service with the database: {_report.latency(samples)}")
            rows.append(
                (
                    "receptions: precedence + banquet seating (service, DB)",
                    _report.latency(samples),
                    _report.target(p95, TARGET, "s"),
                )
            )
    _report.save(NAME, rows)
    print(_report.table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
