"""Honorary Residents end to end: a unit's nomination through the office's chain, the city
government's decision as an external step, the numbered bilingual certificate, the register
with contacts and visits; bad input as field errors; the module only where the profile has
it; isolation; the demo in every state."""

import datetime
import io
import json

import pytest
from django.test import Client
from pypdf import PdfReader

from apps.audit.models import AuditEntry
from apps.honorary_residents.models import Nomination
from apps.honorary_residents.workflow import STATES
from apps.reporting.models import MonthlyFigure
from tenants.demo import ensure_demo_data
from tenants.models import City
from tests.conftest import in_city
from tests.factories import PASSWORD
from tests.honorary_residents.helpers import NominationFactory, decision, nomination_data, people

API = "/api/v1/honorary_residents/nominations/"


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
def guangzhou(db):
    with in_city("guangzhou"):
        return people()


def test_a_nomination_goes_from_the_unit_through_the_chain_and_the_city_government_to_the_certificate(
    guangzhou,
):
    users = guangzhou
    unit = api_client("guangzhou", users["submitter"])
    created = post(unit, API, {**nomination_data(), "unit_code": "someone_else"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["unit_code"] == users["submitter"].unit  # a unit nominates for itself
    url = f"{API}{body['id']}/"
    assert post(unit, f"{url}submit/", {"version": body["case"]["version"]}).status_code == 200
    for role in ["reviewer", "division_head", "director"]:
        approver = api_client("guangzhou", users[role])
        current = approver.get(url).json()
        assert current["case"]["state"] == "in_review"
        response = post(approver, f"{url}approve/", {"version": current["case"]["version"]})
        assert response.status_code == 200, response.content
    clerk = api_client("guangzhou", users["clerk"])
    approved = clerk.get(url).json()
    assert approved["case"]["state"] == "approved"
    assert "record_decision" in approved["case"]["actions"]
    assert (
        post(clerk, f"{url}issue_certificate/", {"version": approved["case"]["version"]}).status_code == 400
    )
    decided = post(clerk, f"{url}record_decision/", {"version": approved["case"]["version"], **decision()})
    assert decided.status_code == 200, decided.content
    assert decided.json()["case"]["state"] == "conferred"
    assert decided.json()["decision_reference"] == "穗府函〔2026〕12号"
    issued = post(clerk, f"{url}issue_certificate/", {"version": decided.json()["case"]["version"]})
    assert issued.status_code == 200, issued.content
    body = issued.json()
    assert body["case"]["state"] == "certified"
    assert body["certificate_number"].startswith("穗荣誉市民证〔")
    pdf = unit.get(f"{url}certificates/{body['certificate_document_id']}/")
    assert pdf.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).replace("\n", "")
    assert "荣誉市民证书" in text and "Certificate of Honorary Resident" in text and "MUELLER ANNA" in text
    assert body["certificate_number"] in text
    register = clerk.get("/api/v1/honorary_residents/register/").json()
    assert [r["id"] for r in register["results"]] == [body["id"]]


def test_the_author_is_never_offered_an_approval_and_the_chain_goes_in_order(guangzhou):
    users = guangzhou
    with in_city("guangzhou"):
        nomination = NominationFactory(users=users, submitted=True)
    url = f"{API}{nomination.pk}/"
    version = nomination.case.version
    for role in ["submitter", "clerk", "division_head", "director"]:
        assert (
            post(api_client("guangzhou", users[role]), f"{url}approve/", {"version": version}).status_code
            == 403
        )


def test_the_city_governments_decision_needs_its_reference_and_a_date_not_in_the_future(guangzhou):
    users = guangzhou
    with in_city("guangzhou"):
        nomination = NominationFactory(users=users, approved=True)
    clerk = api_client("guangzhou", users["clerk"])
    url = f"{API}{nomination.pk}/record_decision/"
    version = nomination.case.version
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    future = post(clerk, url, {"version": version, **decision(decision_date=tomorrow)})
    assert future.status_code == 400 and "decision_date" in future.json()["fields"]
    blank = post(clerk, url, {"version": version, **decision(decision_reference="  ")})
    assert blank.status_code == 400 and "decision_reference" in blank.json()["fields"]
    nonsense = post(
        clerk, url, {"version": version, "decision_date": "31/02/2026", "decision_reference": "x"}
    )
    assert nonsense.status_code == 400 and "decision_date" in nonsense.json()["fields"]
    with in_city("guangzhou"):
        fresh = Nomination.objects.select_related("case").get(pk=nomination.pk)
        assert fresh.case.state == "approved" and fresh.decision_date is None  # nothing half-saved


def test_the_city_government_may_decline(guangzhou):
    users = guangzhou
    with in_city("guangzhou"):
        nomination = NominationFactory(users=users, approved=True)
    clerk = api_client("guangzhou", users["clerk"])
    response = post(
        clerk, f"{API}{nomination.pk}/record_refusal/", {"version": nomination.case.version, **decision()}
    )
    assert response.status_code == 200, response.content
    assert response.json()["case"]["state"] == "not_conferred"


def test_bad_nominations_are_field_errors_and_nothing_is_saved(guangzhou):
    users = guangzhou
    clerk = api_client("guangzhou", users["clerk"])
    bad = nomination_data(nationality="XX", field="nonsense", email="not-an-email", unit_code="nowhere")
    bad["in_city_since"] = datetime.date.today() + datetime.timedelta(days=3)
    response = post(clerk, API, bad)
    assert response.status_code == 400
    assert {"nationality", "field", "email"} <= set(response.json()["fields"])
    response = post(clerk, API, {**nomination_data(), "unit_code": "nowhere"})
    assert response.status_code == 400 and "unit_code" in response.json()["fields"]
    future = nomination_data(in_city_since=datetime.date.today() + datetime.timedelta(days=3))
    response = post(clerk, API, future)
    assert response.status_code == 400 and "in_city_since" in response.json()["fields"]
    with in_city("guangzhou"):
        assert not Nomination.objects.exists()


def test_the_register_keeps_contacts_and_later_visits_with_their_audit(guangzhou):
    users = guangzhou
    with in_city("guangzhou"):
        nomination = NominationFactory(users=users, issued=True)
    clerk = api_client("guangzhou", users["clerk"])
    url = f"{API}{nomination.pk}/"
    contacts = post(
        clerk,
        f"{url}update_contacts/",
        {"email": "anna@tum.de", "phone": "+49 89 1", "contact_consent": True},
    )
    assert contacts.status_code == 200, contacts.content
    future = post(clerk, f"{url}record_visit/", {"visited_on": "2999-01-01", "purpose": "访问"})
    assert future.status_code == 400 and "visited_on" in future.json()["fields"]
    visit = post(
        clerk, f"{url}record_visit/", {"visited_on": datetime.date.today(), "purpose": "出席友城活动"}
    )
    assert visit.status_code == 200
    body = visit.json()
    assert body["email"] == "anna@tum.de" and [v["purpose"] for v in body["visits"]] == ["出席友城活动"]
    unit = api_client("guangzhou", users["submitter"])
    assert (
        post(unit, f"{url}record_visit/", {"visited_on": datetime.date.today(), "purpose": "x"}).status_code
        == 403
    )
    page = Client(HTTP_HOST="guangzhou.localhost")
    page.post("/accounts/sign-in/", {"username": users["clerk"].username, "password": PASSWORD})
    detail = page.get(f"/honorary_residents/{nomination.pk}/").content.decode()
    assert 'value="anna@tum.de"' in detail  # the contacts' form shows the current contacts
    html = page.get("/honorary_residents/register/").content.decode()
    assert "MUELLER ANNA" in html and "出席友城活动" in html and nomination.certificate_number in html
    with in_city("guangzhou"):
        actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "honorary_residents.contacts",
        "honorary_residents.visit",
        "honorary_residents.decision",
    } <= actions


