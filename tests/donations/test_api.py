"""The donations API end to end, bad input as field errors with nothing saved, donors'
history, rates, and isolation across cities and units; the module is off where the
profile does not switch it on."""

import datetime
import json

import pytest
from django.test import Client

from apps.documents.models import Attachment
from apps.donations.models import Donation, DonationFile, Donor, ExchangeRate
from tests.conftest import in_city
from tests.donations.helpers import HTML, PNG, DonationFactory, people, rates, today, upload
from tests.factories import PASSWORD, UserFactory

API = "/api/v1/donations/donations/"


def api_client(code: str, user) -> Client:
    client = Client(HTTP_HOST=f"{code}.localhost")
    token = client.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}).json()[
        "token"
    ]
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return client


def post(client, path, data):
    return client.post(path, json.dumps(data, default=str), content_type="application/json")


def offer(unit: str, **changes) -> dict:
    data = {
        "title": "捐建卫生院设备",
        "donor_kind": "organisation",
        "donor_name": "Kansai Friendship Association",
        "donor_name_zh": "关西友好协会",
        "donor_country": "jp",
        "donor_relation": "sister_city",
        "donor_email": "info@kansai.example.jp",
        "unit_code": unit,
        "kind": "money",
        "currency": "usd",
        "amount": "25000.50",
        "intended_use": "购置医疗设备",
        "condition_kinds": ["designated_use"],
        "disclose_name": True,
        "offered_on": (today() - datetime.timedelta(days=2)).isoformat(),
    }
    data.update(changes)
    return data


@pytest.fixture
def quzhou(db):
    with in_city("quzhou"):
        users = people()
        rates(users)
    return users


def test_an_offer_from_registration_to_certificate_through_the_api(quzhou):
    users = quzhou
    unit = users["submitter"].unit
    clerk = api_client("quzhou", users["clerk"])
    created = post(clerk, API, offer(unit))
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["currency"] == "USD" and body["amount"] == "25000.50" and body["donor"]["country"] == "JP"
    url = f"{API}{body['id']}/"
    submitted = post(clerk, f"{url}submit/", {"version": body["case"]["version"]})
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["value_cny"] == "177503.55"
    for role in ["reviewer", "division_head"]:  # under Quzhou's 200,000 for the director
        approver = api_client("quzhou", users[role])
        current = approver.get(url).json()
        response = post(approver, f"{url}approve/", {"version": current["case"]["version"]})
        assert response.status_code == 200, response.content
    accepted = clerk.get(url).json()
    assert accepted["case"]["state"] == "accepted"
    issued = post(clerk, f"{url}issue_certificate/", {"version": accepted["case"]["version"]})
    assert issued.status_code == 200, issued.content
    body = issued.json()
    assert body["certificate_number"].startswith("衢外侨办捐〔")
    pdf = clerk.get(f"{url}documents/{body['certificate_document_id']}/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    donors = clerk.get("/api/v1/donations/donors/?q=kansai").json()["results"]
    history = clerk.get(f"/api/v1/donations/donors/{donors[0]['id']}/").json()
    assert [d["id"] for d in history["donations"]] == [body["id"]]
    events = clerk.get(f"{url}history/").json()
    assert [e["transition"] for e in events][-1] == "issue_certificate"


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"amount": "100.123"}, "amount", "两位小数"),
        ({"amount": "-5.00"}, "amount", "大于零"),
        ({"amount": "0"}, "amount", "大于零"),
        ({"currency": "ABC"}, "currency", "未知的币种代码"),
        ({"currency": "XYZ1"}, "currency", "未知的币种代码"),
        ({"kind": "money", "amount": None}, "amount", "金额"),
        (
            {
                "kind": "goods",
                "amount": None,
                "goods": [{"description": "轮椅", "quantity": 2, "unit": "辆", "estimated_value": "10.005"}],
            },
            "goods[0].estimated_value",
            "两位小数",
        ),
        ({"donor_country": "QQ"}, "donor_country", "未知"),
        ({"unit_code": "nosuchunit"}, "unit_code", ""),
    ],
)
def test_bad_offers_are_field_errors_and_nothing_is_saved(quzhou, changes, field, words):
    users = quzhou
    clerk = api_client("quzhou", users["clerk"])
    with in_city("quzhou"):
        before = (Donation.objects.count(), Donor.objects.count())
    response = post(clerk, API, offer(users["submitter"].unit, **changes))
    assert response.status_code == 400, response.content
    body = response.json()
    assert field in body["fields"], body
    assert words in " ".join(body["fields"][field])
    with in_city("quzhou"):
        assert (Donation.objects.count(), Donor.objects.count()) == before


def test_an_attachment_that_is_not_what_it_says_is_refused(quzhou):
    users = quzhou
    with in_city("quzhou"):
        donation = DonationFactory(users=users)
        attachments = Attachment.objects.count()
    clerk = api_client("quzhou", users["clerk"])
    url = f"{API}{donation.pk}/attach/"
    for name, content in (("offer.pdf", HTML), ("offer.pdf", PNG), ("offer.png", b"%PDF-1.4 x")):
        response = clerk.post(url, {"file_kind": "offer_letter", "file": upload(name, content)})
        assert response.status_code == 400, response.content
        assert response.json()["fields"]["file"]
    good = clerk.post(url, {"file_kind": "offer_letter", "file": upload("offer.pdf")})
    assert good.status_code == 200, good.content
    with in_city("quzhou"):
        assert Attachment.objects.count() == attachments + 1
        assert DonationFile.objects.filter(donation=donation).count() == 1


