"""Building BRLC data for the tests through the services, as the secretariat would:
users of each role, valid input, a factory of applications with state traits, meetings
held or planned, members admitted through an application."""

from __future__ import annotations

import datetime
import itertools
import json

import factory
from django.test import Client
from django.utils import timezone

from apps.brlc import services
from apps.brlc.models import Application, Meeting, Member
from apps.casework import services as casework
from tests.factories import PASSWORD, CaseRecordFactory, UserFactory

DAY = datetime.timedelta(days=1)
_names = itertools.count(1)


def today() -> datetime.date:
    return timezone.localdate()


def people() -> dict:
    """One user per role (the clerk registers; the reviewer and the division head approve)."""
    from django.db import connection

    code = connection.tenant.schema_name[:2]
    roles = ["submitter", "clerk", "reviewer", "division_head", "director", "office_admin", "auditor"]
    unit = (connection.tenant.profile.get("submitting_units") or [{"code": ""}])[0]["code"]
    return {
        role: UserFactory(username=f"{code}_b_{role}", role=role, unit=unit if role == "submitter" else "")
        for role in roles
    }


def application_data(**fields) -> dict:
    number = next(_names)
    data = {
        "name_zh": f"测试市{number}",
        "name_en": f"Test City {number}",
        "name_native": f"Teststadt {number}",
        "country": "DE",
        "level": "city",
        "received_on": today() - 40 * DAY,
        "motivation": "加强地方合作",
        "contact_name": "Anna Schmidt",
        "contact_position": "International Office",
        "contact_email": f"anna{number}@city.example.de",
        "contact_phone": "+49 30 1234",
    }
    data.update(fields)
    return data


def meeting(users, *, held: bool = True, kind: str = "council", days: int = -10, title: str = "") -> Meeting:
    record = services.create_meeting(
        actor=users["clerk"],
        data={
            "kind": kind,
            "title": title or f"会议{next(_names)}",
            "date": today() + days * DAY,
            "place": "杭州",
            "agenda": "议程",
        },
    )
    if held:
        record = services.record_meeting(
            actor=users["clerk"], record=record, data={"attended": [], "minutes": "纪要"}
        )
    return Meeting.objects.get(pk=record.pk)


def approve_all(users, application: Application) -> Application:
    case = application.case
    while case.state == "in_review":
        case = casework.perform(
            case=case, name="approve", actor=users[case.current_role], version=case.version
        )
    return Application.objects.select_related("case").get(pk=application.pk)


class ApplicationFactory(CaseRecordFactory):
    """``ApplicationFactory(users=people())`` a draft; traits ``submitted``, ``approved`` (reviewed
    by the chain, for the committee), ``returned``, ``rejected``; ``admitted`` (a meeting held
    admitted it: a member and a welcome letter)."""

    STATES = ("submitted", "approved", "returned", "rejected", "admitted")

    class Meta:
        model = Application

    users = None
    data = factory.LazyFunction(application_data)
    admitted = False

    @classmethod
    def build_through_services(cls, *, users, data, state):
        users = users or people()
        application = services.create_application(actor=users["clerk"], data=data)
        if state == "draft":
            return application
        casework.perform(case=application.case, name="submit", actor=users["clerk"])
        application = Application.objects.select_related("case").get(pk=application.pk)
        if state in ("returned", "rejected"):
            name = "return" if state == "returned" else "reject"
            casework.perform(
                case=application.case, name=name, actor=users[application.case.current_role], comment="不行"
            )
        elif state in ("approved", "admitted"):
            application = approve_all(users, application)
            if state == "admitted":
                services.admit(actor=users["clerk"], record=application, data={"meeting": meeting(users).pk})
        return Application.objects.select_related("case", "member").get(pk=application.pk)


def member(users, **fields) -> Member:
    application = ApplicationFactory(users=users, data=application_data(**fields), admitted=True)
    return application.member


def api_client(code: str, user) -> Client:
    client = Client(HTTP_HOST=f"{code}.localhost")
    token = client.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}).json()[
        "token"
    ]
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return client


def post(client, path, data):
    return client.post(path, json.dumps(data, default=str), content_type="application/json")