def test_conferring_counts_for_the_province(guangzhou):
    with in_city("guangzhou"):
        NominationFactory(users=guangzhou, issued=True)
    figures = {
        (f.metric, f.key): f.value
        for f in MonthlyFigure.objects.filter(
            city=City.offices.get(code="guangzhou"), metric__startswith="honorary_residents."
        )
    }
    assert figures[("honorary_residents.conferred", "")] == 1
    assert figures[("honorary_residents.by_country", "DE")] == 1
    assert figures[("honorary_residents.by_field", "science")] == 1


def test_the_pages_take_a_nomination_and_show_errors_under_their_field(guangzhou, client_for):
    users = guangzhou
    client = client_for("guangzhou", users["submitter"])
    form = {k: ("on" if v is True else "" if v is None else str(v)) for k, v in nomination_data().items()}
    bad = client.post("/honorary_residents/new/", {**form, "nationality": "ZZ", "contribution": ""})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "is-invalid" in html
    with in_city("guangzhou"):
        assert not Nomination.objects.exists()
    created = client.post("/honorary_residents/new/", form)
    assert created.status_code == 302, created.content.decode()[:2000]
    detail = client.get(created["Location"]).content.decode()
    assert 'data-action="submit"' in detail and "创办中德联合实验室" in detail
    listing = client.get("/honorary_residents/").content.decode()
    assert "MUELLER ANNA" in listing and "德国" in listing


