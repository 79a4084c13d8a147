"""Building Honorary Resident nominations for the tests: valid input, users of each role, a
factory with state traits (built through the services and the engine)."""

from __future__ import annotations

import copy
import datetime

import factory
from django.db import connection

from apps.casework import services as casework
from apps.honorary_residents import services
from apps.honorary_residents.models import Nomination
from tests.factories import CaseRecordFactory, UserFactory


def nomination_data(**fields) -> dict:
    unit = connection.tenant.profile["submitting_units"][0]["code"]
    data = {
        "unit_code": unit,
        "name_latin": "MUELLER ANNA",
        "name_zh": "米勒",
        "sex": "F",
        "nationality": "DE",
        "occupation": "Professor",
        "employer": "TU München",
        "in_city_since": datetime.date(2001, 9, 1),
        "field": "science",
        "contribution": "创办中德联合实验室。",
        "responsible_person": "李明",
        "responsible_phone": "020-83000000",
        "email": "anna@example.org",
        "phone": "",
        "address": "",
        "contact_consent": True,
    }
    data.update(fields)
    return copy.deepcopy(data)


def people() -> dict:
    unit = connection.tenant.profile["submitting_units"][0]["code"]
    code = connection.tenant.schema_name[:2]
    roles = ["submitter", "clerk", "reviewer", "division_head", "director", "office_admin", "auditor"]
    return {
        role: UserFactory(username=f"{code}_hr_{role}", role=role, unit=unit if role == "submitter" else "")
        for role in roles
    }


def decision(**fields) -> dict:
    return {"decision_date": datetime.date.today(), "decision_reference": "穗府函〔2026〕12号", **fields}


class NominationFactory(CaseRecordFactory):
    """``NominationFactory(users=people())`` a draft; traits ``submitted``, ``approved``
    (with the city government), ``issued`` (conferred and certified), ``returned``,
    ``rejected``; the submitter is the author, the chain's roles approve."""

    class Meta:
        model = Nomination

    users = None
    data = factory.LazyFunction(nomination_data)

    @classmethod
    def build_through_services(cls, *, users, data, state):
        users = users or people()
        nomination = services.create_nomination(actor=users["submitter"], data=data)
        if state == "draft":
            return nomination
        services.submit(actor=users["submitter"], record=nomination, data={})
        case = nomination.case
        case.refresh_from_db()
        if state in ("returned", "rejected"):
            name = "return" if state == "returned" else "reject"
            casework.perform(case=case, name=name, actor=users[case.current_role], comment="请补充")
        elif state in ("approved", "issued"):
            while case.state == "in_review":
                case = casework.perform(case=case, name="approve", actor=users[case.current_role])
            if state == "issued":
                fresh = Nomination.objects.select_related("case").get(pk=nomination.pk)
                services.record_decision(actor=users["clerk"], record=fresh, data=decision())
                fresh = Nomination.objects.select_related("case").get(pk=nomination.pk)
                services.issue_certificate(actor=users["clerk"], record=fresh, data={})
        return Nomination.objects.select_related("case").get(pk=nomination.pk)
