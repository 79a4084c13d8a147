"""Bad input never reaches a 500: garbage query strings on the modules' lists, statistics,
registers, dashboards and APIs, and malformed bodies on every action endpoint (web and
API), answer 4xx or a page naming the problem."""

from __future__ import annotations

import pytest

from tests.conferences.helpers import ConferenceFactory
from tests.conftest import in_city
from tests.factories import UserFactory
from tests.invitations.helpers import InvitationFactory
from tests.trips.helpers import people, submitted

PAGES = [
    "/",
    "/waiting/",
    "/audit/",
    "/trips/",
    "/trips/statistics/",
    "/trips/custody/",
    "/trips/calendar/",
    "/invitations/",
    "/invitations/register/",
    "/invitations/statistics/",
    "/api/v1/trips/delegations/",
    "/api/v1/trips/statistics/",
    "/api/v1/invitations/invitations/",
    "/api/v1/invitations/register/",
    "/api/v1/invitations/statistics/",
    "/partners/",
    "/partners/jurisdictions/",
    "/api/v1/partners/partners/",
    "/api/v1/partners/search/",
    "/api/v1/partners/jurisdictions/",
    "/sister_cities/",
    "/api/v1/sister_cities/relationships/",
    "/consulates/",
    "/consulates/liaison/",
    "/consulates/national-days/",
    "/api/v1/consulates/liaison/",
    "/api/v1/consulates/postings/",
    "/hk_macao/",
    "/hk_macao/non-governmental/",
    "/api/v1/hk_macao/exchanges/",
    "/api/v1/hk_macao/figures/",
    "/conferences/",
    "/conferences/?overdue=maybe&scale=huge",
    "/api/v1/conferences/conferences/",
]
GARBAGE = [
    "?year=abc&half=9",
    "?state=nosuch&unit=%00x&country=ZZZ&page=-1&limit=-5&offset=abc",
    "?q=" + "x" * 5000,
    "?month=2026-99",
    "?nationality=zz&status=bad&passport=%27%22",
]
BODIES = [
    '{"version": "abc"}',
    '{"version": -1, "comment": 5}',
    "[]",
    '"x"',
    '{"comment": {"a": [1]}}',
    "not json",
]


@pytest.mark.parametrize("query", GARBAGE)
def test_garbage_query_strings_never_answer_500(client_for, query):
    with in_city("hangzhou"):
        clerk = UserFactory(username="probe_clerk", role="clerk")
    client = client_for("hangzhou", clerk)
    for page in PAGES:
        assert client.get(page + query).status_code < 500, page + query


def test_malformed_action_posts_never_answer_500(client_for):
    with in_city("hangzhou"):
        users = people()
        delegation = submitted(users)
        invitation = InvitationFactory(users=users, submitted=True)
        conference = ConferenceFactory(submitted=True)
    client = client_for("hangzhou", users["reviewer"])
    trips = ("approve", "return", "transition", "hold", "submit", "override", "report")
    invitations = ("approve", "return", "issue", "record_visit", "override")
    urls = [f"/api/v1/trips/delegations/{delegation.pk}/{name}/" for name in trips]
    urls += [f"/api/v1/invitations/invitations/{invitation.pk}/{name}/" for name in invitations]
    urls += [
        f"/api/v1/conferences/conferences/{conference.pk}/{name}/"
        for name in ("approve", "return", "issue", "file_report", "submit")
    ]
    urls += [
        "/api/v1/invitations/invitations/",
        "/api/v1/trips/delegations/",
        "/api/v1/conferences/conferences/",
    ]
    for url in urls:
        for body in BODIES:
            answer = client.post(url, body, content_type="application/json")
            assert answer.status_code < 500, (url, body, answer.content[:300])
    pages = [
        f"/trips/{delegation.pk}/act/",
        f"/invitations/{invitation.pk}/actions/approve/",
        f"/invitations/{invitation.pk}/actions/nosuch/",
        f"/conferences/{conference.pk}/actions/approve/",
        f"/conferences/{conference.pk}/actions/file_report/",
        "/conferences/new/",
    ]
    for url in pages:
        for data in [{"version": "abc"}, {"action": "nosuch"}, {"action": "approve", "version": "999"}, {}]:
            assert client.post(url, data).status_code < 500, (url, data)
