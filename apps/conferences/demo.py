"""Demo conferences for `make run`: one or more in every state of the workflow, in the
city's own units, made through the services as the demo users (the author never
approves); one goes up to the province, one has its outcome report overdue. Idempotent: a
city with conferences is left alone."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from apps.accounts.models import User
from apps.casework import services as casework
from apps.conferences import services
from apps.conferences.models import Conference

PLAN = [
    # state, Chinese name, English name, days from today, length, countries {code: n}, head's rank
    (
        "draft",
        "国际友好城市市长论坛",
        "International Sister Cities Mayors' Forum",
        60,
        2,
        {"JP": 12, "KR": 8},
        None,
    ),
    (
        "in_review",
        "国际智能制造博览会",
        "International Smart Manufacturing Expo",
        70,
        3,
        {"DE": 30, "FR": 10},
        None,
    ),
    ("returned", "国际青年文化节", "International Youth Culture Festival", 80, 4, {"GB": 15}, None),
    (
        "escalated",
        "全球城市可持续发展大会",
        "Global Conference on Sustainable Cities",
        90,
        3,
        {"US": 60, "DE": 40, "JP": 30},
        "deputy_provincial",
    ),
    ("rejected", "国际美食节", "International Food Festival", 100, 2, {"IT": 6}, None),
    ("withdrawn", "国际马拉松赛", "International Marathon", 110, 1, {"KE": 20, "ET": 15}, None),
    (
        "approved",
        "中外企业家圆桌会",
        "Roundtable of Chinese and Foreign Entrepreneurs",
        30,
        1,
        {"SG": 10, "MY": 5},
        "division",
    ),
    (
        "issued",
        "国际科技创新合作论坛",
        "International Forum on Innovation Cooperation",
        20,
        2,
        {"IL": 8, "DE": 12},
        None,
    ),
    ("issued", "国际港口合作论坛", "International Ports Cooperation Forum", 21, 2, {"NL": 9, "BE": 4}, None),
    ("overdue", "国际教育交流周", "International Education Exchange Week", -40, 3, {"AU": 20, "NZ": 6}, None),
    (
        "reported",
        "国际友城青少年夏令营",
        "Sister Cities Youth Summer Camp",
        -60,
        5,
        {"FR": 25, "JP": 15},
        None,
    ),
]


def ensure_demo(today: datetime.date | None = None) -> list[str]:
    if Conference.objects.exists():
        return []
    today = today or timezone.localdate()
    users = {user.username: user for user in User.objects.filter(is_active=True)}
    units = connection.tenant.profile.get("submitting_units") or []
    divisions = [d["code"] for d in connection.tenant.profile.get("divisions") or []]
    for index, row in enumerate(PLAN):
        _make(users, units[index % len(units)]["code"], divisions, today, index, *row)
    return [f"{connection.tenant.code}: {len(PLAN)} demo conferences"]


def _data(unit, divisions, leader, index, name_zh, name_en, start, days, by_country, rank) -> dict:
    foreign = sum(by_country.values())
    first = next(iter(by_country))
    return {
        "title": name_zh,
        "name_en": name_en,
        "kind": ["conference", "forum", "exhibition", "culture", "sports"][index % 5],
        "unit_code": unit,
        "responsible_person": "陈明",
        "responsible_phone": "020-83000000",
        "start": start,
        "end": start + datetime.timedelta(days=days - 1),
        "venue": ["国际会议中心", "国际会展中心", "市民文化中心"][index % 3],
        "total_participants": foreign * 3 + 20,
        "media": 20,
        "foreign_media": 4,
        "sponsors": "市人民政府",
        "co_organisers": "市外办、市商务局",
        "budget": Decimal(200000 + 50000 * index),
        "funding": "fiscal",
        "security_plan": "公安部门负责会场安保，实行证件管理。",
        "health_plan": "卫生健康部门派驻医疗组，制定突发公共卫生事件应急预案。",
        "division": "protocol" if "protocol" in divisions else (divisions[0] if divisions else ""),
        "office_leader": leader.pk if leader else None,
        "countries": [{"country": code, "participants": n} for code, n in by_country.items()],
        "heads": [
            {
                "name": "Head of delegation",
                "country": first,
                "title": "Minister" if rank else "Director",
                "rank": rank,
            }
        ]
        if rank
        else [],
    }


def _approve_all(users, conference):
    case = conference.case
    while case.state == "in_review":
        case = casework.perform(
            case=case, name="approve", actor=users[case.current_role], version=case.version
        )


def _make(users, unit, divisions, today, index, state, name_zh, name_en, days_from, length, by_country, rank):
    clerk = users["clerk"]
    start = today + datetime.timedelta(days=days_from)
    data = _data(
        unit, divisions, users.get("director"), index, name_zh, name_en, start, length, by_country, rank
    )
    conference = services.create_conference(actor=clerk, data=data)
    if state == "draft":
        return conference
    if state == "withdrawn":
        casework.perform(case=conference.case, name="withdraw", actor=clerk)
        return conference
    services.submit(actor=clerk, record=conference, data={})
    conference.case.refresh_from_db()
    if state == "in_review":
        return conference
    if state in ("returned", "rejected"):
        name = "return" if state == "returned" else "reject"
        casework.perform(
            case=conference.case,
            name=name,
            actor=users[conference.case.current_role],
            comment="请补充安保方案。",
        )
        return conference
    _approve_all(users, conference)
    conference.case.refresh_from_db()
    if conference.case.state == "escalated" or state in ("escalated", "approved"):
        return conference
    services.issue_approval(actor=users["director"], record=conference, data={})
    if state == "reported":
        conference = Conference.objects.select_related("case").get(pk=conference.pk)
        services.file_report(
            actor=clerk,
            record=conference,
            data={
                "report": "活动圆满完成，签署合作备忘录3份。",
                "actual_foreign_participants": sum(by_country.values()),
            },
        )
    return conference