def test_rates_are_recorded_by_those_allowed_and_checked(quzhou):
    users = quzhou
    head = api_client("quzhou", users["division_head"])
    ok = post(
        head,
        "/api/v1/donations/rates/",
        {"currency": "hkd", "effective_on": "2026-01-01", "rate": "0.912345"},
    )
    assert ok.status_code == 201, ok.content
    for bad, field in (
        ({"currency": "CNY", "effective_on": "2026-01-01", "rate": "1"}, "currency"),
        ({"currency": "EUR", "effective_on": "2026-01-01", "rate": "7.1234567"}, "rate"),
        ({"currency": "EUR", "effective_on": "2026-01-01", "rate": "-7"}, "rate"),
        ({"currency": "ZZZ", "effective_on": "2026-01-01", "rate": "7"}, "currency"),
    ):
        response = post(head, "/api/v1/donations/rates/", bad)
        assert response.status_code == 400 and field in response.json()["fields"], response.content
    reviewer = api_client("quzhou", users["reviewer"])
    assert (
        post(
            reviewer,
            "/api/v1/donations/rates/",
            {"currency": "EUR", "effective_on": "2026-01-01", "rate": "7"},
        ).status_code
        == 403
    )
    assert "HKD" in [r["currency"] for r in reviewer.get("/api/v1/donations/rates/").json()["results"]]
    with in_city("quzhou"):
        assert ExchangeRate.objects.filter(currency="EUR", effective_on="2026-01-01").count() == 0


def test_another_city_or_unit_sees_nothing(quzhou, db):
    users = quzhou
    with in_city("quzhou"):
        donation = DonationFactory(users=users, issued=True)
        other_unit = connection_unit(1)
        outsider = UserFactory(username="qz_d_other_submitter", role="submitter", unit=other_unit)
    with in_city("hangzhou"):
        hz_clerk = UserFactory(username="hz_d_clerk2", role="clerk")
    hz = api_client("hangzhou", hz_clerk)
    assert hz.get(f"{API}{donation.pk}/").status_code == 404
    assert post(hz, f"{API}{donation.pk}/add_receipt/", {}).status_code == 404
    assert hz.get(f"/api/v1/donations/donors/{donation.donor_id}/").status_code == 404
    stranger = api_client("quzhou", outsider)
    assert stranger.get(f"{API}{donation.pk}/").status_code == 404
    assert stranger.get(f"/api/v1/donations/donors/{donation.donor_id}/").status_code == 404
    assert stranger.get(API).json()["results"] == []
    own = api_client("quzhou", users["submitter"])
    assert own.get(f"{API}{donation.pk}/").status_code == 200
    token = (
        Client(HTTP_HOST="quzhou.localhost")
        .post("/api/v1/auth/token/", {"username": users["clerk"].username, "password": PASSWORD})
        .json()["token"]
    )
    foreign = Client(HTTP_HOST="hangzhou.localhost").get(
        f"{API}{donation.pk}/", HTTP_AUTHORIZATION=f"Token {token}"
    )
    assert foreign.status_code == 401


def connection_unit(index: int) -> str:
    from django.db import connection

    return connection.tenant.profile["submitting_units"][index]["code"]


@pytest.mark.parametrize("city", ["guangzhou", "guiyang", "lanzhou"])
def test_the_module_is_off_where_the_profile_does_not_switch_it_on(db, city, client_for):
    with in_city(city):
        clerk = UserFactory(username=f"{city[:2]}_d_clerk", role="clerk")
    web = client_for(city, clerk)
    for path in ("/donations/", "/donations/public/", "/donations/rates/", "/donations/new/"):
        assert web.get(path).status_code == 404, path
    assert Client(HTTP_HOST=f"{city}.localhost").get("/donations/public/").status_code == 404
    api = api_client(city, clerk)
    assert api.get(API).status_code == 404
    assert api.get("/api/v1/donations/rates/").status_code == 404
    assert "境外捐赠" not in web.get("/").content.decode()
    schema = api.get("/api/v1/schema/?format=json").json()
    assert not any(path.startswith("/api/v1/donations/") for path in schema["paths"])


def test_the_module_is_on_in_quzhou_and_hangzhou(db, client_for):
    for city in ("quzhou", "hangzhou"):
        with in_city(city):
            clerk = UserFactory(username=f"{city[:2]}_d_clerk3", role="clerk")
        web = client_for(city, clerk)
        assert web.get("/donations/").status_code == 200
        assert "境外捐赠" in web.get("/").content.decode()
        schema = api_client(city, clerk).get("/api/v1/schema/?format=json").json()
        assert f"{API}{{id}}/issue_certificate/" in schema["paths"]


def test_an_offer_is_changed_only_while_a_draft_or_returned(quzhou):
    users = quzhou
    clerk = api_client("quzhou", users["clerk"])
    body = post(clerk, API, offer(users["submitter"].unit)).json()
    url = f"{API}{body['id']}/"
    changed = clerk.put(
        url, json.dumps(offer(users["submitter"].unit, amount="30000.00")), content_type="application/json"
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["amount"] == "30000.00"
    listed = clerk.get(f"{API}?country=JP&kind=money&q=kansai").json()["results"]
    assert [row["id"] for row in listed] == [body["id"]]
    assert clerk.get(f"{API}?country=FR").json()["results"] == []
    with in_city("quzhou"):
        donation = Donation.objects.get(pk=body["id"])
        from apps.donations import services

        services.submit(actor=users["clerk"], record=donation, data={})
    refused = clerk.put(
        url, json.dumps(offer(users["submitter"].unit, amount="1.00")), content_type="application/json"
    )
    assert refused.status_code == 400
    assert clerk.get(url).json()["amount"] == "30000.00"
