"""The demo data of `make run`: every state in every city, through the services, and a
second run that duplicates nothing."""

from django.contrib.auth import authenticate
from django.utils import timezone

from apps.accounts.models import User
from apps.trips.models import Delegation, TravelDocument
from apps.trips.workflow import STATES
from tenants.demo import ensure_demo_data, province_logins
from tests.conftest import CITY_CODES, in_city


def counts() -> dict[str, int]:
    result = {}
    for code in CITY_CODES:
        with in_city(code):
            result[code] = Delegation.objects.count()
    return result


def test_the_demo_has_every_state_in_every_city_and_a_second_run_adds_nothing(db):
    ensure_demo_data()
    first = counts()
    lines = ensure_demo_data()

    assert counts() == first
    assert not any("demo delegations" in line for line in lines)
    for code in CITY_CODES:
        with in_city(code):
            states = set(Delegation.objects.values_list("case__state", flat=True))
            assert states == set(STATES), code
            steps = set(
                Delegation.objects.filter(case__state="in_review").values_list("case__step", flat=True)
            )
            assert {0, 1} <= steps, code
            issued = Delegation.objects.filter(case__state__in=["issued", "closed"])
            assert all(d.approval_number for d in issued), code
            overdue = TravelDocument.objects.filter(status="issued", due_back__lt=timezone.localdate())
            assert overdue.count() == 1, code
            assert Delegation.objects.exclude(objection="").filter(case__state="on_hold").exists()
            assert Delegation.objects.filter(case__state="closed").exclude(report="").exists()
            submitter = User.objects.get(username="submitter")
            assert Delegation.objects.filter(case__submitted_by=submitter, unit_code=submitter.unit).exists()


def test_each_province_gets_a_demo_reviewer_whose_login_is_printed(db):
    ensure_demo_data()

    reviewer = authenticate(username="zhejiang-reviewer", password="zhejiang-demo")
    assert (reviewer.role, reviewer.unit) == ("province_reviewer", "zhejiang")
    assert "zhejiang-reviewer / zhejiang-demo" in "\n".join(province_logins())
