"""Demo data of overseas Chinese affairs for `make run`, made through the services as the
demo users: people and organisations of each kind, identity confirmations in every state
(one refused and applied for again), complaints in every state (online with a code, by
letter, visit and telephone; transferred to the demo submitter's unit; extended; overdue),
settlements open and closed, and restricted records. Idempotent: a city with complaints
is left alone."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from apps.accounts.models import User
from apps.casework import services as casework
from apps.overseas_chinese import services
from apps.overseas_chinese.models import Complaint

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

PEOPLE = [
    # kind, name, foreign name, sex, birth, id number, passport, country, phone
    ("returnee", "陈立华", "", "M", (1958, 3, 2), "330802195803021234", "", "ID", "13905700001"),
    ("returnee", "林美玉", "", "F", (1962, 8, 19), "33080219620819222X", "", "MY", "13905700002"),
    ("relative", "王建军", "", "M", (1975, 1, 9), "330803197501093456", "", "IT", "13905700003"),
    ("relative", "周小燕", "", "F", (1980, 11, 30), "330881198011304567", "", "ES", "13905700004"),
    ("overseas", "郑国强", "Kok Keong Cheng", "M", (1970, 5, 5), "", "E12345678", "SG", "+65 81234567"),
    ("ethnic", "黄玛丽", "Mary Wong", "F", (1985, 7, 7), "", "P7654321", "US", "+1 4155550100"),
]
ORGANISATIONS = [
    ("association", "意大利浙江华侨华人联合会", "IT", "张伟", "+39 0212345678"),
    ("enterprise", "新加坡侨资电子科技有限公司", "SG", "李强", "0570-8765432"),
]
COMPLAINTS = [
    # final state, channel, subject, title, days ago received
    ("received", "online", "rights", "祖屋被占用，请求协调归还", 2),
    ("received_overdue", "letter", "policy", "归侨子女入学政策落实问题", 40),
    ("accepted", "visit", "oc_investment", "侨资企业用地审批久拖未决", 10),
    ("transferred", "phone", "hkm_investment", "港资企业税收优惠未兑现", 12),
    ("extended", "letter", "rights", "侨眷房屋拆迁补偿争议", 50),
    ("replied", "online", "policy", "归侨退休待遇核定", 30),
    ("closed", "visit", "rights", "侨汇被冒领", 70),
    ("not_accepted", "phone", "other", "咨询出国签证办理", 5),
]


def _users() -> dict[str, User]:
    return {user.username: user for user in User.objects.filter(is_active=True)}


def ensure_demo(today: datetime.date | None = None) -> list[str]:
    if Complaint.objects.exists():
        return []
    today = today or timezone.localdate()
    users = _users()
    clerk = users["clerk"]
    submitter = users.get("submitter")
    units = [u["code"] for u in connection.tenant.profile.get("submitting_units") or []]
    department = submitter.unit if submitter is not None and submitter.unit else units[0]
    people = [
        services.create_person(
            actor=clerk,
            data={
                "kind": kind,
                "name": name,
                "foreign_name": foreign,
                "sex": sex,
                "birth_date": datetime.date(*born),
                "id_number": id_number,
                "passport_number": passport,
                "country": country,
                "unit_code": units[index % len(units)],
                "address": "本市",
                "phone": phone,
                "notes": "",
                "legal_basis": "consent" if index % 2 else "statutory_duty",
                "legal_basis_note": "本人书面同意（演示）" if index % 2 else "",
            },
        )
        for index, (kind, name, foreign, sex, born, id_number, passport, country, phone) in enumerate(PEOPLE)
    ]
    for kind, name, country, contact, phone in ORGANISATIONS:
        services.create_organisation(
            actor=clerk,
            data={
                "kind": kind,
                "name": name,
                "country": country,
                "address": "",
                "contact_name": contact,
                "contact_phone": phone,
                "contact_email": "",
                "notes": "",
                "legal_basis": "consent",
            },
        )
    _identities(users, department, today)
    for state, channel, subject, title, days in COMPLAINTS:
        _complaint(
            users, department, state, channel, subject, title, today - datetime.timedelta(days=days), today
        )
    _settlements(users, people, department, today)
    director = users["director"]
    services.create_restricted(
        actor=director,
        data={
            "kind": "emergency",
            "title": "海外侨胞遭遇台风受灾求助",
            "occurred_on": today - datetime.timedelta(days=3),
            "place": "菲律宾马尼拉",
            "people_involved": "本市籍侨胞约20人",
            "summary": "台风过境，部分侨胞住所受损。",
            "actions_taken": "联系驻外使馆，协调侨团救助。",
        },
    )
    taiwan = services.create_restricted(
        actor=director,
        data={
            "kind": "taiwan",
            "title": "台胞投资企业座谈会",
            "occurred_on": today - datetime.timedelta(days=20),
            "place": "本市",
            "people_involved": "台资企业代表8人",
            "summary": "听取台资企业经营困难和诉求。",
            "actions_taken": "会后形成问题清单转相关部门。",
        },
    )
    services.close_restricted(actor=director, matter=taiwan)
    return [
        f"{connection.tenant.code}: overseas Chinese affairs demo (people, identity, complaints, settlements)"
    ]


def _evidence(actor, record, name="户籍证明.pdf"):
    services.attach_evidence(actor=actor, record=record, data={"file": SimpleUploadedFile(name, PDF)})


def _identity_data(name, claim, department, n):
    data = {
        "claim": claim,
        "unit_code": department,
        "applicant_name": name,
        "sex": "F" if n % 2 else "M",
        "birth_date": datetime.date(1960 + n, 2, 1 + n),
        "id_number": f"33080219{60 + n}0201{n:02d}35",
        "phone": f"1390570{n:04d}",
        "address": "本市某街道",
        "country": ["ID", "MY", "TH", "IT", "FR", "US", "ES"][n % 7],
        "abroad_from": datetime.date(1980, 1, 1) if claim == "returnee" else None,
        "abroad_to": datetime.date(2000 + n, 6, 1) if claim == "returnee" else None,
        "overseas_relative_name": "" if claim == "returnee" else "王大海",
        "relation": "" if claim == "returnee" else "child",
        "grounds": "提交护照、出入境记录和户籍证明。",
    }
    return data


def _identities(users, department, today):
    clerk = users["clerk"]
    plan = [
        ("draft", "returnee"),
        ("in_review", "relative"),
        ("returned", "returnee"),
        ("rejected", "relative"),
        ("approved", "returnee"),
        ("issued", "relative"),
    ]
    for n, (state, claim) in enumerate(plan):
        name = ["李国华", "张秀英", "刘德明", "陈美玲", "杨志强", "吴丽娟"][n]
        record = services.create_identity(actor=clerk, data=_identity_data(name, claim, department, n))
        _evidence(clerk, record)
        if state == "draft":
            continue
        services.submit_identity(actor=clerk, record=record, data={})
        record.case.refresh_from_db()
        if state == "in_review":
            continue
        case = record.case
        if state in ("returned", "rejected"):
            name = "return" if state == "returned" else "reject"
            casework.perform(
                case=case,
                name=name,
                actor=users[case.current_role],
                comment="出入境记录不足以证明在国外定居。",
            )
            if state == "rejected":
                services.reapply(actor=clerk, record=record, data={})
            continue
        while case.state == "in_review":
            case = casework.perform(case=case, name="approve", actor=users[case.current_role])
        if state == "issued":
            record.case.refresh_from_db()
            services.issue_certificate(actor=clerk, record=record, data={})


def _complaint(users, department, state, channel, subject, title, received, today):
    clerk = users["clerk"]
    data = {
        "channel": channel,
        "received_on": received,
        "subject": subject,
        "title": title,
        "complainant_name": "陈先生" if channel != "online" else "林女士",
        "complainant_phone": "13800000000",
        "complainant_email": "",
        "complainant_address": "本市",
        "details": f"{title}。请求有关部门依法处理。",
    }
    complaint = services.receive_complaint(
        actor=None if channel == "online" else clerk, data=data, today=today
    )
    if state.startswith("received"):
        return complaint
    if state == "not_accepted":
        services.decline_complaint(
            actor=clerk, record=complaint, data={"comment": "不属于本办职责范围，请向出入境管理部门咨询。"}
        )
        return complaint
    services.accept_complaint(
        actor=clerk, record=complaint, data={}, today=received + datetime.timedelta(days=3)
    )
    if state == "accepted":
        return complaint
    if state == "extended":
        services.extend_complaint(
            actor=clerk, record=complaint, data={"reason": "涉及多个部门，需进一步调查核实。"}
        )
        return complaint
    services.transfer_complaint(
        actor=clerk,
        record=complaint,
        data={"unit_code": department, "due_on": None, "instructions": "请核实情况并于10个工作日内回复。"},
    )
    if state == "transferred":
        return complaint
    services.department_answer(
        actor=users["submitter"], record=complaint, data={"answer": "经核实，已协调有关方面妥善解决。"}
    )
    services.reply_complaint(
        actor=clerk, record=complaint, data={"reply": "您反映的问题已转有关部门核实处理，现已解决。"}
    )
    if state == "replied":
        return complaint
    services.close_complaint(actor=clerk, record=complaint, data={"satisfaction": "satisfied"})
    return complaint


def _settlements(users, people, department, today):
    clerk = users["clerk"]
    returnees = [p for p in people if p.kind == "returnee"]
    open_one = services.create_settlement(
        actor=clerk,
        data={
            "person": returnees[0],
            "arrived_on": today - datetime.timedelta(days=20),
            "needs": ["employment", "housing", "social_insurance"],
            "notes": "自印度尼西亚回国定居。",
        },
    )
    answered = services.hand_task(
        actor=clerk,
        settlement=open_one,
        data={
            "need": "social_insurance",
            "unit_code": department,
            "request": "请协助办理城乡居民养老保险参保。",
            "due_on": today + datetime.timedelta(days=10),
        },
    )
    services.answer_task(actor=users["submitter"], task=answered, data={"reply": "已办理参保登记。"})
    services.hand_task(
        actor=clerk,
        settlement=open_one,
        data={
            "need": "employment",
            "unit_code": department,
            "request": "请推荐就业岗位。",
            "due_on": today + datetime.timedelta(days=5),
        },
    )
    closed = services.create_settlement(
        actor=clerk,
        data={
            "person": returnees[1],
            "arrived_on": today - datetime.timedelta(days=120),
            "needs": ["schooling"],
            "notes": "自马来西亚回国，子女入学。",
        },
    )
    task = services.hand_task(
        actor=clerk,
        settlement=closed,
        data={
            "need": "schooling",
            "unit_code": department,
            "request": "请安排子女就近入学。",
            "due_on": today + datetime.timedelta(days=1),
        },
    )
    services.answer_task(actor=users["submitter"], task=task, data={"reply": "已安排入学。"})
    services.close_settlement(actor=clerk, settlement=closed)
