"""Building invitations for the tests: valid input, users of each role, a factory with
state traits (built through the services and the engine, as users would)."""

from __future__ import annotations

import copy
import datetime

import factory
from django.db import connection

from apps.casework import services as casework
from apps.invitations import services
from apps.invitations.models import Invitation
from tests.factories import CaseRecordFactory, UserFactory

FAR = datetime.date.today() + datetime.timedelta(days=60)  # well past any lead time


def invitee(name="MUELLER ANNA", **fields) -> dict:
    data = {
        "name_latin": name,
        "name_zh": "",
        "sex": "F",
        "birth_date": datetime.date(1978, 4, 2),
        "nationality": "DE",
        "passport_number": "C01X00T47",
        "passport_expiry": FAR + datetime.timedelta(days=800),
        "category": "academic",
        "occupation": "Professor",
        "employer": "TU München",
        "visa_type": "F",
        "entries": "single",
        "mission": "中华人民共和国驻慕尼黑总领事馆",
    }
    data.update(fields)
    return data


def invitation_data(*, invitees=None, start=FAR, days=6, **fields) -> dict:
    unit = connection.tenant.profile["submitting_units"][0]["code"]
    data = {
        "title": "学术交流",
        "unit_code": unit,
        "responsible_person": "王建国",
        "responsible_phone": "0571-88000000",
        "visit_kind": "academic",
        "purpose": "合作研究",
        "programme": "讲座和座谈",
        "arrival": start,
        "departure": start + datetime.timedelta(days=days - 1),
        "places": "杭州",
        "costs_paid_by": "inviting_unit",
        "acknowledge_responsibility": True,
        "invitees": invitees if invitees is not None else [invitee()],
    }
    data.update(fields)
    return copy.deepcopy(data)


def people() -> dict:
    unit = connection.tenant.profile["submitting_units"][0]["code"]
    code = connection.tenant.schema_name[:2]
    roles = ["submitter", "clerk", "reviewer", "division_head", "director", "office_admin", "auditor"]
    return {
        role: UserFactory(username=f"{code}_i_{role}", role=role, unit=unit if role == "submitter" else "")
        for role in roles
    }


def approve_all(users, invitation):
    case = invitation.case
    while case.state == "in_review":
        case = casework.perform(
            case=case, name="approve", actor=users[case.current_role], version=case.version
        )
    invitation.case.refresh_from_db()
    return invitation


class InvitationFactory(CaseRecordFactory):
    """``InvitationFactory(users=people())`` a draft; traits: ``submitted``, ``approved``,
    ``escalated``, ``issued``, ``returned``, ``rejected`` (each reached through the services)."""

    class Meta:
        model = Invitation

    users = None
    data = factory.LazyFunction(invitation_data)

    @classmethod
    def build_through_services(cls, *, users, data, state):
        users = users or people()
        if state == "escalated":
            data["invitees"][0]["category"] = "government"
        invitation = services.create_invitation(actor=users["clerk"], data=data)
        if state == "draft":
            return invitation
        services.submit(actor=users["clerk"], record=invitation, data={})
        invitation.case.refresh_from_db()
        if state in ("returned", "rejected"):
            name = "return" if state == "returned" else "reject"
            casework.perform(
                case=invitation.case, name=name, actor=users[invitation.case.current_role], comment="不行"
            )
        elif state in ("approved", "escalated", "issued"):
            approve_all(users, invitation)
            if state == "issued":
                services.issue_letters(actor=users["clerk"], record=invitation, data={})
        return Invitation.objects.select_related("case").get(pk=invitation.pk)
