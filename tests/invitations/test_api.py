"""The invitations API end to end: application, approval, letters, verification, register;
bad input as field errors; conflicts; isolation across cities."""

import datetime
import io
import json

import pytest
from django.test import Client
from pypdf import PdfReader

from apps.casework.models import Case
from tests.conftest import in_city
from tests.factories import PASSWORD
from tests.invitations.helpers import FAR, InvitationFactory, invitation_data, invitee, people

API = "/api/v1/invitations/invitations/"


def api_client(code: str, user) -> Client:
    client = Client(HTTP_HOST=f"{code}.localhost")
    token = client.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}).json()[
        "token"
    ]
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return client


def post(client, path, data):
    return client.post(path, json.dumps(data, default=str), content_type="application/json")


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).replace("\n", "")


@pytest.fixture
def hangzhou(db):
    with in_city("hangzhou"):
        users = people()
        payload = invitation_data(
            invitees=[
                invitee(),
                invitee(
                    "TANAKA HIROSHI",
                    sex="M",
                    nationality="JP",
                    passport_number="TR1234567",
                    mission="中华人民共和国驻大阪总领事馆",
                    category="business",
                ),
            ]
        )
    return users, payload


def test_a_clerk_takes_an_invitation_from_application_to_verified_letters(hangzhou):
    users, payload = hangzhou
    clerk = api_client("hangzhou", users["clerk"])
    created = post(clerk, API, payload)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["acknowledged_by"] == users["clerk"].username and body["acknowledged_at"]
    url = f"{API}{body['id']}/"
    submitted = post(clerk, f"{url}submit/", {"version": body["case"]["version"]})
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["case"]["state"] == "in_review"
    for role in ["reviewer", "division_head"]:
        approver = api_client("hangzhou", users[role])
        current = approver.get(url).json()
        assert "approve" in current["case"]["actions"]
        response = post(
            approver, f"{url}approve/", {"version": current["case"]["version"], "comment": "同意"}
        )
        assert response.status_code == 200, response.content
    approved = clerk.get(url).json()
    assert approved["case"]["state"] == "approved"
    issued = post(clerk, f"{url}issue/", {"version": approved["case"]["version"]})
    assert issued.status_code == 200, issued.content
    body = issued.json()
    assert body["case"]["state"] == "issued"
    assert body["letter_number"].startswith("杭外侨办邀〔") and body["letter_number"].endswith("号")
    assert {n["mission"] for n in body["visa_notices"]} == {
        "中华人民共和国驻慕尼黑总领事馆",
        "中华人民共和国驻大阪总领事馆",
    }
    numbers = {body["letter_number"], *(n["number"] for n in body["visa_notices"])}
    assert len(numbers) == 3
    letter = clerk.get(f"{url}letters/{body['letter_document_id']}/")
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
    text = pdf_text(letter.content)
    assert "邀请函" in text and "Letter of Invitation" in text and "MUELLER" in text and "TANAKA" in text
    osaka = next(n for n in body["visa_notices"] if "大阪" in n["mission"])
    notice = pdf_text(clerk.get(f"{url}letters/{osaka['document_id']}/").content)
    assert "签证通知函" in notice and "TANAKA" in notice and "MUELLER" not in notice
    # nationality and sex by name in both languages, never a bare code
    assert "日本 Japan" in notice.replace("\n", " ") and ("男 Male" in notice or "女 Female" in notice)
    anyone = Client(HTTP_HOST="hangzhou.localhost")
    verified = anyone.get("/api/v1/invitations/verify/", {"number": osaka["number"]}).json()
    assert verified["valid"] is True and "MUELLER ANNA" in verified["invitees"]
    assert (
        anyone.get("/api/v1/invitations/verify/", {"number": "杭外侨办邀〔1999〕9号"}).json()["valid"]
        is False
    )
    history = [e["transition"] for e in clerk.get(f"{url}history/").json()]
    assert history == ["open", "submit", "approve", "approve", "issue"]


