"""Bad input never reaches a 500 on the donations pages and API: garbage query strings,
malformed bodies on every action endpoint (web and API), files that are not files."""

from __future__ import annotations

import pytest

from tests.conftest import in_city
from tests.donations.helpers import DonationFactory, people, rates
from tests.test_bad_input_never_500 import BODIES, GARBAGE

PAGES = [
    "/donations/",
    "/donations/donors/",
    "/donations/rates/",
    "/donations/public/",
    "/donations/export.csv",
    "/api/v1/donations/donations/",
    "/api/v1/donations/donors/",
    "/api/v1/donations/rates/",
]


@pytest.mark.parametrize("query", [*GARBAGE, "?year=99999&kind=x&country=%00", "?year=2026&page=abc"])
def test_garbage_query_strings_never_answer_500(db, client_for, query):
    with in_city("quzhou"):
        clerk = people()["clerk"]
    client = client_for("quzhou", clerk)
    for page in PAGES:
        assert client.get(page + query).status_code < 500, page + query


def test_malformed_action_posts_never_answer_500(db, client_for):
    with in_city("quzhou"):
        users = people()
        rates(users)
        donation = DonationFactory(users=users, issued=True)
    client = client_for("quzhou", users["clerk"])
    names = (
        "submit", "approve", "return", "issue_certificate", "receive", "add_receipt", "plan_use",
        "report_progress", "complete", "send_use_report", "attach", "nosuch",
    )  # fmt: skip
    for name in names:
        url = f"/api/v1/donations/donations/{donation.pk}/{name}/"
        for body in BODIES:
            answer = client.post(url, body, content_type="application/json")
            assert answer.status_code < 500, (url, body, answer.content[:300])
        for data in [{"version": "abc"}, {"file": "not a file", "amount": "1e400"}, {"version": "999"}, {}]:
            page = f"/donations/{donation.pk}/actions/{name}/"
            assert client.post(page, data).status_code < 500, (page, data)
    for body in [*BODIES, '{"amount": "NaN", "currency": 5, "goods": [{"quantity": -1}]}']:
        answer = client.post("/api/v1/donations/donations/", body, content_type="application/json")
        assert answer.status_code < 500, (body, answer.content[:300])
        answer = client.post("/api/v1/donations/rates/", body, content_type="application/json")
        assert answer.status_code < 500, (body, answer.content[:300])
    assert client.post("/donations/new/", {"amount": "Infinity", "goods-TOTAL_FORMS": "x"}).status_code < 500
    assert client.post("/donations/rates/", {"rate": "NaN"}).status_code < 500
