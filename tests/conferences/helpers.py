"""Building conferences for the tests: valid input, users of each role, a factory with
state traits (built through the services and the engine, as users would)."""

from __future__ import annotations

import copy
import datetime
from decimal import Decimal

from django.db import connection

from apps.casework import services as casework
from apps.conferences import services
from apps.conferences.models import Conference
from tests.factories import CaseRecordFactory, UserFactory

FAR = datetime.date.today() + datetime.timedelta(days=60)


def conference_data(*, countries=None, heads=None, start=FAR, days=2, **fields) -> dict:
    unit = connection.tenant.profile["submitting_units"][0]["code"]
    data = {
        "title": "国际友城论坛",
        "name_en": "Sister Cities Forum",
        "kind": "forum",
        "unit_code": unit,
        "responsible_person": "陈明",
        "responsible_phone": "020-1",
        "start": start,
        "end": start + datetime.timedelta(days=days - 1),
        "venue": "国际会议中心",
        "total_participants": 200,
        "media": 10,
        "foreign_media": 2,
        "sponsors": "市人民政府",
        "co_organisers": "",
        "budget": Decimal("300000.00"),
        "funding": "fiscal",
        "security_plan": "公安负责",
        "health_plan": "卫健负责",
        "division": "",
        "office_leader": None,
        "countries": countries if countries is not None else [{"country": "JP", "participants": 20}],
        "heads": heads if heads is not None else [],
    }
    data.update(fields)
    return copy.deepcopy(data)


def people() -> dict:
    unit = connection.tenant.profile["submitting_units"][0]["code"]
    code = connection.tenant.schema_name[:2]
    roles = ["submitter", "clerk", "reviewer", "division_head", "director", "office_admin", "auditor"]
    return {
        role: UserFactory(username=f"{code}_c_{role}", role=role, unit=unit if role == "submitter" else "")
        for role in roles
    }


def approve_all(users, conference):
    case = conference.case
    while case.state == "in_review":
        case = casework.perform(
            case=case, name="approve", actor=users[case.current_role], version=case.version
        )
    conference.case.refresh_from_db()
    return conference


class ConferenceFactory(CaseRecordFactory):
    """``ConferenceFactory(users=people())`` a draft; traits: ``submitted``, ``approved``,
    ``escalated`` (150 foreign participants), ``issued``, ``returned``, ``rejected``."""

    class Meta:
        model = Conference

    users = None
    data = None

    @classmethod
    def build_through_services(cls, *, users, data, state):
        users = users or people()
        data = data or conference_data()
        if state == "escalated":
            data["countries"] = [{"country": "US", "participants": 150}]
        conference = services.create_conference(actor=users["clerk"], data=data)
        if state == "draft":
            return conference
        services.submit(actor=users["clerk"], record=conference, data={})
        conference.case.refresh_from_db()
        if state in ("returned", "rejected"):
            name = "return" if state == "returned" else "reject"
            casework.perform(
                case=conference.case, name=name, actor=users[conference.case.current_role], comment="不行"
            )
        elif state in ("approved", "escalated", "issued"):
            approve_all(users, conference)
            if state == "issued":
                services.issue_approval(actor=users["director"], record=conference, data={})
        return Conference.objects.select_related("case").get(pk=conference.pk)
