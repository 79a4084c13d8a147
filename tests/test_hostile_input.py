"""Hostile input fails cleanly (issue 14): a 4xx with a reason, JSON on the API, never a 500;
page sizes capped; NUL bytes refused; absurd months and deeply nested JSON refused."""

from __future__ import annotations

import json

import pytest
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.test import APIRequestFactory

from apps.registry.limits import MAX_PAGE_SIZE
from tests.conftest import in_city
from tests.factories import UserFactory
from tests.test_bad_input_never_500 import PAGES
from tests.trips.helpers import people, submitted

API_LISTS = [page for page in PAGES if page.startswith("/api/")]


@pytest.fixture
def clerk_client(client_for):
    with in_city("hangzhou"):
        clerk = UserFactory(username="hostile_clerk", role="clerk")
    return client_for("hangzhou", clerk)


@pytest.mark.parametrize(
    "query", ["?q=%00", "?q=a%00b", "?state=%00", "?unit=x%00", "?country=%00CN", "?passport=%00"]
)
def test_nul_bytes_in_filters_and_search_never_answer_500(clerk_client, query):
    for page in PAGES:
        response = clerk_client.get(page + query)
        assert response.status_code < 500, page + query
        if page.startswith("/api/") and response.status_code >= 400:
            assert response["Content-Type"].startswith("application/json"), page + query


@pytest.mark.parametrize(
    "query", ["?month=9999-12", "?month=0000-01", "?year=9999&half=2", "?year=-1&half=1"]
)
def test_absurd_periods_never_answer_500(clerk_client, query):
    for page in PAGES:
        assert clerk_client.get(page + query).status_code < 500, page + query


def test_a_huge_limit_is_capped(clerk_client):
    for page in API_LISTS:
        assert clerk_client.get(page + "?limit=1000000000000").status_code < 500, page
    request = Request(APIRequestFactory().get("/api/v1/x/", {"limit": "1000000000000"}))
    assert api_settings.DEFAULT_PAGINATION_CLASS().get_limit(request) == MAX_PAGE_SIZE


def test_deeply_nested_json_is_refused_with_a_json_400(client_for):
    with in_city("hangzhou"):
        users = people()
        delegation = submitted(users)
    client = client_for("hangzhou", users["reviewer"])
    body = "[" * 5000 + "]" * 5000
    response = client.post(
        f"/api/v1/trips/delegations/{delegation.pk}/approve/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["status"] == 400


def test_nul_bytes_in_a_comment_are_refused_not_stored(client_for):
    with in_city("hangzhou"):
        users = people()
        delegation = submitted(users)
    client = client_for("hangzhou", users["reviewer"])
    response = client.post(
        f"/api/v1/trips/delegations/{delegation.pk}/return/",
        json.dumps({"comment": "请补充\x00材料", "version": delegation.case.version}),
        content_type="application/json",
    )
    assert response.status_code == 400 and "comment" in response.json()["fields"]
    web = client.post(f"/trips/{delegation.pk}/", {"action": "return", "comment": "请补充\x00材料"})
    assert web.status_code < 500


def test_api_errors_are_json_even_for_unknown_paths_and_methods(clerk_client):
    for path in ("/api/v1/nosuch/", "/api/v1/trips/delegations/999999999/"):
        response = clerk_client.get(path)
        assert response.status_code == 404 and response["Content-Type"].startswith("application/json"), path
    response = clerk_client.delete("/api/v1/trips/delegations/")
    assert response.status_code in (403, 405) and response["Content-Type"].startswith("application/json")
