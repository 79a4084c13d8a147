"""Building donations for the tests: valid input, users of each role, the office's rates,
a factory with state traits (built through the services and the engine, as users would)."""

from __future__ import annotations

import copy
import datetime
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from apps.casework import services as casework
from apps.donations import services
from apps.donations.models import Donation
from tests.factories import CaseRecordFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
HTML = b"<!doctype html><html><body>not a pdf</body></html>"


def today() -> datetime.date:
    return timezone.localdate()


def donation_data(**fields) -> dict:
    unit = connection.tenant.profile["submitting_units"][0]["code"]
    data = {
        "title": "资助乡村学校图书室",
        "donor": None,
        "donor_kind": "person",
        "donor_name": "LIM KOK WAH",
        "donor_name_zh": "林国华",
        "donor_country": "SG",
        "donor_relation": "native",
        "donor_email": "lim@example.org",
        "donor_address": "",
        "unit_code": unit,
        "kind": "money",
        "currency": "USD",
        "amount": Decimal("10000.00"),
        "goods": [],
        "intended_use": "购置图书",
        "conditions": "",
        "condition_kinds": ["designated_use"],
        "disclose_name": True,
        "offered_on": today() - datetime.timedelta(days=3),
    }
    data.update(fields)
    return copy.deepcopy(data)


def people() -> dict:
    unit = connection.tenant.profile["submitting_units"][0]["code"]
    code = connection.tenant.schema_name[:2]
    roles = ["submitter", "clerk", "reviewer", "division_head", "director", "office_admin", "auditor"]
    return {
        role: UserFactory(username=f"{code}_d_{role}", role=role, unit=unit if role == "submitter" else "")
        for role in roles
    }


def rates(users, **values) -> None:
    for currency, rate in ({"USD": "7.10", "EUR": "7.70", "TWD": "0.22"} | values).items():
        services.record_rate(
            actor=users["clerk"],
            data={
                "currency": currency,
                "effective_on": today() - datetime.timedelta(days=30),
                "rate": Decimal(rate),
            },
        )


def approve_all(users, donation):
    case = donation.case
    while case.state == "in_review":
        case = casework.perform(
            case=case, name="approve", actor=users[case.current_role], version=case.version
        )
    donation.case.refresh_from_db()
    return donation


def fresh(donation) -> Donation:
    return Donation.objects.select_related("case", "donor").get(pk=donation.pk)


def upload(name: str, content: bytes = PDF, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


STATES = (
    "submitted",
    "approved",
    "escalated",
    "issued",
    "received",
    "in_use",
    "completed",
    "returned",
    "rejected",
)


class DonationFactory(CaseRecordFactory):
    """``DonationFactory(users=people())`` a draft; traits: ``submitted``, ``approved``
    (accepted), ``escalated``, ``issued`` (certificate), ``received``, ``in_use``,
    ``completed``, ``returned``, ``rejected``. The office's rates must be recorded."""

    STATES = STATES

    class Meta:
        model = Donation

    users = None
    data = factory.LazyFunction(donation_data)
    received = False
    in_use = False
    completed = False

    @classmethod
    def build_through_services(cls, *, users, data, state):
        users = users or people()
        if state == "escalated":
            data["donor_country"] = "TW"
            data["currency"] = "TWD"
        donation = services.create_donation(actor=users["clerk"], data=data)
        if state == "draft":
            return fresh(donation)
        services.submit(actor=users["clerk"], record=fresh(donation), data={})
        donation = fresh(donation)
        if state in ("returned", "rejected"):
            name = "return" if state == "returned" else "reject"
            casework.perform(
                case=donation.case, name=name, actor=users[donation.case.current_role], comment="不行"
            )
            return fresh(donation)
        if state == "in_review":
            return donation
        approve_all(users, donation)
        if state in ("approved", "escalated"):
            return fresh(donation)
        services.issue_certificate(actor=users["director"], record=fresh(donation), data={})
        if state == "issued":
            return fresh(donation)
        services.record_receipt(
            actor=users["clerk"],
            record=fresh(donation),
            data={
                "received_on": today(),
                "amount": donation.value,
                "description": "到账",
                "file_kind": "bank",
            },
        )
        if state == "received":
            return fresh(donation)
        services.plan_use(
            actor=users["clerk"],
            record=fresh(donation),
            data={"use_plan": "购书", "use_due": today() + datetime.timedelta(days=100)},
        )
        services.report_progress(
            actor=users["clerk"],
            record=fresh(donation),
            data={"reported_on": today(), "spent": donation.value, "description": "已购书"},
        )
        if state == "completed":
            services.complete(
                actor=users["reviewer"], record=fresh(donation), data={"completion_summary": "完毕"}
            )
        return fresh(donation)
