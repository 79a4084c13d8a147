"""Demo Hong Kong and Macao liaison for `make run`: counterparts in the register, official
exchanges in every state (written by the clerk, approved by the chain's roles), and
non-governmental exchanges of each kind. Idempotent."""

from __future__ import annotations

import datetime

from django.db import connection
from django.utils import timezone

from apps.accounts.models import User
from apps.casework import services as casework
from apps.hk_macao import services
from apps.hk_macao.models import Exchange
from apps.partners import services as partners
from apps.partners.models import Partner

BODIES = [
    (
        "香港特别行政区政府政制及内地事务局",
        "Constitutional and Mainland Affairs Bureau, HKSAR Government",
        "HK",
    ),
    ("香港贸易发展局", "Hong Kong Trade Development Council", "HK"),
    ("澳门特别行政区政府经济及科技发展局", "Economic and Technological Development Bureau, Macao SAR", "MO"),
    ("澳门中华教育会", "Associação de Educação de Macau", "MO"),
]
PLAN = [
    # state, body, direction, kind, days from today
    ("draft", 0, "inbound", "government", 40),
    ("in_review", 1, "outbound", "economy", 30),
    ("returned", 2, "inbound", "economy", 50),
    ("rejected", 3, "outbound", "education", 60),
    ("withdrawn", 1, "online", "culture", 70),
    ("approved", 0, "inbound", "government", 20),
    ("done", 3, "inbound", "youth", -30),
]


def ensure_demo(today: datetime.date | None = None) -> list[str]:
    if Exchange.objects.exists():
        return []
    today = today or timezone.localdate()
    users = {user.username: user for user in User.objects.filter(is_active=True)}
    clerk = users["clerk"]
    bodies = []
    for name_zh, name_en, region in BODIES:
        body = Partner.objects.filter(kind="hkmo", name_en=name_en).first() or partners.create_partner(
            actor=clerk, kind="hkmo", name_zh=name_zh, name_en=name_en, country=region
        )
        bodies.append((body, region))
    units = connection.tenant.profile.get("submitting_units") or []
    for index, (state, body_index, direction, kind, days) in enumerate(PLAN):
        body, region = bodies[body_index]
        start = today + datetime.timedelta(days=days)
        exchange = services.create_exchange(
            actor=clerk,
            data={
                "title": f"{body.name_zh}交流（{index + 1}）",
                "unit_code": units[index % len(units)]["code"],
                "partner": body.pk,
                "region": region,
                "direction": direction,
                "kind": kind,
                "purpose": "深化交流合作，商谈年度合作事项。",
                "participants": "市外办副主任等5人",
                "participant_count": 5,
                "start": start,
                "end": start + datetime.timedelta(days=2),
            },
        )
        if state == "draft":
            continue
        if state == "withdrawn":
            casework.perform(case=exchange.case, name="withdraw", actor=clerk)
            continue
        services.submit(actor=clerk, record=exchange, data={})
        exchange.case.refresh_from_db()
        if state == "in_review":
            continue
        if state in ("returned", "rejected"):
            name = "return" if state == "returned" else "reject"
            casework.perform(
                case=exchange.case, name=name, actor=users[exchange.case.current_role], comment="请补充日程。"
            )
            continue
        case = exchange.case
        while case.state == "in_review":
            case = casework.perform(
                case=case, name="approve", actor=users[case.current_role], version=case.version
            )
        if state == "done" and case.state == "approved":
            exchange = Exchange.objects.select_related("case").get(pk=exchange.pk)
            services.record_outcome(
                actor=clerk, record=exchange, data={"outcome": "签署青少年交流合作备忘录。"}
            )
    for n, (kind, title) in enumerate(
        [("culture", "粤剧交流演出"), ("education", "中学生研学团"), ("economy", "商协会经贸对接会")]
    ):
        body, region = bodies[(n + 1) % len(bodies)]
        services.add_non_governmental(
            actor=clerk,
            data={
                "partner": body.pk if n % 2 == 0 else None,
                "region": region,
                "kind": kind,
                "date": today - datetime.timedelta(days=20 * (n + 1)),
                "title": title,
                "organiser": "市青年联合会",
                "participant_count": 30 + n,
                "notes": "",
            },
        )
    return [f"{connection.tenant.code}: demo Hong Kong and Macao exchanges"]
