"""Establishing a sister-city relationship (city chain, province, national approval, signing)
and the living relationship (exchanges, plans, renewals, anniversaries, dormancy)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.audit.models import AuditEntry
from apps.casework import services as casework
from apps.notifications.models import Notification
from apps.partners import selectors as partner_selectors
from apps.reporting.models import EscalatedCase, MonthlyFigure
from apps.sister_cities import reminders, selectors, services
from apps.sister_cities.models import Relationship
from tests.conftest import in_city
from tests.sister_cities.helpers import (
    TODAY,
    RelationshipFactory,
    approve_all,
    partner_city,
    people,
    province_decides,
    relationship_data,
    sign_data,
)

pytestmark = pytest.mark.django_db


def test_a_proposal_goes_through_the_chain_to_the_province_then_national_approval_and_signing():
    with in_city("hangzhou"):
        users = people()
        relationship = RelationshipFactory(users=users, submitted=True)
        assert relationship.case.facts == {
            "new_relationship": True,
            "levels": ["sister_city"],
            "proposer_kinds": ["city"],
        }
        relationship = approve_all(users, relationship)
        assert relationship.state == "escalated"  # every new relationship goes to the province
        roles = list(
            relationship.case.events.filter(transition="approve").values_list("actor_role", flat=True)
        )
        assert roles == ["reviewer", "division_head", "director"]

    escalation = EscalatedCase.objects.get(city__code="hangzhou", case_id=relationship.case_id)
    fields = {f["names"]["en"]: f["value"] for f in escalation.summary["fields"]}
    assert fields["Partner city"] == "岐阜市 Gifu" and fields["Proposed by"] == {
        "zh": "本市",
        "en": "The city",
    }

    with in_city("hangzhou"):
        relationship = province_decides(relationship)
        assert relationship.state == "approved"
        with pytest.raises(ValidationError) as error:  # the reference of the external step is required
            services.record_national_approval(
                actor=users["clerk"], record=relationship, data={"approved_on": TODAY, "reference": " "}
            )
        assert "reference" in error.value.message_dict
        services.record_national_approval(
            actor=users["clerk"],
            record=relationship,
            data={"approved_on": TODAY, "reference": "外友协〔2026〕8号"},
        )
        relationship = Relationship.objects.select_related("case").get(pk=relationship.pk)
        assert relationship.state == "nationally_approved"
        assert relationship.national_approval_reference == "外友协〔2026〕8号"

        services.sign(actor=users["clerk"], record=relationship, data=sign_data())
        relationship = Relationship.objects.select_related("case").get(pk=relationship.pk)
        assert relationship.state == "signed" and relationship.term_end is not None
        link = partner_selectors.link_of_record("sister_cities", relationship.record_ref, kind="agreement")
        assert link.date == relationship.signed_on
        assert MonthlyFigure.objects.filter(metric="sister_cities.established").exists()


def test_an_agreement_ending_before_it_starts_is_a_clear_error_and_nothing_is_half_saved():
    with in_city("hangzhou"):
        users = people()
        relationship = RelationshipFactory(users=users, nationally_approved=True)
        start = TODAY - datetime.timedelta(days=3)
        audit_rows = AuditEntry.objects.count()

        with pytest.raises(ValidationError) as error:
            services.sign(
                actor=users["clerk"], record=relationship,
                data=sign_data(start, term_end=start - datetime.timedelta(days=1)),
            )  # fmt: skip

        assert "term_end" in error.value.message_dict
        relationship = Relationship.objects.select_related("case").get(pk=relationship.pk)
        assert relationship.state == "nationally_approved" and relationship.signed_on is None
        assert AuditEntry.objects.count() == audit_rows


def test_a_district_proposes_its_own_twinning_through_the_city_and_sees_only_its_own():
    with in_city("hangzhou"):
        users = people()
        district = users["submitter"]
        partner = partner_city(users["clerk"])
        relationship = services.create_relationship(
            actor=district, data=relationship_data(partner, unit_code="someone_else")
        )
        assert relationship.unit_code == district.unit  # a unit proposes for itself only
        services.submit(actor=district, record=relationship, data={})
        relationship.case.refresh_from_db()
        assert relationship.case.facts["proposer_kinds"] == [relationship.unit_kind]
        other = services.create_relationship(actor=users["clerk"], data=relationship_data(partner))
        assert list(selectors.relationships_for(district)) == [relationship]
        assert set(selectors.relationships_for(users["clerk"])) == {relationship, other}


def test_the_partner_must_be_a_foreign_city_of_the_register():
    with in_city("hangzhou"):
        users = people()
        from apps.partners import services as partners

        consulate = partners.create_partner(
            actor=users["clerk"], kind="consulate", name_zh="领馆", name_en="C"
        )
        with pytest.raises(ValidationError) as error:
            services.create_relationship(actor=users["clerk"], data=relationship_data(consulate))
        assert "partner" in error.value.message_dict
        assert not Relationship.objects.exists()


def test_exchanges_and_plans_reach_the_partners_history_and_the_yearly_report():
    with in_city("hangzhou"):
        users = people()
        relationship = RelationshipFactory(users=users, signed=True)
        visit = {"kind": "visit_in", "field": "education", "date": TODAY, "title": "岐阜中学生来访"}
        services.add_exchange(actor=users["clerk"], record=relationship, data={**visit, "participants": 20})
        services.set_plan(
            actor=users["clerk"], record=relationship, data={"year": TODAY.year, "items": "互访"}
        )

        history = partner_selectors.partner_history(relationship.partner)
        report = selectors.yearly_report(relationship, TODAY.year)

        assert {link.kind for link in history.links} == {"agreement", "visit_in", "plan"}
        assert [link.kind for link in history.follow_ups] == ["plan"]
        assert [e.title for e in report["exchanges"]] == ["岐阜中学生来访"]
        assert report["participants"] == 20 and report["plan"] == "互访"
        with pytest.raises(PermissionDenied):
            services.add_exchange(actor=users["submitter"], record=relationship, data={})


def test_renewal_must_end_after_the_current_term():
    with in_city("hangzhou"):
        users = people()
        relationship = RelationshipFactory(users=users, signed=True)
        with pytest.raises(ValidationError):
            services.renew(
                actor=users["clerk"], record=relationship, data={"term_end": relationship.term_end}
            )
        new_end = relationship.term_end.replace(year=relationship.term_end.year + 5)
        services.renew(actor=users["clerk"], record=relationship, data={"term_end": new_end})
        assert Relationship.objects.get(pk=relationship.pk).term_end == new_end


def test_renewals_and_anniversaries_are_reminded_ahead_once_and_dormant_ones_flagged():
    with in_city("hangzhou"):
        users = people()
        relationship = RelationshipFactory(users=users, signed=True)
        signed = TODAY.replace(year=TODAY.year - 10) + datetime.timedelta(days=10)
        Relationship.objects.filter(pk=relationship.pk).update(
            signed_on=signed, term_start=signed, term_end=TODAY + datetime.timedelta(days=30)
        )

        due = reminders.due_reminders(TODAY)
        kinds = sorted(r.kind for r in due)

        assert kinds == ["sister_cities.anniversary", "sister_cities.dormant", "sister_cities.renewal"]
        assert all(users["clerk"] in list(r.recipients) for r in due)
        assert "10周年" in next(r.subject for r in due if r.kind == "sister_cities.anniversary")
        assert MonthlyFigure.objects.get(metric="sister_cities.dormant").value == 1
        # An exchange wakes it up.
        services.add_exchange(
            actor=users["clerk"], record=relationship,
            data={"kind": "project", "field": "trade", "date": TODAY, "title": "经贸洽谈"},
        )  # fmt: skip
        assert "sister_cities.dormant" not in [r.kind for r in reminders.due_reminders(TODAY)]


def test_reminders_are_sent_once_through_the_runner():
    from django.core.management import call_command

    with in_city("hangzhou"):
        users = people()
        relationship = RelationshipFactory(users=users, signed=True)
        Relationship.objects.filter(pk=relationship.pk).update(term_end=TODAY + datetime.timedelta(days=10))
    call_command("send_reminders", "--city", "hangzhou", "--date", TODAY.isoformat())
    call_command(
        "send_reminders", "--city", "hangzhou", "--date", (TODAY + datetime.timedelta(days=1)).isoformat()
    )
    with in_city("hangzhou"):
        assert Notification.objects.filter(kind="sister_cities.renewal").count() == 1


def test_the_author_does_not_approve_and_a_refusal_by_the_province_comes_back():
    with in_city("hangzhou"):
        users = people()
        relationship = approve_all(users, RelationshipFactory(users=users, submitted=True))
        assert users["clerk"].pk not in set(
            relationship.case.events.filter(transition="approve").values_list("actor_id", flat=True)
        )
        relationship = province_decides(relationship, approve=False)
        assert relationship.state == "rejected"
        with pytest.raises(ValidationError):
            casework.perform(case=relationship.case, name="sign", actor=users["clerk"])
