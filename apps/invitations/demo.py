"""Demo invitations for `make run`: one or more in every state of the workflow, in the city's
own units, made through the services as the demo users; visitors in the register in the city
now, gone, refused and past their planned exit. Idempotent: a city with invitations is left alone."""

from __future__ import annotations

import datetime

from django.db import connection
from django.utils import timezone

from apps.accounts.models import User
from apps.casework import services as casework
from apps.casework.selectors import decider
from apps.invitations import services
from apps.invitations.models import Invitation

GUESTS = [
    # name, Chinese name, sex, nationality, category, occupation, employer, mission
    (
        "TANAKA HIROSHI",
        "田中博",
        "M",
        "JP",
        "business",
        "Director",
        "Osaka Trading Co.",
        "中华人民共和国驻大阪总领事馆",
    ),
    (
        "SUZUKI YUKI",
        "铃木由纪",
        "F",
        "JP",
        "business",
        "Manager",
        "Osaka Trading Co.",
        "中华人民共和国驻大阪总领事馆",
    ),
    ("MUELLER ANNA", "", "F", "DE", "academic", "Professor", "TU München", "中华人民共和国驻慕尼黑总领事馆"),
    ("SMITH JOHN", "", "M", "GB", "culture", "Conductor", "London Sinfonietta", "中华人民共和国驻英国大使馆"),
    (
        "KIM MINJUN",
        "金敏俊",
        "M",
        "KR",
        "government",
        "Deputy Mayor",
        "Busan Metropolitan City",
        "中华人民共和国驻釜山总领事馆",
    ),
    (
        "DUPONT MARIE",
        "",
        "F",
        "FR",
        "academic",
        "Researcher",
        "Université de Lyon",
        "中华人民共和国驻里昂总领事馆",
    ),
    ("SILVA PEDRO", "", "M", "BR", "business", "CEO", "Silva Agro Ltda.", "中华人民共和国驻圣保罗总领事馆"),
    ("NGUYEN LAN", "阮兰", "F", "VN", "culture", "Dancer", "Hanoi Opera", "中华人民共和国驻越南大使馆"),
]
PLAN = [
    # state, guests (indices into GUESTS), arrival in days from today, kind of visit
    ("draft", [0, 1], 50, "business"),
    ("in_review", [2], 55, "academic"),
    ("in_review", [3], 60, "culture"),
    ("returned", [5], 65, "academic"),
    ("escalated", [4], 70, "official"),
    ("approved", [6], 45, "business"),
    ("issued", [0, 2, 3], 40, "business"),
    ("issued_now", [7, 1], -3, "culture"),  # one visitor in the city now, one gone
    ("issued_overdue", [3, 6], -30, "business"),  # one visitor past the planned exit
    ("closed", [5, 6], -60, "academic"),
    ("rejected", [3], 75, "culture"),
    ("withdrawn", [2], 80, "academic"),
]


def ensure_demo(today: datetime.date | None = None) -> list[str]:
    if Invitation.objects.exists():
        return []
    today = today or timezone.localdate()
    users = {user.username: user for user in User.objects.filter(is_active=True)}
    units = connection.tenant.profile.get("submitting_units") or []
    created = []
    for index, (state, guests, days, kind) in enumerate(PLAN):
        unit = units[index % len(units)]["code"]
        arrival = today + datetime.timedelta(days=days)
        created.append(_make(users, unit, state, guests, arrival, kind, today, index))
    return [f"{connection.tenant.code}: {len(created)} demo invitations"]


def _data(unit, guests, arrival, kind, index) -> dict:
    departure = arrival + datetime.timedelta(days=6)
    return {
        "title": ["经贸洽谈", "学术交流", "文化演出", "友城访问"][index % 4] + f"（{index + 1}）",
        "unit_code": unit,
        "responsible_person": "王建国",
        "responsible_phone": "0571-88000000",
        "visit_kind": kind,
        "purpose": "洽谈合作项目，参观考察。",
        "programme": "第1天抵达；第2-5天会谈、参观；第6天离境。",
        "arrival": arrival,
        "departure": departure,
        "places": "本市",
        "costs_paid_by": "inviting_unit",
        "acknowledge_responsibility": True,
        "invitees": [
            {
                "name_latin": g[0],
                "name_zh": g[1],
                "sex": g[2],
                "birth_date": datetime.date(1970 + n, 3, 1 + n),
                "nationality": g[3],
                "passport_number": f"{g[3]}{7100000 + 7919 * GUESTS.index(g)}",
                "passport_expiry": departure + datetime.timedelta(days=900),
                "category": g[4],
                "occupation": g[5],
                "employer": g[6],
                "visa_type": "M" if g[4] == "business" else "F",
                "entries": "single",
                "mission": g[7],
            }
            for n, g in ((n, GUESTS[i]) for n, i in enumerate(guests))
        ],
    }


def _approve_all(users, invitation):
    case = invitation.case
    while case.state == "in_review":
        case = casework.perform(case=case, name="approve", actor=decider(case), version=case.version)


def _make(users, unit, state, guests, arrival, kind, today, index):
    clerk = users["clerk"]
    invitation = services.create_invitation(actor=clerk, data=_data(unit, guests, arrival, kind, index))
    if state == "draft":
        return invitation
    for breach in services.open_breaches(invitation):
        if breach.overridable:
            services.override_rule(
                actor=users["director"],
                record=invitation,
                data={"rule": breach.rule, "justification": "演示：往期来访补录"},
            )
    if state == "withdrawn":
        casework.perform(case=invitation.case, name="withdraw", actor=clerk)
        return invitation
    services.submit(actor=clerk, record=invitation, data={})
    invitation.case.refresh_from_db()
    if state == "in_review":
        if index % 2:
            casework.perform(case=invitation.case, name="approve", actor=decider(invitation.case))
        return invitation
    if state in ("returned", "rejected"):
        name = "return" if state == "returned" else "reject"
        casework.perform(
            case=invitation.case,
            name=name,
            actor=decider(invitation.case),
            comment="请补充日程安排。",
        )
        return invitation
    _approve_all(users, invitation)
    invitation.case.refresh_from_db()
    if state == "escalated" or invitation.case.state == "escalated":
        return invitation
    if state == "approved":
        return invitation
    services.issue_letters(actor=clerk, record=invitation, data={})
    if state in ("issued_now", "issued_overdue", "closed"):
        invitees = list(invitation.invitees.all())
        for n, invitee in enumerate(invitees):
            entered = min(invitation.arrival, today)
            exited = min(invitation.departure, today) if (state == "closed" or n > 0) else None
            services.record_visit(
                actor=clerk,
                record=invitation,
                data={
                    "invitee": invitee.pk,
                    "visa_status": "obtained",
                    "entered_on": entered,
                    "exited_on": exited,
                },
            )
        if state == "closed":
            casework.perform(case=invitation.case, name="close", actor=clerk)
    else:
        first = invitation.invitees.first()
        services.record_visit(
            actor=clerk,
            record=invitation,
            data={"invitee": first.pk, "visa_status": "refused", "entered_on": None, "exited_on": None},
        )
    return invitation
