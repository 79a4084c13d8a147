"""Building overseas Chinese affairs records for the tests: users of each role, valid
input, factories with state traits (through the services and the engine, as users would)."""

from __future__ import annotations

import datetime
import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from apps.casework import services as casework
from apps.overseas_chinese import services
from apps.overseas_chinese.models import Complaint, IdentityConfirmation
from tests.factories import PASSWORD, CaseRecordFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ID_NUMBER = "330102198001011234"
PASSPORT = "E98765432"


def people() -> dict:
    """One user per role (the submitter in the city's first unit); "other_unit" a submitter
    of the second unit."""
    units = [u["code"] for u in connection.tenant.profile["submitting_units"]]
    code = connection.tenant.schema_name[:2]
    roles = ["submitter", "clerk", "reviewer", "division_head", "director", "office_admin", "auditor"]
    users = {
        role: UserFactory(
            username=f"{code}_oc_{role}", role=role, unit=units[0] if role == "submitter" else ""
        )
        for role in roles
    }
    users["other_unit"] = UserFactory(username=f"{code}_oc_other", role="submitter", unit=units[1])
    return users


def person_data(**fields) -> dict:
    data = {
        "kind": "returnee",
        "name": "陈立华",
        "foreign_name": "",
        "sex": "M",
        "birth_date": datetime.date(1958, 3, 2),
        "id_number": ID_NUMBER,
        "passport_number": PASSPORT,
        "country": "ID",
        "unit_code": "",
        "address": "本市",
        "phone": "13905700001",
        "notes": "",
        "legal_basis": "statutory_duty",
        "legal_basis_note": "",
    }
    data.update(fields)
    return data


def identity_data(**fields) -> dict:
    unit = connection.tenant.profile["submitting_units"][0]["code"]
    data = {
        "claim": "returnee",
        "unit_code": unit,
        "applicant_name": "李国华",
        "sex": "M",
        "birth_date": datetime.date(1962, 5, 1),
        "id_number": ID_NUMBER,
        "phone": "13905700009",
        "address": "本市某街道",
        "country": "MY",
        "abroad_from": datetime.date(1980, 1, 1),
        "abroad_to": datetime.date(2005, 6, 1),
        "overseas_relative_name": "",
        "relation": "",
        "grounds": "护照、出入境记录、户籍证明。",
    }
    data.update(fields)
    return data


def complaint_data(**fields) -> dict:
    data = {
        "channel": "letter",
        "received_on": None,
        "subject": "rights",
        "title": "祖屋被占用",
        "complainant_name": "林女士",
        "complainant_phone": "13800000000",
        "complainant_email": "",
        "complainant_address": "",
        "details": "祖屋被他人占用多年。",
    }
    data.update(fields)
    return data


def evidence(name="evidence.pdf", content=PDF):
    return SimpleUploadedFile(name, content)


def approve_all(users, record):
    case = record.case
    while case.state == "in_review":
        case = casework.perform(
            case=case, name="approve", actor=users[case.current_role], version=case.version
        )
    record.case.refresh_from_db()
    return record


class IdentityFactory(CaseRecordFactory):
    class Meta:
        model = IdentityConfirmation

    users = None
    data = None

    @classmethod
    def build_through_services(cls, *, users, data, state):
        users = users or people()
        record = services.create_identity(actor=users["clerk"], data=data or identity_data())
        services.attach_evidence(actor=users["clerk"], record=record, data={"file": evidence()})
        if state == "draft":
            return record
        services.submit_identity(actor=users["clerk"], record=record, data={})
        record.case.refresh_from_db()
        if state in ("returned", "rejected"):
            name = "return" if state == "returned" else "reject"
            casework.perform(
                case=record.case, name=name, actor=users[record.case.current_role], comment="材料不足"
            )
        elif state in ("approved", "issued"):
            approve_all(users, record)
            if state == "issued":
                services.issue_certificate(actor=users["clerk"], record=record, data={})
        return IdentityConfirmation.objects.select_related("case").get(pk=record.pk)


class ComplaintFactory(CaseRecordFactory):
    """``ComplaintFactory(users=...)`` received; traits: ``accepted``, ``transferred``,
    ``replied``, ``closed`` (each through the services)."""

    STATES = ("accepted", "transferred", "replied", "closed")

    class Meta:
        model = Complaint

    users = None
    data = None
    accepted = False
    transferred = False
    replied = False
    closed = False

    @classmethod
    def _create(cls, model_class, users=None, data=None, **kwargs):
        state = next((name for name in reversed(cls.STATES) if kwargs.pop(name, False)), "received")
        return cls.build_through_services(users=users, data=data, state=state)

    @classmethod
    def build_through_services(cls, *, users, data, state):
        users = users or people()
        clerk = users["clerk"]
        complaint = services.receive_complaint(actor=clerk, data=data or complaint_data())
        order = ["received", "accepted", "transferred", "replied", "closed"]
        reached = order.index(state)
        if reached >= 1:
            services.accept_complaint(actor=clerk, record=complaint, data={})
        if reached >= 2:
            services.transfer_complaint(
                actor=clerk,
                record=complaint,
                data={"unit_code": users["submitter"].unit, "instructions": "请核实"},
            )
        if reached >= 3:
            complaint = Complaint.objects.select_related("case").get(pk=complaint.pk)
            services.department_answer(actor=users["submitter"], record=complaint, data={"answer": "已核实"})
            services.reply_complaint(actor=clerk, record=complaint, data={"reply": "已协调解决。"})
        if reached >= 4:
            services.close_complaint(actor=clerk, record=complaint, data={"satisfaction": "satisfied"})
        return Complaint.objects.select_related("case").get(pk=complaint.pk)


def api_client(code: str, user) -> Client:
    client = Client(HTTP_HOST=f"{code}.localhost")
    token = client.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}).json()[
        "token"
    ]
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return client


def web_client(code: str, user) -> Client:
    client = Client(HTTP_HOST=f"{code}.localhost")
    response = client.post("/accounts/sign-in/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def post(client, path, data):
    return client.post(path, json.dumps(data, default=str), content_type="application/json")


__all__ = ["io"]