@pytest.mark.parametrize("code", ["hangzhou", "quzhou", "lanzhou", "guiyang"])
def test_the_module_is_only_where_the_profile_has_it(db, city_user, client_for, code):
    clerk = city_user(code, username=f"{code}_hr_clerk", role="clerk")
    client = client_for(code, clerk)
    assert client.get("/honorary_residents/").status_code == 404
    assert client.get(API).status_code == 404


def test_another_citys_users_never_see_guangzhous_nominations(guangzhou, city_user, client_for):
    with in_city("guangzhou"):
        nomination = NominationFactory(users=guangzhou, issued=True)
    stranger = city_user("hangzhou", username="hz_stranger", role="auditor")
    client = client_for("hangzhou", stranger)
    for path in (
        f"/honorary_residents/{nomination.pk}/",
        f"{API}{nomination.pk}/",
        "/honorary_residents/register/",
    ):
        response = client.get(path)
        assert response.status_code == 404 and "MUELLER" not in response.content.decode()
    other_unit = guangzhou["submitter"].__class__
    with in_city("guangzhou"):
        from tests.factories import UserFactory

        units = [u["code"] for u in City.offices.get(code="guangzhou").profile["submitting_units"]]
        outsider = UserFactory(username="gz_other_unit", role="submitter", unit=units[1])
    assert other_unit
    response = client_for("guangzhou", outsider).get(f"/honorary_residents/{nomination.pk}/")
    assert response.status_code == 404


def test_the_demo_has_every_state_in_guangzhou_and_a_second_run_adds_nothing(db):
    ensure_demo_data()
    with in_city("guangzhou"):
        count = Nomination.objects.count()
        # Guangzhou's chain never goes up to the province: every other state is there.
        assert set(Nomination.objects.values_list("case__state", flat=True)) == set(STATES) - {"escalated"}
        assert Nomination.objects.filter(case__state="certified", visits__isnull=False).exists()
    ensure_demo_data()
    with in_city("guangzhou"):
        assert Nomination.objects.count() == count
    with in_city("hangzhou"):
        assert not Nomination.objects.exists()


def test_the_waiting_list_asks_for_the_decision_then_the_certificate(guangzhou, client_for):
    users = guangzhou
    with in_city("guangzhou"):
        nomination = NominationFactory(users=users, approved=True)
        from apps.registry.modules import registry

        module = registry.get("honorary_residents")
        assert [w.url for w in module.waiting_for(users["clerk"])] == [
            f"/honorary_residents/{nomination.pk}/"
        ]
        assert module.waiting_for(users["submitter"]) == []
    page = client_for("guangzhou", users["clerk"]).get("/waiting/").content.decode()
    assert f"/honorary_residents/{nomination.pk}/" in page
