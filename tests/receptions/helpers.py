"""Building visits for the tests: valid input, users of each role, a factory with state
traits (built through the services and the engine, as users would)."""

from __future__ import annotations

import copy
import datetime
from decimal import Decimal

import factory
from django.db import connection
from django.utils import timezone

from apps.casework import services as casework
from apps.receptions import services
from apps.receptions.models import Visit
from tests.factories import CaseRecordFactory, UserFactory

START = datetime.date.today() + datetime.timedelta(days=30)


def guest(name_zh="田中一郎", name_en="TANAKA Ichiro", rank="mayor", **fields) -> dict:
    data = {
        "name_zh": name_zh,
        "name_en": name_en,
        "title_text": "市长",
        "organisation": "大阪市",
        "country": "JP",
        "protocol_rank": rank,
        "dietary": "",
        "languages": "日语",
        "role": "member",
    }
    data.update(fields)
    return data


def host(name_zh="王建国", name_en="WANG Jianguo", rank="deputy_provincial", **fields) -> dict:
    data = {"name_zh": name_zh, "name_en": name_en, "title_text": "副市长", "rank": rank, "role": "member"}
    data.update(fields)
    return data


def visit_data(*, guests=None, hosts=None, start=START, days=3, **fields) -> dict:
    unit = connection.tenant.profile["submitting_units"][0]["code"]
    data = {
        "title": "大阪市代表团来访",
        "unit_code": unit,
        "division": "protocol",
        "purpose": "友好交流",
        "arrival": start,
        "departure": start + datetime.timedelta(days=days - 1),
        "budget": Decimal("50000"),
        "meets_level": "",
        "banquet_level": "",
        "sees_off_level": "",
        "level_reason": "",
        "guests": guests if guests is not None else [guest(), guest("铃木花子", "SUZUKI Hanako", "official")],
        "hosts": hosts
        if hosts is not None
        else [host(), host("李红", "LI Hong", "department", title_text="外办主任")],
    }
    data.update(fields)
    return copy.deepcopy(data)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone())


def item_data(
    visit, *, hour=10, hours=1, day=None, venue="市政府会见厅", participants=None, **fields
) -> dict:
    day = day or visit.arrival
    data = {
        "kind": "meeting",
        "title": "会见",
        "start": at(day, hour),
        "end": at(day, hour + hours),
        "venue": venue,
        "participants": participants
        if participants is not None
        else [p.pk for p in visit.participants.all()],
        "vehicles": "",
        "dress": "formal",
        "press": "",
        "notes": "",
    }
    data.update(fields)
    return data


def people() -> dict:
    unit = connection.tenant.profile["submitting_units"][0]["code"]
    code = connection.tenant.schema_name[:2]
    roles = ["submitter", "clerk", "reviewer", "division_head", "director", "office_admin", "auditor"]
    return {
        role: UserFactory(username=f"{code}_r_{role}", role=role, unit=unit if role == "submitter" else "")
        for role in roles
    }


def approve_all(users, record):
    case = record.case
    case.refresh_from_db()
    while case.state == "in_review":
        case = casework.perform(
            case=case, name="approve", actor=users[case.current_role], version=case.version
        )
    record.case.refresh_from_db()
    return record


class VisitFactory(CaseRecordFactory):
    """``VisitFactory(users=people())`` a draft; traits ``submitted``, ``approved``,
    ``escalated``, ``returned``, ``rejected`` (each reached through the services)."""

    class Meta:
        model = Visit

    users = None
    data = factory.LazyFunction(visit_data)

    @classmethod
    def build_through_services(cls, *, users, data, state):
        users = users or people()
        if state == "escalated":
            data["guests"][0]["protocol_rank"] = "head_of_state"
        visit = services.create_visit(actor=users["clerk"], data=data)
        if state == "draft":
            return visit
        services.submit(actor=users["clerk"], record=visit, data={})
        visit.case.refresh_from_db()
        if state in ("returned", "rejected"):
            name = "return" if state == "returned" else "reject"
            casework.perform(case=visit.case, name=name, actor=users[visit.case.current_role], comment="不行")
        elif state in ("approved", "escalated"):
            approve_all(users, visit)
        return Visit.objects.select_related("case").get(pk=visit.pk)
