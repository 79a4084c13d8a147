"""Demo receptions for `make run`: visits in every state (with programme, precedence,
seating, gifts, summary and follow-ups where the state has them) and receptions registered
by a department, made through the services as the demo users. Idempotent: a city with
visits is left alone."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from apps.accounts.models import User
from apps.casework import services as casework
from apps.receptions import services
from apps.receptions.models import Registration, Visit

DELEGATIONS = [
    # title, country, chief guest (zh, en, title, rank), companions
    (
        "友好城市代表团来访",
        "JP",
        ("田中一郎", "TANAKA Ichiro", "市长", "mayor"),
        [("铃木花子", "SUZUKI Hanako", "国际交流课长", "official")],
    ),
    (
        "德国经济代表团来访",
        "DE",
        ("米勒", "Hans MUELLER", "联邦经济部副部长", "vice_minister"),
        [
            ("施密特", "Anna SCHMIDT", "司长", "senior_official"),
            ("韦伯", "Jonas WEBER", "企业总裁", "senior_official"),
        ],
    ),
    (
        "法国驻华大使来访",
        "FR",
        ("杜邦", "Pierre DUPONT", "驻华大使", "ambassador"),
        [("马丁", "Claire MARTIN", "参赞", "official")],
    ),
    (
        "新加坡企业家代表团",
        "SG",
        ("陈志明", "TAN Chee Meng", "集团主席", "senior_official"),
        [("林美玲", "LIM Mei Ling", "副总裁", "senior_official")],
    ),
    ("总领事到任拜会", "GB", ("史密斯", "John SMITH", "总领事", "consul_general"), []),
    (
        "国家元首访问",
        "VN",
        ("阮文安", "NGUYEN Van An", "国家主席", "head_of_state"),
        [("黎氏花", "LE Thi Hoa", "外交部长", "minister")],
    ),
    (
        "巴西州长代表团",
        "BR",
        ("席尔瓦", "Pedro SILVA", "州长", "minister"),
        [("索萨", "Maria SOUZA", "州秘书长", "senior_official")],
    ),
    (
        "韩国姐妹城市青年团",
        "KR",
        ("金敏俊", "KIM Minjun", "副市长", "mayor"),
        [("朴智恩", "PARK Jieun", "科长", "official")],
    ),
]
HOSTS = [
    ("王建国", "WANG Jianguo", "副市长", "deputy_provincial", datetime.date(2021, 3, 1)),
    ("李红", "LI Hong", "外办主任", "department", datetime.date(2019, 6, 1)),
    ("张伟", "ZHANG Wei", "外办副主任", "deputy_department", datetime.date(2022, 1, 10)),
]
PLAN = [
    # state, delegation index, arrival in days from today
    ("draft", 0, 40),
    ("in_review", 1, 30),
    ("returned", 2, 35),
    ("escalated", 5, 50),
    ("approved", 3, 12),
    ("approved_now", 7, -1),
    ("completed", 0, -40),
    ("completed_pending", 4, -20),
    ("rejected", 2, 60),
    ("withdrawn", 0, 70),
]


def _data(units, divisions, index, delegation, arrival) -> dict:
    title, country, chief, companions = delegation
    guests = [
        {
            "name_zh": zh,
            "name_en": en,
            "title_text": t,
            "organisation": "",
            "country": country,
            "protocol_rank": r,
        }
        for zh, en, t, r in [chief, *companions]
    ]
    guests.append(
        {
            "name_zh": "翻译",
            "name_en": "Interpreter",
            "title_text": "随团翻译",
            "country": country,
            "role": "interpreter",
        }
    )
    hosts = [
        {"name_zh": zh, "name_en": en, "title_text": t, "rank": r, "took_office": since}
        for zh, en, t, r, since in HOSTS
    ]
    hosts.append({"name_zh": "赵敏", "name_en": "ZHAO Min", "title_text": "翻译", "role": "interpreter"})
    return {
        "title": f"{title}（{index + 1}）",
        "unit_code": units[index % len(units)]["code"],
        "division": "protocol" if "protocol" in divisions else (divisions[0] if divisions else ""),
        "purpose": "友好交流，洽谈合作项目，参观考察。",
        "arrival": arrival,
        "departure": arrival + datetime.timedelta(days=2),
        "budget": Decimal(30000 + 10000 * index),
        "meets_level": "",
        "banquet_level": "",
        "sees_off_level": "",
        "level_reason": "",
        "guests": guests,
        "hosts": hosts,
    }


def _programme(clerk, visit) -> None:
    tz = timezone.get_current_timezone()
    people = list(visit.participants.all())
    day = visit.arrival
    venue = ["市政府会见厅", "国宾馆宴会厅", "高新区展示中心"]
    items = [
        ("meeting", "会见", 0, 10, 11, venue[0]),
        ("banquet", "欢迎宴会", 0, 18, 20, venue[1]),
        ("visit", "参观考察", 1, 9, 12, venue[2]),
    ]
    for kind, title, offset, start, end, where in items:
        services.save_item(
            actor=clerk,
            record=visit,
            data={
                "kind": kind,
                "title": title,
                "start": datetime.datetime.combine(
                    day + datetime.timedelta(days=offset), datetime.time(start), tzinfo=tz
                ),
                "end": datetime.datetime.combine(
                    day + datetime.timedelta(days=offset), datetime.time(end), tzinfo=tz
                ),
                "venue": where,
                "participants": [p.pk for p in people],
                "dress": "formal",
                "press": "pool" if kind == "meeting" else "",
            },
        )
    services.generate_seating(actor=clerk, record=visit, data={"kind": "side_by_side", "title": "会见"})
    services.generate_seating(actor=clerk, record=visit, data={"kind": "banquet", "title": "欢迎宴会"})


def _approve_all(users, record) -> None:
    case = record.case
    case.refresh_from_db()
    while case.state == "in_review":
        case = casework.perform(
            case=case, name="approve", actor=users[case.current_role], version=case.version
        )


def _make(users, units, divisions, index, state, delegation, arrival):
    clerk = users["clerk"]
    visit = services.create_visit(actor=clerk, data=_data(units, divisions, index, delegation, arrival))
    if state == "draft":
        _programme(clerk, visit)
        return
    if state == "withdrawn":
        casework.perform(case=visit.case, name="withdraw", actor=clerk)
        return
    _programme(clerk, visit)
    services.submit(actor=clerk, record=visit, data={})
    visit.case.refresh_from_db()
    if state == "in_review":
        return
    if state in ("returned", "rejected"):
        name = "return" if state == "returned" else "reject"
        casework.perform(
            case=visit.case, name=name, actor=users[visit.case.current_role], comment="请补充日程安排。"
        )
        return
    _approve_all(users, visit)
    visit.case.refresh_from_db()
    if visit.case.state == "escalated":
        return
    services.add_gift(
        actor=clerk,
        record=visit,
        data={
            "direction": "given",
            "item": "丝绸画卷",
            "value": Decimal("480"),
            "counterpart": delegation[2][0],
            "approved_by": "李红",
        },
    )
    services.add_gift(
        actor=clerk,
        record=visit,
        data={
            "direction": "received",
            "item": "纪念银盘",
            "value": Decimal("1500"),
            "counterpart": delegation[2][0],
        },
    )
    if state.startswith("approved"):
        return
    first = visit.gifts.filter(direction="received").first()
    services.hand_in(actor=clerk, record=visit, data={"gift": first.pk, "kept_at": "办公室礼品库"})
    services.complete(
        actor=clerk,
        record=visit,
        data={
            "summary": "来访圆满成功，双方就友城合作达成共识。",
            "actual_cost": Decimal("28600"),
            "follow_ups": [
                {
                    "kind": "sister_city",
                    "title": "起草建立友好城市关系的请示",
                    "due": visit.departure
                    + datetime.timedelta(days=10 if state == "completed_pending" else 60),
                },
                {
                    "kind": "return_visit",
                    "title": "研究年内回访安排",
                    "due": visit.departure + datetime.timedelta(days=90),
                },
            ],
        },
    )


def _registrations(users, units) -> int:
    submitter = users.get("submitter")
    if submitter is None or not submitter.unit:
        return 0
    today = timezone.localdate()
    made = 0
    for n, state in enumerate(("draft", "in_review", "reviewed", "returned")):
        registration = services.create_registration(
            actor=submitter,
            data={
                "title": f"外国企业考察团来访（备案{n + 1}）",
                "unit_code": submitter.unit,
                "purpose": "考察投资环境。",
                "arrival": today + datetime.timedelta(days=10 + 5 * n),
                "departure": today + datetime.timedelta(days=12 + 5 * n),
                "country": ["US", "DE", "JP", "KR"][n],
                "chief_guest": ["John DOE，总裁", "Klaus BERG，董事", "佐藤健，社长", "李俊浩，会长"][n],
                "protocol_rank": "senior_official",
                "guests": 5 + n,
                "host": "本单位主要负责人",
                "programme": "座谈、参观企业。",
                "budget": Decimal(8000),
                "contact": "刘洋 0000-12345678",
            },
        )
        made += 1
        if state == "draft":
            continue
        services.submit_registration(actor=submitter, record=registration, data={})
        registration.case.refresh_from_db()
        if state == "returned":
            casework.perform(
                case=registration.case, name="return", actor=users["reviewer"], comment="请补充外宾名单。"
            )
        elif state == "reviewed":
            _approve_all(users, registration)
    return made


def ensure_demo() -> list[str]:
    if Visit.objects.exists():
        return []
    today = timezone.localdate()
    users = {user.username: user for user in User.objects.filter(is_active=True)}
    if "clerk" not in users:
        return []
    units = connection.tenant.profile.get("submitting_units") or []
    divisions = [d["code"] for d in connection.tenant.profile.get("divisions") or []]
    for index, (state, delegation, days) in enumerate(PLAN):
        _make(
            users,
            units,
            divisions,
            index,
            state,
            DELEGATIONS[delegation],
            today + datetime.timedelta(days=days),
        )
    made = 0 if Registration.objects.exists() else _registrations(users, units)
    return [f"{connection.tenant.code}: {len(PLAN)} demo visits, {made} registered receptions"]
