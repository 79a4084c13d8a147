"""Building delegations for the tests: valid input data and users of each role."""

from __future__ import annotations

import copy
import datetime

from django.db import connection

from apps.casework import services as casework
from apps.trips import services
from tests.factories import UserFactory

FAR = datetime.date.today() + datetime.timedelta(days=90)  # well past any lead time


def member(name="张三", **fields) -> dict:
    data = {
        "name": name,
        "gender": "M",
        "birth_date": datetime.date(1975, 3, 1),
        "unit": "市商务局",
        "position": "处长",
        "rank": "division",
        "document_type": "official_passport",
        "document_number": "SE1234567",
        "is_interpreter": False,
    }
    data.update(fields)
    return data


def trip_data(*, members=None, destinations=None, days=5, start=FAR, **fields) -> dict:
    end = start + datetime.timedelta(days=days - 1)
    unit = connection.tenant.profile["submitting_units"][0]["code"]
    data = {
        "kind": "abroad",
        "title": "经贸考察团",
        "unit_code": unit,
        "purpose": "参加经贸洽谈会，拜访友好城市。",
        "inviter_name": "Osaka Chamber of Commerce",
        "inviter_country": "JP",
        "funding_source": "部门预算",
        "budget": "120000.00",
        "departure": start,
        "return_date": end,
        "members": members if members is not None else [member()],
        "destinations": destinations
        if destinations is not None
        else [{"country": "JP", "arrive": start, "leave": end, "transit_airside": False}],
    }
    data.update(fields)
    return copy.deepcopy(data)


def people() -> dict:
    """One user per office role in the current city (password tests.factories.PASSWORD)."""
    unit = connection.tenant.profile["submitting_units"][0]["code"]
    code = connection.tenant.schema_name[:2]
    roles = ["submitter", "clerk", "reviewer", "division_head", "director", "office_admin", "auditor"]
    users = {
        role: UserFactory(username=f"{code}_t_{role}", role=role, unit=unit if role == "submitter" else "")
        for role in roles
    }
    return users


def decider(users, case):
    """The user of ``case``'s step who is not its author."""
    actor = users[case.current_role]
    if not casework.is_author(case, actor):
        return actor
    # a colleague of the same role (made when first needed: where a chain starts with the
    # clerk, the clerk who registered the case never approves it)
    code = connection.tenant.schema_name[:2]
    key = f"{case.current_role}2"
    if key not in users:
        users[key] = UserFactory(username=f"{code}_t_{key}", role=case.current_role)
    return users[key]


LETTER = b"%PDF-1.4 invitation letter"


def with_letter(users, delegation):
    """The delegation with its invitation letter uploaded (submission needs it)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return services.attach_invitation(
        actor=users["clerk"], delegation=delegation, uploaded_file=SimpleUploadedFile("letter.pdf", LETTER)
    )


def submitted(users, data=None):
    delegation = services.create_delegation(actor=users["clerk"], data=data or trip_data())
    return services.submit(actor=users["clerk"], delegation=with_letter(users, delegation))


def approve_all(users, delegation):
    """Approves by every step of the chain, in order; returns the delegation."""
    case = delegation.case
    while case.state == "in_review":
        case = casework.perform(case=case, name="approve", actor=decider(users, case), version=case.version)
    delegation.refresh_from_db()
    return delegation


def issued(users, data=None):
    """A delegation taken through approval, education and the end of its notice to issue."""
    import datetime as _datetime

    delegation = approve_all(users, submitted(users, data))
    for person in delegation.members.all():
        services.acknowledge_education(actor=users["clerk"], member=person)
    return services.issue_approval_document(
        actor=users["clerk"],
        delegation=delegation,
        today=delegation.notice_until + _datetime.timedelta(days=1),
    )
