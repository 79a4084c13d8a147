"""Demo donations for `make run`: the office's exchange rates, and one or more donations in
every state of the workflow (money and goods, donors named in public or not, one whose
progress report is overdue), made through the services as the demo users: the clerk
registers and submits, others approve. Idempotent: a city with donations is left alone."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from apps.accounts.models import User
from apps.casework import services as casework
from apps.donations import services
from apps.donations.models import Donation

RATES = {"USD": "7.1000", "EUR": "7.7000", "HKD": "0.9100", "JPY": "0.0480", "TWD": "0.2200", "SGD": "5.3000"}
DONORS = [
    # kind, name, Chinese name, country, relation, e-mail, named in public
    ("person", "LIM KOK WAH", "林国华", "SG", "native", "lim.kokwah@example.org", True),
    (
        "organisation",
        "Overseas Alumni Foundation",
        "海外校友基金会",
        "US",
        "alumni",
        "office@alumni.example.org",
        True,
    ),
    ("person", "CHAN TAI MAN", "陈大文", "HK", "compatriot", "", False),
    (
        "organisation",
        "Kansai Friendship Association",
        "关西友好协会",
        "JP",
        "sister_city",
        "info@kansai.example.jp",
        True,
    ),
    ("person", "WANG MEI-LING", "王美玲", "TW", "relatives", "", False),
    ("organisation", "Müller Medizintechnik GmbH", "", "DE", "investor", "csr@mueller.example.de", True),
]
PLAN = [
    # state, donor, kind, currency, amount (money) or items (goods), days offered before today
    ("draft", 0, "money", "SGD", "50000.00", 5),
    ("in_review", 1, "money", "USD", "20000.00", 10),
    ("in_review_big", 3, "money", "JPY", "8000000.00", 12),
    ("returned", 2, "money", "HKD", "100000.00", 15),
    ("escalated", 4, "money", "TWD", "300000.00", 20),
    ("rejected", 2, "money", "HKD", "30000.00", 25),
    ("withdrawn", 0, "money", "SGD", "5000.00", 28),
    ("accepted", 5, "goods", "EUR", [("便携式超声诊断仪", 2, "台", "18000.00")], 30),
    ("certified", 1, "money", "USD", "15000.00", 40),
    (
        "received",
        3,
        "goods",
        "JPY",
        [("防寒衣物", 500, "件", "1500000.00"), ("书包", 300, "个", "900000.00")],
        60,
    ),
    ("in_use", 0, "money", "SGD", "80000.00", 90),
    ("in_use_overdue", 5, "money", "EUR", "40000.00", 200),
    ("completed", 1, "money", "USD", "10000.00", 300),
]
TITLES = ["资助乡村学校图书室", "捐建卫生院设备", "助学金", "友城防寒物资", "敬老院改造", "医疗设备捐赠"]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n% demo\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ensure_demo(today: datetime.date | None = None) -> list[str]:
    if Donation.objects.exists():
        return []
    today = today or timezone.localdate()
    users = {user.username: user for user in User.objects.filter(is_active=True)}
    units = connection.tenant.profile.get("submitting_units") or []
    for currency, rate in RATES.items():
        services.record_rate(
            actor=users["clerk"],
            data={
                "currency": currency,
                "effective_on": today - datetime.timedelta(days=400),
                "rate": Decimal(rate),
                "note": "演示：中国外汇交易中心参考汇率",
            },
        )
    made = [_make(users, units, index, today, *row) for index, row in enumerate(PLAN)]
    return [f"{connection.tenant.code}: {len(made)} demo donations, {len(RATES)} exchange rates"]


def _data(units, index, donor, kind, currency, what, offered_on) -> dict:
    d_kind, name, name_zh, country, relation, email, public = DONORS[donor]
    return {
        "title": TITLES[index % len(TITLES)] + f"（{index + 1}）",
        "donor": None,
        "donor_kind": d_kind,
        "donor_name": name,
        "donor_name_zh": name_zh,
        "donor_country": country,
        "donor_relation": relation,
        "donor_email": email,
        "donor_address": "",
        "unit_code": units[index % len(units)]["code"],
        "kind": kind,
        "currency": currency,
        "amount": Decimal(what) if kind == "money" else None,
        "goods": []
        if kind == "money"
        else [
            {"description": d, "quantity": q, "unit": u, "estimated_value": Decimal(v)} for d, q, u, v in what
        ],
        "intended_use": "用于受赠单位的公益项目，专款专用。",
        "conditions": "请定期告知使用情况。" if index % 2 else "",
        "condition_kinds": ["designated_use", "reporting"] if index % 2 else ["designated_use"],
        "disclose_name": public,
        "offered_on": offered_on,
    }


def _approve_all(users, donation):
    case = donation.case
    while case.state == "in_review":
        case = casework.perform(
            case=case, name="approve", actor=users[case.current_role], version=case.version
        )


def _make(users, units, index, today, state, donor, kind, currency, what, days):
    clerk = users["clerk"]
    offered_on = today - datetime.timedelta(days=days)
    donation = services.create_donation(
        actor=clerk, data=_data(units, index, donor, kind, currency, what, offered_on)
    )
    if state == "draft":
        return donation
    if state == "withdrawn":
        casework.perform(case=donation.case, name="withdraw", actor=clerk)
        return donation
    services.submit(actor=clerk, record=donation, data={})
    donation.case.refresh_from_db()
    if state.startswith("in_review"):
        if state == "in_review_big":
            casework.perform(case=donation.case, name="approve", actor=users[donation.case.current_role])
        return donation
    if state in ("returned", "rejected"):
        name = "return" if state == "returned" else "reject"
        casework.perform(
            case=donation.case,
            name=name,
            actor=users[donation.case.current_role],
            comment="请补充捐赠方资信材料。",
        )
        return donation
    _approve_all(users, donation)
    donation.case.refresh_from_db()
    if donation.case.state == "escalated" or state == "accepted":
        return donation
    director = users["director"]
    services.issue_certificate(actor=director, record=_fresh(donation), data={})
    if state == "certified":
        return donation
    value = _fresh(donation).value
    services.record_receipt(
        actor=clerk,
        record=_fresh(donation),
        data={
            "received_on": offered_on + datetime.timedelta(days=20),
            "amount": value,
            "description": "全部到账" if kind == "money" else "物资已清点入库",
            "file_kind": "bank" if kind == "money" else "customs",
            "file": SimpleUploadedFile("receipt.pdf", PDF, content_type="application/pdf"),
        },
    )
    if state == "received":
        return donation
    services.plan_use(
        actor=clerk,
        record=_fresh(donation),
        data={
            "use_plan": "分两期使用：第一期购置设备，第二期开展培训。",
            "use_due": today + datetime.timedelta(days=180),
        },
    )
    reported_on = today - datetime.timedelta(days=120 if state == "in_use_overdue" else 10)
    services.report_progress(
        actor=clerk,
        record=_fresh(donation),
        data={
            "reported_on": max(reported_on, offered_on + datetime.timedelta(days=25)),
            "spent": (value / 2).quantize(Decimal("0.01")),
            "description": "第一期设备已购置到位并投入使用。",
            "photo": SimpleUploadedFile("photo.png", PNG, content_type="image/png"),
        },
    )
    if state != "completed":
        return donation
    services.report_progress(
        actor=clerk,
        record=_fresh(donation),
        data={
            "reported_on": today,
            "spent": value - (value / 2).quantize(Decimal("0.01")),
            "description": "第二期培训已完成。",
        },
    )
    services.complete(
        actor=users["reviewer"],
        record=_fresh(donation),
        data={"completion_summary": "捐赠款已按计划全部使用完毕。"},
    )
    services.send_use_report(actor=users["reviewer"], record=_fresh(donation), data={"send_email": True})
    return donation


def _fresh(donation: Donation) -> Donation:
    return Donation.objects.select_related("case", "donor").get(pk=donation.pk)
