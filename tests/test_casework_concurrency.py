"""Two reviewers pressing "approve" on the same case at the same moment, on two real
connections: one wins, the other gets StaleCase (HTTP 409), never a double step.

The data is committed (each thread has its own connection, as two gunicorn workers do), so
the test removes what it made; the audit rows stay, as the database insists."""

import threading

import pytest
from django.db import connections
from django_tenants.utils import tenant_context

from apps.casework import services
from apps.casework.models import Case, CaseEvent
from apps.casework.services import StaleCase
from apps.casework.workflows import APPROVE, SUBMIT, Transition, Workflow, register_workflow
from apps.notifications.models import Notification
from tests.factories import UserFactory

SIMPLE = register_workflow(
    Workflow(
        id="tests.simple",
        chain_key="trip",  # Hangzhou: reviewer, division_head, director
        states={"draft": {}, "in_review": {}, "approved": {}},
        initial="draft",
        review_state="in_review",
        transitions=(
            Transition("submit", SUBMIT, ("draft",), permission="core.view_home"),
            Transition("approve", APPROVE, target="approved"),
        ),
    )
)
REVIEWERS = ("race_reviewer_a", "race_reviewer_b")
AUTHOR = "race_clerk"  # the author never decides their own case


def in_thread(work) -> threading.Thread:
    def run():
        try:
            work()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def hangzhou():
    from tenants.models import City

    return tenant_context(City.offices.select_related("province").get(code="hangzhou"))


def clean_up() -> None:
    def remove():
        with hangzhou():
            cases = Case.objects.filter(workflow=SIMPLE.id)
            CaseEvent.objects.filter(case__in=cases).delete()
            Notification.objects.filter(recipient__username__in=REVIEWERS).delete()
            cases.delete()
            from apps.accounts.models import User

            User.objects.filter(username__in=(*REVIEWERS, AUTHOR)).delete()

    in_thread(remove).join(timeout=30)


@pytest.fixture
def submitted_case(db):
    clean_up()
    made = {}

    def make():
        with hangzhou():
            first, second = (UserFactory(username=name, role="reviewer") for name in REVIEWERS)
            author = UserFactory(username=AUTHOR, role="clerk")
            case = services.open_case(actor=author, workflow_id=SIMPLE.id, title="race")
            made["case"] = services.perform(case=case, name="submit", actor=author)
            made["reviewers"] = (first, second)

    in_thread(make).join(timeout=30)
    yield made
    clean_up()


def test_two_reviewers_at_the_same_moment_one_wins_the_other_gets_a_conflict(submitted_case):
    case, reviewers = submitted_case["case"], submitted_case["reviewers"]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(reviewer):
        with hangzhou():
            barrier.wait(timeout=30)
            try:
                services.perform(case=case, name="approve", actor=reviewer, version=case.version)
                outcomes.append("approved")
            except StaleCase:
                outcomes.append("conflict")

    threads = [in_thread(lambda reviewer=reviewer: approve(reviewer)) for reviewer in reviewers]
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["approved", "conflict"]
    result = {}

    def read():
        with hangzhou():
            fresh = Case.objects.get(pk=case.pk)
            result["step"] = fresh.step
            result["approvals"] = fresh.events.filter(transition="approve").count()

    in_thread(read).join(timeout=30)
    assert result == {"step": 1, "approvals": 1}
