"""The author of a case never decides any step of it (issue 14): not the user who created
it, nor the one who submitted it, whatever role they hold. Lanzhou's trip chain starts with
the clerk, so a clerk who registers and submits a case must leave step 1 to another clerk."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from apps.casework import selectors
from apps.casework import services as casework
from tests.conftest import in_city
from tests.factories import UserFactory
from tests.test_module_kit import with_sample

CHAIN = {"steps": ["clerk", "reviewer"]}


@pytest.fixture
def clerk_first(reprofile):
    reprofile("lanzhou", with_sample(chain=CHAIN))


def test_the_clerk_who_created_and_submitted_a_case_cannot_approve_its_first_step(clerk_first):
    with in_city("lanzhou"):
        author = UserFactory(username="sod_clerk", role="clerk")
        colleague = UserFactory(username="sod_clerk2", role="clerk")
        case = casework.open_case(actor=author, workflow_id="sample_cases.request", title="分工",
                                  facts={"value": 1})  # fmt: skip
        case = casework.perform(case=case, name="submit", actor=author)
        assert case.current_role == "clerk"

        with pytest.raises(PermissionDenied, match=r"another colleague|其他同事"):
            casework.perform(case=case, name="approve", actor=author)
        assert "approve" not in {t.name for t in casework.transitions_for(case, author)}
        assert case.pk not in {c.pk for c in selectors.awaiting_decision(author)}
        assert case.pk in {c.pk for c in selectors.awaiting_decision(colleague)}

        case = casework.perform(case=case, name="approve", actor=colleague)
        assert case.current_role == "reviewer"


def test_an_author_who_later_holds_the_approving_role_still_cannot_decide(clerk_first):
    with in_city("lanzhou"):
        author = UserFactory(username="sod_author", role="clerk")
        case = casework.open_case(actor=author, workflow_id="sample_cases.request", title="换岗",
                                  facts={"value": 1})  # fmt: skip
        case = casework.perform(case=case, name="submit", actor=author)
        casework.perform(case=case, name="approve", actor=UserFactory(username="sod_c2", role="clerk"))
        author.role = "reviewer"  # promoted while the case is in review
        author.save()
        for name in ("approve", "reject"):
            with pytest.raises(PermissionDenied):
                casework.perform(case=case, name=name, actor=author, comment="自己批")
        case.refresh_from_db()
        assert case.current_role == "reviewer" and case.events.count() == 3


def test_the_submitter_of_a_case_created_by_someone_else_cannot_decide_it(clerk_first):
    with in_city("lanzhou"):
        creator = UserFactory(username="sod_creator", role="submitter")
        submitter = UserFactory(username="sod_submitter", role="clerk")
        case = casework.open_case(actor=creator, workflow_id="sample_cases.request", title="代交",
                                  facts={"value": 1})  # fmt: skip
        case = casework.perform(case=case, name="submit", actor=submitter)
        with pytest.raises(PermissionDenied):
            casework.perform(case=case, name="approve", actor=submitter)
