"""Bulk-made delegations for the benchmarks (not through the services: far too slow).

Each delegation gets its case (state, approval chain resolved from the office profile as
``submit`` would, step, version), one to three members drawn from a pool of the city's
staff (so that a person travels several times, as in an office's files, and a search by
name finds a handful of trips) and one or two destinations. The state follows the
departure date: past trips are mostly closed, the coming ones draft, in review,
approved or issued. Everything is written with ``bulk_create`` in batches, each batch in
one transaction, in the schema the connection is on (the caller's ``tenant_context``).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from decimal import Decimal

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉晓东宁海波慧颖雪琳婷欣怡浩宇俊凯鹏飞"
)
POSITIONS = ["科员", "副科长", "科长", "副处长", "处长", "副局长", "局长", "副主任", "主任", "调研员"]
RANK_BY_POSITION = {
    "科员": "staff", "副科长": "section", "科长": "section", "副处长": "deputy_division",
    "处长": "division", "调研员": "division", "副局长": "deputy_department", "副主任": "deputy_department",
    "局长": "department", "主任": "department",
}  # fmt: skip
PURPOSES = ["经贸考察", "友好城市交流", "招商引资", "文化交流", "科技合作洽谈", "教育合作交流",
            "参加国际会议", "卫生健康合作考察", "旅游推介"]  # fmt: skip
INVITERS = ["Chamber of Commerce and Industry", "City Council", "Municipal Government", "University",
            "Trade and Investment Agency", "Cultural Foundation", "Association of Sister Cities",
            "Medical Centre", "Convention Bureau"]  # fmt: skip
# Where an office's delegations go, most often first (weights by rank).
DESTINATIONS = ["JP", "KR", "SG", "DE", "US", "FR", "GB", "IT", "TH", "MY", "AU", "NZ", "CA", "ES", "NL",
                "BE", "CH", "AT", "RU", "VN", "ID", "PH", "IN", "AE", "TR", "EG", "ZA", "KE", "BR", "AR",
                "CL", "MX", "PE", "HU", "CZ", "PL", "SE", "DK", "FI", "NO", "PT", "GR"]  # fmt: skip
DESTINATION_WEIGHTS = [1 / (rank + 3) for rank in range(len(DESTINATIONS))]

FUTURE_STATES = (
    ["draft", "in_review", "returned", "escalated", "approved", "on_hold", "issued", "withdrawn"],
    [14, 30, 4, 3, 25, 1, 18, 5],
)
PAST_STATES = (["closed", "issued", "rejected", "withdrawn"], [86, 4, 4, 6])
SUBMITTED = {"in_review", "returned", "escalated", "approved", "on_hold", "issued", "closed", "rejected"}
DECIDED = {"approved", "on_hold", "issued", "closed", "rejected"}


def staff_pool(rng: random.Random, units: list[dict], size: int) -> list[dict]:
    """The people who travel: name, unit, position, rank, document."""
    people = []
    for number in range(size):
        position = rng.choice(POSITIONS)
        given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
        people.append({
            "name": rng.choice(SURNAMES) + given,
            "gender": rng.choice("FM"),
            "birth_date": datetime.date(1962, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 38)),
            "unit": rng.choice(units)["names"]["zh"],
            "position": position,
            "rank": RANK_BY_POSITION[position],
            "number": f"P{number:08d}",
        })  # fmt: skip
    return people


def make_delegations(
    city,
    count: int,
    *,
    state: str | None = None,
    upcoming: bool = False,
    seed: int = 1,
    batch: int = 2000,
    progress: Callable[[int], None] | None = None,
) -> list[int]:
    """Creates ``count`` delegations in the current schema (the city's); returns their case
    ids. ``state`` forces every case into that state (``in_review``: at the first step of
    its chain), else the state follows the departure date. ``upcoming``: every departure in the
    next six months (as for cases in review), else over the past eight years and the next
    six months."""
    from django.db import transaction
    from django.utils import timezone

    from apps.casework.chains import resolve_chain
    from apps.casework.models import Case
    from apps.registry import countries
    from apps.registry.ranks import RANKS
    from apps.trips.models import Delegation, Destination, Member, search_text_for

    rng = random.Random(seed)
    profile = city.profile
    units = profile["submitting_units"]
    people = staff_pool(rng, units, max(200, count // 5))
    today = timezone.localdate()
    now = timezone.now()
    first_day = today + datetime.timedelta(days=10) if upcoming else today - datetime.timedelta(days=365 * 8)
    span = (today + datetime.timedelta(days=180) - first_day).days
    prefix = (profile.get("numbering") or {}).get("approval", {}).get("prefix", "批")
    case_ids: list[int] = []

    for start in range(0, count, batch):
        size = min(batch, count - start)
        cases, delegations, member_rows, destination_rows = [], [], [], []
        for _ in range(size):
            unit = rng.choice(units)
            hkmo = rng.random() < 0.15
            departure = first_day + datetime.timedelta(days=rng.randrange(span))
            if state is not None:
                case_state = state
            elif departure > today:
                case_state = rng.choices(*FUTURE_STATES)[0]
            else:
                case_state = rng.choices(*PAST_STATES)[0]
            if hkmo:
                codes = rng.sample(["HK", "MO"], rng.choice([1, 1, 2]))
            else:
                codes = list(
                    dict.fromkeys(
                        rng.choices(DESTINATIONS, DESTINATION_WEIGHTS, k=rng.choice([1, 1, 2, 2, 3]))
                    )
                )
            codes = codes[:2] if rng.random() < 0.9 else codes  # mostly one or two
            days = rng.randint(3, 8)
            return_date = departure + datetime.timedelta(days=days - 1)
            members = rng.sample(people, rng.choices([1, 2, 3], [3, 4, 3])[0])
            purpose = rng.choice(PURPOSES)
            title = f"{unit['names']['zh']}赴{'、'.join(countries.name(c) for c in codes)}{purpose}团"[:200]
            budget = Decimal(rng.randrange(20_000, 300_000))
            ranks = [member["rank"] for member in members]
            facts = {
                "rank": max(ranks, key=RANKS.index),
                "destinations": codes,
                "regions": countries.regions_of(codes),
                "budget": float(budget),
            }
            chain = resolve_chain(profile, "trip", facts)
            submitted = case_state in SUBMITTED
            step = 0 if case_state in ("in_review", "returned") else len(chain.steps)
            if case_state == "in_review" and state is None:
                step = rng.randrange(len(chain.steps))
            cases.append(Case(
                workflow="trips.delegation", title=title, state=case_state, unit_code=unit["code"],
                chain=list(chain.steps) if submitted else [], escalate=chain.escalate if submitted else False,
                step=step if submitted else 0, facts=facts if submitted else {},
                version=1 + (1 + step if submitted else 0),
                submitted_at=now if submitted else None, decided_at=now if case_state in DECIDED else None,
            ))  # fmt: skip
            issued = case_state in ("issued", "closed")
            delegations.append(Delegation(
                kind="hkmo" if hkmo else "abroad", title=title, unit_code=unit["code"],
                unit_kind=unit.get("kind", ""), purpose=f"{purpose}：与对方会谈，考察相关机构。",
                inviter_name=f"{countries.name(codes[0])} {rng.choice(INVITERS)}", inviter_country=codes[0],
                funding_source="财政拨款", budget=budget, departure=departure, return_date=return_date,
                approval_number=f"{prefix}〔{departure.year}〕{rng.randrange(1, 999)}号" if issued else "",
                report="已按计划完成出访任务。" if case_state == "closed" else "",
            ))  # fmt: skip
            delegations[-1].search_text = search_text_for(
                title, delegations[-1].inviter_name, [person["name"] for person in members]
            )
            member_rows.append(members)
            destination_rows.append((codes, departure, return_date))
        with transaction.atomic():
            Case.objects.bulk_create(cases)
            for case, delegation in zip(cases, delegations, strict=True):
                delegation.case = case
            Delegation.objects.bulk_create(delegations)
            Member.objects.bulk_create(
                Member(
                    delegation=delegation,
                    order=order,
                    name=person["name"],
                    gender=person["gender"],
                    birth_date=person["birth_date"],
                    unit=person["unit"],
                    position=person["position"],
                    rank=person["rank"],
                    document_type="hkmo_permit" if delegation.kind == "hkmo" else "official_passport",
                    document_number=person["number"],
                )
                for delegation, members in zip(delegations, member_rows, strict=True)
                for order, person in enumerate(members)
            )
            Destination.objects.bulk_create(
                Destination(delegation=delegation, order=order, country=code, arrive=departure, leave=back)
                for delegation, (codes, departure, back) in zip(delegations, destination_rows, strict=True)
                for order, code in enumerate(codes)
            )
        case_ids.extend(case.pk for case in cases)
        if progress is not None:
            progress(start + size)
    return case_ids


def analyze(schema: str) -> None:
    """Fresh planner statistics for the tables filled (as autovacuum would soon give)."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("casework_case", "casework_caseevent", "trips_delegation", "trips_member",
                      "trips_destination"):  # fmt: skip
            cursor.execute(f'ANALYZE "{schema}"."{table}"')


def clear(city) -> None:
    """Empties the city's cases and delegations (and what hangs off them, its escalations
    and figures in the public schema too), for the next benchmark on the same database."""
    from django.db import connection

    from apps.reporting.models import EscalatedCase, MonthlyFigure

    EscalatedCase.objects.filter(city=city).delete()
    MonthlyFigure.objects.filter(city=city).delete()
    schema = city.schema_name
    tables = ["trips_destination", "trips_member", "trips_limitoverride", "trips_traveldocument",
              "trips_delegation", "casework_caseevent", "casework_case",
              "notifications_notification"]  # fmt: skip
    # (The audit log is append-only: its rows stay, as they would.)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = %s AND table_name = ANY(%s)",
            [schema, tables],
        )
        present = [row[0] for row in cursor.fetchall()]
        if present:
            cursor.execute("TRUNCATE " + ", ".join(f'"{schema}"."{table}"' for table in present) + " CASCADE")