def test_bad_input_is_a_field_error_naming_it_and_nothing_is_saved(hangzhou):
    users, payload = hangzhou
    clerk = api_client("hangzhou", users["clerk"])
    payload["departure"] = (FAR - datetime.timedelta(days=3)).isoformat()
    payload["invitees"][0]["passport_expiry"] = (FAR - datetime.timedelta(days=1)).isoformat()
    payload["invitees"][0]["name_latin"] = "穆勒"
    payload["invitees"].append(dict(payload["invitees"][1], nationality="jp"))  # any case
    response = post(clerk, API, payload)
    assert response.status_code == 400, response.content
    fields = response.json()["fields"]
    assert "departure" in fields
    assert "invitees[0].passport_expiry" in fields
    assert "invitees[0].name_latin" in fields
    assert "invitees[2].passport_number" in fields  # the same passport twice
    # an unknown country code is refused by the input's country list (before the rules)
    payload["invitees"][1]["nationality"] = "XX"
    response = post(clerk, API, payload)
    assert response.status_code == 400, response.content
    assert response.json()["fields"]["invitees[1].nationality"] == ["未知的国家（地区）代码“XX”。"]
    with in_city("hangzhou"):
        assert Case.objects.count() == 0


def test_a_passport_expiring_during_the_visit_and_a_missing_acknowledgement(hangzhou):
    users, payload = hangzhou
    clerk = api_client("hangzhou", users["clerk"])
    payload["invitees"][1]["passport_expiry"] = (FAR + datetime.timedelta(days=2)).isoformat()
    payload["acknowledge_responsibility"] = False
    fields = post(clerk, API, payload).json()["fields"]
    assert fields["invitees[1].passport_expiry"] == ["护照在访问结束前到期。"]
    assert "acknowledge_responsibility" in fields
    del payload["invitees"][0]["sex"]
    assert "invitees[0].sex" in post(clerk, API, payload).json()["fields"]


def test_an_attachment_that_is_not_what_it_claims_is_refused_on_its_field(hangzhou):
    users, payload = hangzhou
    clerk = api_client("hangzhou", users["clerk"])
    created = post(clerk, API, payload).json()
    fake = io.BytesIO(b"MZ\x90\x00 not a pdf")
    fake.name = "passports.pdf"
    response = clerk.post(f"{API}{created['id']}/attach/", {"file": fake})
    assert response.status_code == 400
    assert "passports.pdf" in response.json()["fields"]["file"][0]
    real = io.BytesIO(b"%PDF-1.4 real enough")
    real.name = "programme.pdf"
    assert clerk.post(f"{API}{created['id']}/attach/", {"file": real}).status_code == 200


def test_a_stale_version_is_409_and_a_missing_comment_400(hangzhou):
    users, _payload = hangzhou
    with in_city("hangzhou"):
        invitation = InvitationFactory(users=users, submitted=True)
    reviewer = api_client("hangzhou", users["reviewer"])
    url = f"{API}{invitation.pk}/"
    assert post(reviewer, f"{url}approve/", {"version": 1}).status_code == 409
    response = post(reviewer, f"{url}return/", {"version": invitation.case.version})
    assert response.status_code == 400 and "comment" in response.json()["fields"]
    clerk = api_client("hangzhou", users["clerk"])
    assert post(clerk, f"{url}approve/", {"version": invitation.case.version}).status_code == 403


def test_rules_block_submission_until_overridden_and_blocked_units_never(hangzhou, reprofile):
    users, payload = hangzhou
    clerk = api_client("hangzhou", users["clerk"])
    soon = datetime.date.today() + datetime.timedelta(days=2)
    payload.update(arrival=soon.isoformat(), departure=(soon + datetime.timedelta(days=3)).isoformat())
    created = post(clerk, API, payload).json()
    url = f"{API}{created['id']}/"
    refused = post(clerk, f"{url}submit/", {"version": created["case"]["version"]})
    assert refused.status_code == 400 and "[min_lead_working_days]" in refused.json()["fields"]["rules"][0]
    assert (
        post(clerk, f"{url}override/", {"rule": "min_lead_working_days", "justification": "x"}).status_code
        == 403
    )
    director = api_client("hangzhou", users["director"])
    overridden = post(
        director, f"{url}override/", {"rule": "min_lead_working_days", "justification": "市领导会见"}
    )
    assert overridden.status_code == 200, overridden.content
    assert post(clerk, f"{url}submit/", {"version": created["case"]["version"]}).status_code == 200


