"""Building sister-city relationships for the tests: users of each role, a partner city,
valid input, a factory with state traits built through the services, the engine and the
province's decision (as users would)."""

from __future__ import annotations

import datetime

import factory
from django.db import connection

from apps.casework import services as casework
from apps.partners import services as partners
from apps.sister_cities import services
from apps.sister_cities.models import Relationship
from tests.factories import CaseRecordFactory, UserFactory

TODAY = datetime.date.today()


def people() -> dict:
    unit = connection.tenant.profile["submitting_units"][0]["code"]
    code = connection.tenant.schema_name[:2]
    roles = ["submitter", "clerk", "reviewer", "division_head", "director", "office_admin", "auditor"]
    return {
        role: UserFactory(username=f"{code}_s_{role}", role=role, unit=unit if role == "submitter" else "")
        for role in roles
    }


def partner_city(actor, name_en="Gifu", name_zh="岐阜市", country="JP"):
    return partners.create_partner(
        actor=actor, kind="city", name_zh=name_zh, name_en=name_en, country=country, place=name_en
    )


def relationship_data(partner, **fields) -> dict:
    data = {
        "title": f"与{partner.name_zh}缔结友好城市关系",
        "partner": partner.pk,
        "level": "sister_city",
        "unit_code": "",
        "background": "双方交流多年。",
        "exchanges_so_far": "2019年互访。",
        "proposed_term_years": 5,
    }
    data.update(fields)
    return data


def approve_all(users, relationship):
    case = relationship.case
    while case.state == "in_review":
        case = casework.perform(
            case=case, name="approve", actor=users[case.current_role], version=case.version
        )
    return Relationship.objects.select_related("case").get(pk=relationship.pk)


def province_decides(relationship, approve=True):
    from apps.provincial.services import decide
    from apps.reporting.models import EscalatedCase

    city = connection.tenant
    reviewer = UserFactory.build(username=f"{city.province.code}-rev", role="province_reviewer")
    escalation = EscalatedCase.objects.get(city_id=city.pk, case_id=relationship.case_id)
    decide(user=reviewer, province=city.province, escalation=escalation, approve=approve, comment="同意")
    return Relationship.objects.select_related("case").get(pk=relationship.pk)


def sign_data(start=None, **fields) -> dict:
    start = start or TODAY - datetime.timedelta(days=10)
    data = {
        "signed_on": start,
        "signed_place": "岐阜",
        "term_start": start,
        "term_end": start.replace(year=start.year + 5),
    }
    data.update(fields)
    return data


class RelationshipFactory(CaseRecordFactory):
    """``RelationshipFactory(users=people())`` a draft; traits ``submitted``, ``escalated``,
    ``approved`` (by the province), ``nationally_approved``, ``signed``, ``returned``, ``rejected``."""

    STATES = ("submitted", "escalated", "approved", "nationally_approved", "signed", "returned", "rejected")

    class Meta:
        model = Relationship

    users = None
    data = None
    nationally_approved = False
    signed = False

    @classmethod
    def build_through_services(cls, *, users, data, state):
        users = users or people()
        if data is None:
            data = relationship_data(partner_city(users["clerk"]))
        relationship = services.create_relationship(actor=users["clerk"], data=data)
        if state == "draft":
            return relationship
        services.submit(actor=users["clerk"], record=relationship, data={})
        relationship.case.refresh_from_db()
        if state in ("returned", "rejected"):
            name = "return" if state == "returned" else "reject"
            casework.perform(
                case=relationship.case, name=name, actor=users[relationship.case.current_role], comment="不行"
            )
        elif state != "in_review":
            relationship = approve_all(users, relationship)
            if state in ("approved", "nationally_approved", "signed"):
                relationship = province_decides(relationship)
            if state in ("nationally_approved", "signed"):
                services.record_national_approval(
                    actor=users["clerk"],
                    record=relationship,
                    data={
                        "approved_on": TODAY - datetime.timedelta(days=20),
                        "reference": "外友协〔2026〕8号",
                    },
                )
            if state == "signed":
                relationship = Relationship.objects.select_related("case").get(pk=relationship.pk)
                services.sign(actor=users["clerk"], record=relationship, data=sign_data())
        return Relationship.objects.select_related("case", "partner").get(pk=relationship.pk)


__all__ = ["factory"]
