"""Nonsense posted to every endpoint of both issue-11 modules: a clear 4xx, never a 500,
and nothing written."""

import pytest

from apps.casework.models import Case
from tests.conftest import in_city
from tests.leading_group.helpers import held_meeting, task_for
from tests.leading_group.helpers import people as lg_people
from tests.overseas_ngos.helpers import approved_filing, office, people, temporary

NONSENSE = [
    {},
    {"version": "x", "text": ["a"], "deadline": "2026-02-31", "working_days": -3, "decision": "abc"},
    {"attendance": "nope", "meeting": 999999, "item": "x", "outcome": "maybe", "year": 99999},
    {
        "psb_number": "",
        "filed_on": "tomorrow",
        "funding": "lots",
        "start": "x",
        "end": "y",
        "organisation": "z",
    },
    {"opinion": "perhaps", "kind": "memo", "received_on": "2026-13-01", "summary": "", "organisation": -1},
]


@pytest.mark.parametrize("data", NONSENSE)
def test_nonsense_is_a_4xx_never_a_500(db, client_for, data):
    with in_city("lanzhou"):
        lg = lg_people()
        meeting = held_meeting(lg)
        task = task_for(lg, meeting)
        users = people()
        organisation = office(users)
        filing = approved_filing(users, temporary(users))
        cases = Case.objects.count()
    paths = [
        "/api/v1/leading_group/meetings/",
        "/api/v1/leading_group/tasks/",
        "/api/v1/leading_group/agenda-items/",
        "/api/v1/leading_group/key-points/",
        *(
            f"/api/v1/leading_group/meetings/{meeting.pk}/{name}/"
            for name in ("hold", "add_decision", "assign_task", "issue_minutes", "cancel", "review_item")
        ),
        *(
            f"/api/v1/leading_group/tasks/{task.pk}/{name}/"
            for name in ("report_progress", "report_done", "send_back", "close")
        ),
        "/api/v1/overseas_ngos/filings/",
        "/api/v1/overseas_ngos/organisations/",
        "/api/v1/overseas_ngos/annual/documents/",
        "/api/v1/overseas_ngos/annual/documents/remind/",
        *(
            f"/api/v1/overseas_ngos/filings/{filing.pk}/{name}/"
            for name in ("submit", "approve", "return", "record_filing", "report_activity", "withdraw")
        ),
        f"/leading_group/meetings/{meeting.pk}/actions/assign_task/",
        f"/leading_group/tasks/{task.pk}/actions/report_done/",
        "/leading_group/meetings/new/",
        "/leading_group/agenda/",
        "/leading_group/key-points/",
        "/overseas_ngos/new/",
        "/overseas_ngos/organisations/new/",
        f"/overseas_ngos/organisations/{organisation.pk}/receive/",
        f"/overseas_ngos/organisations/{organisation.pk}/remind/",
        f"/overseas_ngos/{filing.pk}/actions/record_filing/",
    ]
    for role, who in (("clerk", lg["clerk"]), ("submitter", users["submitter"])):
        client = client_for("lanzhou", who)
        for path in paths:
            if path.startswith("/api/"):
                response = client.post(path, data, content_type="application/json")
            else:
                response = client.post(path, {k: str(v) for k, v in data.items()})
            assert 400 <= response.status_code < 500, (role, path, response.status_code)
    for path in (
        "/leading_group/tasks/?status=zz&unit=zz&page=x",
        "/leading_group/meetings/?year=abc",
        "/overseas_ngos/?country=12&state=zz",
        "/overseas_ngos/annual/?year=99999",
        "/api/v1/overseas_ngos/annual/?year=abc",
        "/api/v1/leading_group/key-points/?year=123456789",
    ):
        assert client_for("lanzhou", lg["clerk"]).get(path).status_code < 500, path
    with in_city("lanzhou"):
        assert Case.objects.count() == cases