def test_guests_of_a_category_the_province_decides_go_up_to_the_province(hangzhou):
    users, _payload = hangzhou
    with in_city("hangzhou"):
        invitation = InvitationFactory(users=users, escalated=True)
        assert invitation.case.state == "escalated"
        from apps.reporting.models import EscalatedCase

        assert EscalatedCase.objects.filter(case_id=invitation.case_id).exists()


def test_the_register_records_visits_in_the_city_now_and_links_by_passport(hangzhou):
    users, _payload = hangzhou
    with in_city("hangzhou"):
        invitation = InvitationFactory(users=users, issued=True)
        first = invitation.invitees.get()
    unit_user = api_client("hangzhou", users["submitter"])
    url = f"{API}{invitation.pk}/record_visit/"
    today = datetime.date.today()
    bad = post(
        unit_user,
        url,
        {
            "invitee": first.pk,
            "visa_status": "obtained",
            "entered_on": today.isoformat(),
            "exited_on": (today - datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert bad.status_code == 400 and "exited_on" in bad.json()["fields"]
    ok = post(
        unit_user, url, {"invitee": first.pk, "visa_status": "obtained", "entered_on": today.isoformat()}
    )
    assert ok.status_code == 200, ok.content
    here = unit_user.get("/api/v1/invitations/register/", {"status": "in_city"}).json()
    assert [row["passport_number"] for row in here["results"]] == [first.passport_number]
    by_passport = unit_user.get(
        "/api/v1/invitations/register/", {"passport": first.passport_number.lower()}
    ).json()
    assert by_passport["count"] == 1


def test_isolation_another_city_and_another_unit_see_nothing(hangzhou):
    users, _payload = hangzhou
    with in_city("hangzhou"):
        invitation = InvitationFactory(users=users, issued=True)
    with in_city("quzhou"):
        quzhou_clerk = people()["clerk"]
    foreign = api_client("quzhou", quzhou_clerk)
    assert foreign.get(f"{API}{invitation.pk}/").status_code == 404
    assert foreign.get(f"{API}{invitation.pk}/letters/{invitation.letter_document_id}/").status_code == 404
    assert (
        foreign.get("/api/v1/invitations/verify/", {"number": invitation.letter_number}).json()["valid"]
        is False
    )
    with in_city("hangzhou"):
        from tests.factories import UserFactory

        other_unit = UserFactory(username="hz_other_unit", role="submitter", unit="xihu_district")
    other = api_client("hangzhou", other_unit)
    assert other.get(f"{API}{invitation.pk}/").status_code == 404
    assert other.get(f"{API}{invitation.pk}/letters/{invitation.letter_document_id}/").status_code == 404
    assert other.get("/api/v1/invitations/register/").json()["count"] == 0
    assert other.get(API).json()["count"] == 0
    own = api_client("hangzhou", users["submitter"])
    assert own.get(API).json()["count"] == 1
    # the kernel's documents endpoint too: the unit reads its own letter, never another's
    assert own.get(f"/api/v1/documents/{invitation.letter_document_id}/pdf/").status_code == 200
    assert other.get(f"/api/v1/documents/{invitation.letter_document_id}/pdf/").status_code == 404


def test_the_module_is_in_the_openapi_document_with_its_actions(hangzhou):
    users, _payload = hangzhou
    schema = api_client("hangzhou", users["clerk"]).get("/api/v1/schema/", {"format": "json"})
    paths = (
        json.loads(schema.content)["paths"] if schema["Content-Type"].startswith("application/json") else None
    )
    text = schema.content.decode()
    assert "/api/v1/invitations/invitations/{id}/issue/" in text
    assert "/api/v1/invitations/invitations/{id}/record_visit/" in text
    del paths
