"""Demo data of the overseas NGOs module for `make run`: the register (representative
offices and organisations running temporary activities), filings in every state (draft, in
review, returned, refused, withdrawn, agreed, filed with public security, reported), and
the representative offices' annual cycle (accepted, received, returned, not yet due, and a
report that is late and was reminded). Made through the services as the demo users: who
files never decides. Idempotent."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from apps.accounts.models import User
from apps.casework import services as casework
from apps.overseas_ngos import services
from apps.overseas_ngos.models import Filing, Organisation

ORGANISATIONS = [
    # kind, Chinese name, English name, own name, country, field, registration no., years ago, chief, partners
    (
        "office",
        "亚洲乡村发展基金会甘肃代表处",
        "Asia Rural Development Foundation, Gansu Office",
        "",
        "HK",
        "poverty",
        "甘境代登字2023第001号",
        3,
        "陈志远",
        "兰州市乡村振兴局",
    ),
    (
        "office",
        "北欧环境教育协会甘肃代表处",
        "Nordic Environmental Education Association, Gansu Office",
        "Nordisk Miljøundervisningsforening",
        "NO",
        "environment",
        "甘境代登字2024第003号",
        2,
        "Ingrid Larsen",
        "兰州大学资源环境学院",
    ),
    (
        "office",
        "国际儿童健康基金会兰州代表处",
        "International Child Health Foundation, Lanzhou Office",
        "",
        "US",
        "health",
        "甘境代登字2026第002号",
        0,
        "Mary Johnson",
        "兰州市卫生健康委员会",
    ),
    (
        "temporary",
        "日本国际文化交流协会",
        "Japan International Cultural Exchange Association",
        "日本国際文化交流協会",
        "JP",
        "culture",
        "",
        0,
        "",
        "兰州市文化馆",
    ),
    (
        "temporary",
        "大邱教育交流财团",
        "Daegu Education Exchange Foundation",
        "대구교육교류재단",
        "KR",
        "education",
        "",
        0,
        "",
        "兰州市教育局",
    ),
]
PLAN = [
    # state, organisation index, start in days from today, days long, by the partner (submitter) or the clerk
    ("draft", 3, 40, 3, "submitter"),
    ("in_review", 4, 35, 2, "clerk"),
    ("returned", 3, 50, 5, "clerk"),
    ("rejected", 4, 60, 1, "clerk"),
    ("withdrawn", 3, 70, 2, "submitter"),
    ("approved", 4, 25, 4, "submitter"),
    ("filed", 3, 15, 3, "clerk"),
    ("reported", 4, -30, 3, "submitter"),
]


def ensure_demo(today: datetime.date | None = None) -> list[str]:
    if Organisation.objects.exists():
        return []
    today = today or timezone.localdate()
    users = {user.username: user for user in User.objects.filter(is_active=True)}
    units = [u["code"] for u in connection.tenant.profile.get("submitting_units") or []]
    organisations = []
    for kind, zh, en, own, country, field, number, years, chief, partners in ORGANISATIONS:
        registered = datetime.date(today.year - years, 3, 15) if kind == "office" else None
        if kind == "office" and registered > today:
            registered = today
        organisations.append(
            services.register_organisation(
                actor=users["clerk"],
                data={
                    "kind": kind,
                    "name_zh": zh,
                    "name_en": en,
                    "name_own": own,
                    "country": country,
                    "field": field,
                    "registration_number": number,
                    "registered_on": registered,
                    "chief_representative": chief,
                    "partners": partners,
                    "scope": "开展项目合作、人员培训和交流活动。" if kind == "office" else "",
                    "area": "甘肃省" if kind == "office" else "",
                },
            )
        )
    for index, (state, org, days, length, by) in enumerate(PLAN):
        _filing(
            users, units, organisations[org], state, today + datetime.timedelta(days=days), length, by, index
        )
    _annual(users, organisations, today)
    return [f"{connection.tenant.code}: {len(organisations)} overseas NGOs, {len(PLAN)} demo filings"]


def _filing(users, units, organisation, state, start, length, by, index) -> Filing:
    author = users[by]
    unit = author.unit if by == "submitter" else units[(index + 1) % len(units)]
    filing = services.create_filing(
        actor=author,
        data={
            "organisation": organisation,
            "title": ["青少年文化交流营", "乡村教师培训", "环境教育讲座", "儿童健康义诊"][index % 4]
            + f"（{index + 1}）",
            "unit_code": unit,
            "partner_name": organisation.partners or "兰州市文化馆",
            "content": "开展交流、培训和参观活动。",
            "place": "兰州市",
            "start": start,
            "end": start + datetime.timedelta(days=length - 1),
            "funding": Decimal("120000.00") + index * 5000,
            "funding_source": "境外组织自有资金",
            "foreign_participants": 4 + index,
            "chinese_participants": 30 + index,
            "participants_note": "",
        },
    )
    if state in ("draft",):
        return filing
    if state == "withdrawn":
        casework.perform(case=filing.case, name="withdraw", actor=author)
        return filing
    casework.perform(case=filing.case, name="submit", actor=author)
    filing.case.refresh_from_db()
    if state == "in_review":
        return filing
    if state in ("returned", "rejected"):
        name = "return" if state == "returned" else "reject"
        casework.perform(
            case=filing.case,
            name=name,
            actor=users[filing.case.current_role],
            comment="活动内容与该组织登记的业务范围不符，请补充说明。",
        )
        return filing
    while filing.case.state == "in_review":
        casework.perform(case=filing.case, name="approve", actor=users[filing.case.current_role])
        filing.case.refresh_from_db()
    if state == "approved":
        return filing
    services.record_filing(
        actor=users["clerk"],
        record=filing,
        data={
            "psb_number": f"甘公境临备〔{start.year}〕{100 + index}号",
            "filed_on": min(start, timezone.localdate()),
        },
    )
    if state == "reported":
        filing.case.refresh_from_db()
        services.report_activity(
            actor=author,
            record=filing,
            data={"report": "活动按计划完成，无违规情况。", "actual_participants": 36},
        )
    return filing


def _annual(users, organisations, today) -> None:
    first, second = organisations[0], organisations[1]
    clerk, reviewer = users["clerk"], users["reviewer"]
    plan = services.receive_document(
        actor=clerk,
        data={
            "organisation": first,
            "kind": "plan",
            "year": today.year,
            "received_on": datetime.date(today.year - 1, 12, 20),
            "summary": "年度计划开展项目5个。",
        },
    )
    services.review_document(
        actor=reviewer, document=plan, data={"opinion": "accepted", "opinion_text": "同意。"}
    )
    services.receive_document(
        actor=clerk,
        data={
            "organisation": first,
            "kind": "report",
            "year": today.year - 1,
            "received_on": datetime.date(today.year, 1, 25),
            "summary": "上年度完成项目4个。",
        },
    )
    returned = services.receive_document(
        actor=clerk,
        data={
            "organisation": second,
            "kind": "plan",
            "year": today.year,
            "received_on": datetime.date(today.year - 1, 12, 28),
            "summary": "年度计划。",
        },
    )
    services.review_document(
        actor=users["division_head"],
        document=returned,
        data={"opinion": "returned", "opinion_text": "请补充项目经费来源和活动地域。"},
    )
    # The second office's report on last year is late: reminded by the clerk.
    services.remind(
        actor=clerk,
        data={"organisation": second, "kind": "report", "year": today.year - 1, "note": "电话通知首席代表"},
        today=today,
    )
