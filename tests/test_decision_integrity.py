"""Decisions that must not count twice or land where they should not (issue 14): an
override counts once per case and rule and never on a withdrawn case; a province cannot
decide a suspended city's case."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from apps.casework import services as casework
from apps.provincial import services as provincial
from apps.reporting.models import EscalatedCase, MonthlyFigure
from apps.trips import services
from tenants import services as tenant_services
from tenants.models import City
from tests.conftest import in_city
from tests.factories import UserFactory
from tests.trips.helpers import approve_all, member, people, submitted, trip_data


def overrides() -> int:
    figure = MonthlyFigure.objects.filter(
        city__code="hangzhou", metric="trips.overrides", key="max_days"
    ).first()
    return figure.value if figure else 0


def test_an_override_rewritten_counts_once(db):
    with in_city("hangzhou"):
        users = people()
        delegation = services.create_delegation(actor=users["clerk"], data=trip_data(days=6))
        for text in ("航班每周一班", "航班每周一班，另需转机"):
            services.override_limit(
                actor=users["director"], delegation=delegation, rule="max_days", justification=text
            )
    assert overrides() == 1


def test_no_override_on_a_withdrawn_application(db):
    with in_city("hangzhou"):
        users = people()
        delegation = services.create_delegation(actor=users["clerk"], data=trip_data(days=6))
        casework.perform(case=delegation.case, name="withdraw", actor=users["clerk"])
        delegation.refresh_from_db()
        with pytest.raises(ValidationError) as refused:
            services.override_limit(
                actor=users["director"], delegation=delegation, rule="max_days", justification="x"
            )
        assert "rule" in refused.value.message_dict
        assert not delegation.overrides.exists()
    assert overrides() == 0


def test_a_province_cannot_decide_a_suspended_citys_case(db):
    reviewer = UserFactory(username="zj_rev_susp", role="province_reviewer", unit="zhejiang")
    with in_city("hangzhou"):
        users = people()
        senior = [member("王五", rank="department", position="副市长")]
        delegation = approve_all(users, submitted(users, trip_data(members=senior)))
    escalation = EscalatedCase.objects.get(city__code="hangzhou", case_id=delegation.case_id)
    tenant_services.set_city_status(
        city=City.objects.get(code="hangzhou"), status="suspended", reason="合同到期"
    )

    with pytest.raises(ValidationError, match=r"suspended|暂停"):
        provincial.decide(user=reviewer, province=escalation.province, escalation=escalation, approve=True)

    escalation.refresh_from_db()
    assert escalation.state == EscalatedCase.State.PENDING
    with in_city("hangzhou"):
        delegation.refresh_from_db()
        assert delegation.case.state == "escalated"
