"""Gaps in the audit trail closed (issue 14): passport numbers and birth dates never reach an
audit row (masked in diffs, left out of the object's name); documents leaving custody with a
delegation leave a row each; a province's decision leaves a row in the public schema."""

from __future__ import annotations

import datetime

from apps.audit import services as audit
from apps.audit.models import AuditEntry
from apps.provincial import services as provincial
from apps.reporting.models import EscalatedCase
from apps.trips import services
from tests.conftest import in_city
from tests.factories import UserFactory
from tests.trips.helpers import approve_all, member, people, submitted, trip_data


def test_personal_numbers_and_birth_dates_are_masked_at_any_depth():
    row = audit._jsonable(
        {
            "members": [
                {"name": "张三", "document_number": "E12345678", "birth_date": datetime.date(1980, 5, 1)}
            ],
            "passport_number": "P1234567",
            "title": "考察",
        }
    )
    assert row["members"][0]["document_number"] == "•••••••78"
    assert row["members"][0]["birth_date"] == "••••••••01"
    assert row["passport_number"].endswith("67") and "P12345" not in row["passport_number"]
    assert row["title"] == "考察" and row["members"][0]["name"] == "张三"


def test_a_delegations_audit_rows_hold_no_passport_number_or_birth_date(db):
    with in_city("hangzhou"):
        users = people()
        delegation = submitted(users)
        number = delegation.members.first().document_number
        rows = AuditEntry.objects.filter(object_id=str(delegation.pk))
        text = " ".join(f"{row.object_repr} {row.before} {row.after}" for row in rows)
        assert number not in text and "1975-03-01" not in text and "1980" not in text


def test_custody_in_and_out_is_audited_without_the_number(db):
    with in_city("hangzhou"):
        users = people()
        document = services.take_into_custody(
            actor=users["clerk"], holder_name="李四", holder_birth_date=datetime.date(1970, 1, 2),
            document_type="official_passport", number="SE1234567",
        )  # fmt: skip
        row = AuditEntry.objects.get(action="trips.take_into_custody", object_id=str(document.pk))
        assert "SE1234567" not in f"{row.object_repr} {row.after}" and "李四" in row.object_repr


def test_a_provinces_decision_leaves_a_row_in_the_public_schema(db):
    reviewer = UserFactory(username="zj_rev_audit", role="province_reviewer", unit="zhejiang")
    with in_city("hangzhou"):
        users = people()
        senior = [member("王五", rank="department", position="副市长")]
        delegation = approve_all(users, submitted(users, trip_data(members=senior)))
    escalation = EscalatedCase.objects.get(city__code="hangzhou", case_id=delegation.case_id)
    provincial.decide(user=reviewer, province=escalation.province, escalation=escalation, approve=False,
                      comment="不符合规定")  # fmt: skip
    row = AuditEntry.objects.get(action="province.reject", object_id=str(escalation.pk))
    assert row.actor_username == "zj_rev_audit" and row.after["city"] == "hangzhou"
