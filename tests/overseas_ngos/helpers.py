"""Building overseas NGOs, filings and annual documents for the tests, through the services."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import connection

from apps.casework import services as casework
from apps.overseas_ngos import services
from apps.overseas_ngos.models import Filing, Organisation
from tests.factories import UserFactory

ROLES = ["clerk", "reviewer", "division_head", "director", "office_admin", "auditor"]
TODAY = datetime.date.today()


def people() -> dict:
    code = connection.tenant.schema_name[:2]
    units = [u["code"] for u in connection.tenant.profile["submitting_units"]]
    users = {role: UserFactory(username=f"{code}_ngo_{role}", role=role, unit="") for role in ROLES}
    users["submitter"] = UserFactory(username=f"{code}_ngo_partner", role="submitter", unit=units[0])
    users["other_submitter"] = UserFactory(username=f"{code}_ngo_other", role="submitter", unit=units[1])
    return users


def office(users, *, number="甘境代登字2024第009号", registered=None, **fields) -> Organisation:
    data = {
        "kind": "office",
        "name_zh": "北欧环境教育协会甘肃代表处",
        "name_en": "Nordic Environmental Education Association",
        "country": "NO",
        "field": "environment",
        "registration_number": number,
        "registered_on": registered or datetime.date(TODAY.year - 2, 3, 1),
        "chief_representative": "Ingrid Larsen",
        "scope": "环境教育",
        "area": "甘肃省",
        "partners": "兰州大学",
    }
    data.update(fields)
    return services.register_organisation(actor=users["clerk"], data=data)


def temporary(users, **fields) -> Organisation:
    data = {"kind": "temporary", "name_zh": "日本国际文化交流协会", "country": "JP", "field": "culture"}
    data.update(fields)
    return services.register_organisation(actor=users["clerk"], data=data)


def filing_data(organisation, users, *, start=None, days=3, **fields) -> dict:
    start = start or TODAY + datetime.timedelta(days=30)
    data = {
        "organisation": organisation.pk,
        "title": "青少年文化交流营",
        "unit_code": users["submitter"].unit,
        "partner_name": "兰州市文化馆",
        "content": "交流活动",
        "place": "兰州市",
        "start": start,
        "end": start + datetime.timedelta(days=days - 1),
        "funding": Decimal("50000.00"),
        "funding_source": "境外组织自有资金",
        "foreign_participants": 5,
        "chinese_participants": 30,
        "participants_note": "",
    }
    data.update(fields)
    return data


def approved_filing(users, organisation, **fields) -> Filing:
    filing = services.create_filing(actor=users["submitter"], data=filing_data(organisation, users, **fields))
    casework.perform(case=filing.case, name="submit", actor=users["submitter"])
    filing.case.refresh_from_db()
    while filing.case.state == "in_review":
        casework.perform(case=filing.case, name="approve", actor=users[filing.case.current_role])
        filing.case.refresh_from_db()
    return Filing.objects.select_related("case").get(pk=filing.pk)
