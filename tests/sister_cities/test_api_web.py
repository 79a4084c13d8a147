"""Sister cities through the API and the pages: proposal to signing, field errors, the
yearly report, another city's ids, the module switched off."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client

from apps.sister_cities.models import Relationship
from tests.conftest import in_city
from tests.factories import PASSWORD
from tests.sister_cities.helpers import TODAY, RelationshipFactory, partner_city, people, relationship_data

API = "/api/v1/sister_cities/relationships/"
pytestmark = pytest.mark.django_db


def api_client(code: str, user) -> Client:
    client = Client(HTTP_HOST=f"{code}.localhost")
    token = client.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}).json()[
        "token"
    ]
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return client


def post(client, path, data):
    return client.post(path, json.dumps(data, default=str), content_type="application/json")


@pytest.fixture
def hangzhou(db):
    with in_city("hangzhou"):
        users = people()
        partner = partner_city(users["clerk"])
    return users, partner


def test_the_api_takes_a_proposal_to_the_province_and_answers_bad_input_with_field_errors(hangzhou):
    users, partner = hangzhou
    clerk = api_client("hangzhou", users["clerk"])

    bad = post(clerk, API, {"title": "", "partner": 999999, "level": "cousin", "background": ""})
    created = post(clerk, API, relationship_data(partner))
    record = created.json()
    submitted = post(clerk, f"{API}{record['id']}/submit/", {"version": record["case"]["version"]})
    for role in ("reviewer", "division_head", "director"):
        body = api_client("hangzhou", users[role]).get(f"{API}{record['id']}/").json()
        post(
            api_client("hangzhou", users[role]),
            f"{API}{record['id']}/approve/",
            {"version": body["case"]["version"]},
        )
    final = clerk.get(f"{API}{record['id']}/").json()
    listed = clerk.get(API, {"q": "gifu"}).json()

    assert bad.status_code == 400
    assert {"title", "partner", "level", "background"} <= set(bad.json()["fields"])
    assert created.status_code == 201 and submitted.status_code == 200
    assert final["case"]["state"] == "escalated"
    assert [row["id"] for row in listed["results"]] == [record["id"]]


def test_signing_with_a_term_ending_before_it_starts_is_a_400_on_the_field(hangzhou):
    users, _ = hangzhou
    with in_city("hangzhou"):
        relationship = RelationshipFactory(users=users, nationally_approved=True)
    clerk = api_client("hangzhou", users["clerk"])
    start = TODAY - datetime.timedelta(days=2)
    response = post(
        clerk,
        f"{API}{relationship.pk}/sign/",
        {
            "version": relationship.case.version,
            "signed_on": start,
            "term_start": start,
            "term_end": start - datetime.timedelta(days=9),
        },
    )
    assert response.status_code == 400 and "term_end" in response.json()["fields"]
    with in_city("hangzhou"):
        assert (
            Relationship.objects.select_related("case").get(pk=relationship.pk).state == "nationally_approved"
        )


def test_the_pages_show_the_relationship_in_chinese_and_put_errors_under_the_field(hangzhou, client_for):
    users, _ = hangzhou
    with in_city("hangzhou"):
        relationship = RelationshipFactory(users=users, signed=True)
    client = client_for("hangzhou", users["clerk"])

    listing = client.get("/sister_cities/").content.decode()
    detail = client.get(f"/sister_cities/{relationship.pk}/").content.decode()
    refused = client.post(
        f"/sister_cities/{relationship.pk}/actions/add_exchange/", {"kind": "visit_in", "title": ""}
    )
    added = client.post(
        f"/sister_cities/{relationship.pk}/actions/add_exchange/",
        {
            "kind": "visit_in",
            "field": "culture",
            "date": TODAY.isoformat(),
            "title": "艺术团来访",
            "participants": "12",
        },
    )
    report = client.get(f"/sister_cities/{relationship.pk}/report/", {"year": TODAY.year}).content.decode()
    new_form = client.post("/sister_cities/new/", {"title": "x", "level": "sister_city"})

    assert "友好城市" in listing and f'data-relationship="{relationship.pk}"' in listing
    assert "已签约（友好关系存续）" in detail and "登记交流" in detail
    assert refused.status_code == 400 and "invalid-feedback" in refused.content.decode()
    assert added.status_code == 302
    assert "艺术团来访" in report and "文化" in report
    assert new_form.status_code == 400 and "该字段是必填项。" in new_form.content.decode()


def test_another_citys_relationship_is_not_found(hangzhou, city_user, client_for):
    users, _ = hangzhou
    with in_city("hangzhou"):
        relationship = RelationshipFactory(users=users, signed=True)
    gz_clerk = city_user("guangzhou", username="gz_s_clerk", role="clerk")
    client = client_for("guangzhou", gz_clerk)
    token_client = api_client("guangzhou", gz_clerk)
    with in_city("guangzhou"):
        Relationship.objects.filter(pk=relationship.pk).exists() and pytest.skip("same id in both cities")
    for path in (f"/sister_cities/{relationship.pk}/", f"/sister_cities/{relationship.pk}/report/"):
        assert client.get(path).status_code == 404
    assert (
        client.post(
            f"/sister_cities/{relationship.pk}/actions/renew/", {"term_end": "2040-01-01"}
        ).status_code
        == 404
    )
    assert token_client.get(f"{API}{relationship.pk}/").status_code == 404
    assert token_client.get(f"{API}{relationship.pk}/report/").status_code == 404
    assert post(token_client, f"{API}{relationship.pk}/renew/", {"term_end": "2040-01-01"}).status_code == 404


def test_switched_off_the_module_answers_404_and_leaves_the_menu(hangzhou, reprofile, client_for):
    users, _ = hangzhou
    reprofile("hangzhou", lambda data: data["modules"].pop("sister_cities"))
    client = client_for("hangzhou", users["clerk"])
    assert client.get("/sister_cities/").status_code == 404
    assert client.get(API).status_code == 404
    assert 'data-module="sister_cities"' not in client.get("/").content.decode()
