"""Bad input never reaches a 500 on the receptions pages and endpoints: garbage query
strings on the lists, malformed bodies on every action (API and web)."""

from __future__ import annotations

import pytest

from apps.receptions.actions import ACTIONS, REGISTRATION_ACTIONS
from tests.conftest import in_city
from tests.receptions.helpers import VisitFactory, people
from tests.test_bad_input_never_500 import BODIES, GARBAGE

PAGES = [
    "/receptions/",
    "/receptions/registrations/",
    "/api/v1/receptions/visits/",
    "/api/v1/receptions/registrations/",
]


@pytest.mark.parametrize("query", GARBAGE)
def test_garbage_query_strings_never_answer_500(client_for, query):
    with in_city("hangzhou"):
        clerk = people()["clerk"]
    client = client_for("hangzhou", clerk)
    for page in PAGES:
        assert client.get(page + query).status_code < 500, page + query


def test_malformed_posts_never_answer_500(client_for):
    with in_city("hangzhou"):
        users = people()
        draft = VisitFactory(users=users)
        approved = VisitFactory(users=users, approved=True)
    client = client_for("hangzhou", users["clerk"])
    urls = ["/api/v1/receptions/visits/", "/api/v1/receptions/registrations/"]
    for visit in (draft, approved):
        urls += [f"/api/v1/receptions/visits/{visit.pk}/{action.name}/" for action in ACTIONS]
    urls += [f"/api/v1/receptions/registrations/1/{action.name}/" for action in REGISTRATION_ACTIONS]
    for url in urls:
        for body in BODIES:
            answer = client.post(url, body, content_type="application/json")
            assert answer.status_code < 500, (url, body, answer.content[:300])
    pages = [f"/receptions/{approved.pk}/actions/{action.name}/" for action in ACTIONS]
    pages += [f"/receptions/{draft.pk}/items/new/", f"/receptions/{draft.pk}/seating/1/", "/receptions/new/"]
    garbage = [
        {"version": "abc"},
        {
            "item": "x",
            "seating": "-1",
            "gift": "abc",
            "participant": "1e9",
            "side": "nosuch",
            "direction": "sideways",
        },
        {
            "start": "2026-99-99T25:00",
            "end": "x",
            "value": "-1e99",
            "kind": "banquet",
            "seats_per_table": "999",
        },
        {"seats-TOTAL_FORMS": "abc", "guests-TOTAL_FORMS": "-1"},
        {},
    ]
    for url in pages:
        for data in garbage:
            assert client.post(url, data).status_code < 500, (url, data)
