"""Building interview requests for the tests: an outlet in the register of partners, valid
input, users of each role, a factory with state traits (through the services and engine)."""

from __future__ import annotations

import copy
import datetime

import factory
from django.db import connection

from apps.casework import services as casework
from apps.foreign_media import services
from apps.foreign_media.models import InterviewRequest
from apps.partners import services as partners
from apps.partners.models import Partner
from tests.factories import CaseRecordFactory, UserFactory

SOON = datetime.date.today() + datetime.timedelta(days=20)


def outlet(name_en="Deutsche Welle", **fields) -> Partner:
    existing = Partner.objects.filter(kind="media", name_en=name_en).first()
    if existing is not None:
        return existing
    values = {"kind": "media", "name_zh": "德国之声", "name_en": name_en, "country": "DE", **fields}
    return partners.create_partner(actor=None, **values)


def interview_data(*, start=SOON, **fields) -> dict:
    unit = connection.tenant.profile["submitting_units"][0]["code"]
    data = {
        "outlet": outlet().pk,
        "journalist_name_latin": "SCHMIDT JONAS",
        "journalist_name_zh": "施密特",
        "journalist_nationality": "DE",
        "journalist_press_card_kind": "short_term",
        "journalist_press_card_number": "J2-DE-1",
        "journalist_accredited_until": None,
        "topic": "绿色低碳发展",
        "unit_code": unit,
        "interviewees": "分管副区长",
        "kind": "in_person",
        "start": start,
        "end": start + datetime.timedelta(days=2),
        "questions": "",
    }
    data.update(fields)
    return copy.deepcopy(data)


def people() -> dict:
    unit = connection.tenant.profile["submitting_units"][0]["code"]
    code = connection.tenant.schema_name[:2]
    roles = ["submitter", "clerk", "reviewer", "division_head", "director", "office_admin", "auditor"]
    return {
        role: UserFactory(username=f"{code}_m_{role}", role=role, unit=unit if role == "submitter" else "")
        for role in roles
    }


def arrangement(interview, **fields) -> dict:
    return {"held_on": interview.start, "place": "区政府", "escort": "张伟", "interpreter": "李娜", **fields}


class InterviewFactory(CaseRecordFactory):
    """``InterviewFactory(users=people())`` a draft; traits: ``submitted`` (with the office,
    the unit having consented), ``approved``, ``issued`` (arranged), ``returned``,
    ``rejected``. The clerk registers, the unit's submitter consents, the chain approves."""

    class Meta:
        model = InterviewRequest

    users = None
    data = factory.LazyFunction(interview_data)

    @classmethod
    def build_through_services(cls, *, users, data, state):
        users = users or people()
        interview = services.create_interview(actor=users["clerk"], data=data)
        if state == "draft":
            return interview
        casework.perform(case=interview.case, name="request_consent", actor=users["clerk"])
        interview = InterviewRequest.objects.select_related("case").get(pk=interview.pk)
        services.consent(actor=users["submitter"], record=interview, data={})
        case = interview.case
        case.refresh_from_db()
        if state in ("returned", "rejected"):
            name = "return" if state == "returned" else "reject"
            casework.perform(case=case, name=name, actor=users[case.current_role], comment="请补充")
        elif state in ("approved", "issued"):
            while case.state == "in_review":
                case = casework.perform(case=case, name="approve", actor=users[case.current_role])
            if state == "issued":
                fresh = InterviewRequest.objects.select_related("case").get(pk=interview.pk)
                services.arrange(actor=users["clerk"], record=fresh, data=arrangement(fresh))
        return InterviewRequest.objects.select_related("case").get(pk=interview.pk)
