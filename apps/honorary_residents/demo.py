"""Demo Honorary Resident nominations in every state, made through the services as the demo
users (the demo submitter's unit nominates; the office's chain decides; the clerk records
the city government's decisions and issues certificates). Idempotent."""

from __future__ import annotations

import datetime

from django.db import connection
from django.utils import timezone

from apps.accounts.models import User
from apps.casework import services as casework
from apps.honorary_residents import services
from apps.honorary_residents.models import Nomination

NOMINEES = [
    # name, Chinese name, sex, nationality, occupation, employer, field, contribution
    ("TANAKA HIROSHI", "田中博", "M", "JP", "Chairman", "Fukuoka-Guangzhou Friendship Society", "friendship",
     "三十年来推动两市青少年交流，组织互访团组百余批。"),
    ("MUELLER ANNA", "", "F", "DE", "Professor", "TU München", "science",
     "在本市创办中德联合实验室，培养博士研究生四十余名。"),
    ("SMITH JOHN", "史密斯", "M", "GB", "Conductor", "London Sinfonietta", "culture",
     "连续十年率团参加本市国际音乐节，推动中英文化交流。"),
    ("DUPONT MARIE", "杜邦", "F", "FR", "Surgeon", "Hôpital de Lyon", "health",
     "多次来本市开展义诊和手术示教，帮助建立创伤中心。"),
    ("SILVA PEDRO", "", "M", "BR", "CEO", "Silva Agro Ltda.", "economy",
     "在本市投资设立区域总部，带动就业两千余人。"),
    ("KIM MINJUN", "金敏俊", "M", "KR", "Founder", "Busan Children's Fund", "philanthropy",
     "资助本市山区学校二十所，设立奖学金。"),
    ("NGUYEN LAN", "阮兰", "F", "VN", "Director", "Hanoi Opera", "culture",
     "促成两地歌剧院结好，合作排演剧目三部。"),
    ("OKAFOR JAMES", "", "M", "NG", "Trade Commissioner", "Lagos Chamber of Commerce", "economy",
     "推动本市企业进入西非市场，促成贸易项目三十余个。"),
    ("ROSSI GIULIA", "罗西", "F", "IT", "Architect", "Studio Rossi", "culture",
     "参与本市历史街区保护规划，义务提供设计方案。"),
    ("JOHANSSON ERIK", "", "M", "SE", "Professor", "Karolinska Institutet", "health",
     "与本市医院合作开展公共卫生研究，培训医护人员。"),
]  # fmt: skip
PLAN = [
    "draft",
    "in_review",
    "in_review_half",
    "returned",
    "rejected",
    "withdrawn",
    "approved",
    "conferred",
    "not_conferred",
    "certified",
    "certified_visited",
]


def ensure_demo(today: datetime.date | None = None) -> list[str]:
    if Nomination.objects.exists():
        return []
    today = today or timezone.localdate()
    users = {user.username: user for user in User.objects.filter(is_active=True)}
    author = users.get("submitter") or users["clerk"]
    for index, state in enumerate(PLAN):
        _make(users, author, state, NOMINEES[index % len(NOMINEES)], today, index)
    return [f"{connection.tenant.code}: {len(PLAN)} demo Honorary Resident nominations"]


def _data(nominee, index) -> dict:
    name, name_zh, sex, nationality, occupation, employer, field, contribution = nominee
    return {
        "unit_code": (connection.tenant.profile.get("submitting_units") or [{}])[0].get("code", ""),
        "name_latin": name,
        "name_zh": name_zh,
        "sex": sex,
        "nationality": nationality,
        "occupation": occupation,
        "employer": employer,
        "in_city_since": datetime.date(1995 + index, 5, 1),
        "field": field,
        "contribution": contribution,
        "responsible_person": "李明",
        "responsible_phone": "020-83000000",
        "email": f"{name.split()[0].lower()}@example.org",
        "phone": "+49 89 0000 0000" if nationality == "DE" else "",
        "address": "",
        "contact_consent": index % 2 == 0,
    }


def _make(users, author, state, nominee, today, index):
    nomination = services.create_nomination(actor=author, data=_data(nominee, index))
    if state == "draft":
        return nomination
    if state == "withdrawn":
        casework.perform(case=nomination.case, name="withdraw", actor=author)
        return nomination
    services.submit(actor=author, record=nomination, data={})
    case = nomination.case
    case.refresh_from_db()
    if state == "in_review":
        return nomination
    if state == "in_review_half":
        casework.perform(case=case, name="approve", actor=users[case.current_role])
        return nomination
    if state in ("returned", "rejected"):
        casework.perform(
            case=case,
            name="return" if state == "returned" else "reject",
            actor=users[case.current_role],
            comment="请补充被推荐人在本市的主要贡献材料。",
        )
        return nomination
    while case.state == "in_review":
        case = casework.perform(case=case, name="approve", actor=users[case.current_role])
    if state == "approved":
        return nomination
    nomination = Nomination.objects.select_related("case").get(pk=nomination.pk)
    decision = {"decision_date": today, "decision_reference": f"穗府函〔{today.year}〕{100 + index}号"}
    if state == "not_conferred":
        return services.record_refusal(actor=users["clerk"], record=nomination, data=decision)
    services.record_decision(actor=users["clerk"], record=nomination, data=decision)
    if state == "conferred":
        return nomination
    nomination = Nomination.objects.select_related("case").get(pk=nomination.pk)
    services.issue_certificate(actor=users["clerk"], record=nomination, data={})
    if state == "certified_visited":
        services.record_visit(
            actor=users["clerk"],
            record=nomination,
            data={"visited_on": today, "purpose": "出席友好城市周年纪念活动", "notes": "市领导会见。"},
        )
    return nomination
