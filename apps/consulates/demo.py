"""Demo consulates for `make run`: consulates and a chamber in the register, consuls general
over time, the consular jurisdiction for their countries, a liaison log with notes verbales
answered in time, due soon and overdue, national-day receptions answered and pending.
Made through the services as the demo clerk. Idempotent."""

from __future__ import annotations

import datetime

from django.db import connection
from django.utils import timezone

from apps.accounts.models import User
from apps.consulates import services
from apps.consulates.models import LiaisonEntry
from apps.partners import services as partners
from apps.partners.models import Partner

BODIES = [
    # kind, Chinese name, name, country, consul (Latin, Chinese), national day (month, day)
    (
        "consulate",
        "德国驻本市总领事馆",
        "Consulate General of Germany",
        "DE",
        ("Anna Schulz", "安娜·舒尔茨"),
        (10, 3),
    ),
    (
        "consulate",
        "日本国驻本市总领事馆",
        "Consulate-General of Japan",
        "JP",
        ("Sato Kenji", "佐藤健二"),
        (2, 23),
    ),
    (
        "consulate",
        "法国驻本市总领事馆",
        "Consulat général de France",
        "FR",
        ("Marie Laurent", "玛丽·洛朗"),
        (7, 14),
    ),
    ("organisation", "中国欧盟商会分会", "European Union Chamber of Commerce in China", "BE", None, None),
]


def ensure_demo(today: datetime.date | None = None) -> list[str]:
    if LiaisonEntry.objects.exists():
        return []
    today = today or timezone.localdate()
    clerk = User.objects.get(username="clerk")
    bodies = []
    for kind, name_zh, name_en, country, consul, national_day in BODIES:
        body = Partner.objects.filter(kind=kind, name_en=name_en).first() or partners.create_partner(
            actor=clerk, kind=kind, name_zh=name_zh, name_en=name_en, country=country
        )
        bodies.append(body)
        if kind != "consulate":
            continue
        partners.set_jurisdiction(actor=clerk, country=country, partner=body)
        services.add_posting(
            actor=clerk,
            data={
                "partner": body.pk,
                "name_latin": f"{consul[0]} (former)",
                "name_zh": "",
                "post": "consul_general",
                "term_start": today.replace(year=today.year - 6),
                "term_end": today.replace(year=today.year - 3),
            },
        )
        services.add_posting(
            actor=clerk,
            data={
                "partner": body.pk,
                "name_latin": consul[0],
                "name_zh": consul[1],
                "post": "consul_general",
                "term_start": today.replace(year=today.year - 3) + datetime.timedelta(days=1),
                "term_end": None,
            },
        )
        month, day = national_day
        date = datetime.date(today.year, month, day)
        if date < today:
            date = date.replace(year=today.year + 1)
        services.add_national_day(
            actor=clerk,
            data={
                "partner": body.pk,
                "date": date,
                "title": f"{name_zh}国庆招待会",
                "invitation_received_on": min(today, date - datetime.timedelta(days=20)),
            },
        )
    germany, japan, france, chamber = bodies
    plan = [
        (germany, "note_verbale", 40, "关于总领事拜会市领导的照会", 10, 35),
        (japan, "request", 5, "请协助安排企业代表团参访", 2, None),
        (france, "note_verbale", 20, "关于领区内法国公民安全事项的照会", -5, None),
        (chamber, "meeting", 15, "商会年度营商环境座谈", None, None),
        (germany, "notice", 2, "总领馆国庆招待会时间通报", None, None),
    ]
    for body, kind, days_ago, subject, due_in, answered_after in plan:
        date = today - datetime.timedelta(days=days_ago)
        entry = services.add_liaison(
            actor=clerk,
            data={
                "partner": body.pk,
                "kind": kind,
                "date": date,
                "subject": subject,
                "reference": f"No. {100 + days_ago}/{today.year}" if kind == "note_verbale" else "",
                "deadline": today + datetime.timedelta(days=due_in) if due_in is not None else None,
                "notes": "",
            },
        )
        if answered_after is not None:
            services.answer(
                actor=clerk,
                entry=entry,
                data={
                    "answered_on": date + datetime.timedelta(days=answered_after - 30),
                    "answer_reference": "外办复〔1〕号",
                },
            )
    return [f"{connection.tenant.code}: demo consulates, postings, liaison log and national days"]
