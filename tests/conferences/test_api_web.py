"""The conferences API and pages: application to approval document, bad input as field
errors with nothing saved, the module only in Guangzhou and Hangzhou (404 and absent from
the menu and the OpenAPI elsewhere), isolation across cities and units."""

import datetime
import io
import json

from django.test import Client
from pypdf import PdfReader

from apps.casework.models import Case
from tests.conferences.helpers import FAR, ConferenceFactory, conference_data, people
from tests.conftest import in_city
from tests.factories import PASSWORD

API = "/api/v1/conferences/conferences/"


def api_client(code: str, user) -> Client:
    client = Client(HTTP_HOST=f"{code}.localhost")
    token = client.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}).json()[
        "token"
    ]
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return client


def post(client, path, data):
    return client.post(path, json.dumps(data, default=str), content_type="application/json")


def test_a_unit_applies_through_the_api_and_the_office_approves_and_issues_the_pdf(db):
    with in_city("hangzhou"):
        users = people()
        payload = conference_data(
            countries=[{"country": "de", "participants": 12}, {"country": "JP", "participants": 8}],
            heads=[
                {"name": "Anna Weber", "country": "DE", "title": "Mayor of Hamburg", "rank": "department"}
            ],
        )
    unit = api_client("hangzhou", users["submitter"])
    created = post(unit, API, payload)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["foreign_participants"] == 20 and body["scale"] == "small"
    assert body["unit_code"] == users["submitter"].unit
    url = f"{API}{body['id']}/"
    assert post(unit, f"{url}submit/", {"version": body["case"]["version"]}).status_code == 200
    for role in ("reviewer", "division_head"):
        approver = api_client("hangzhou", users[role])
        current = approver.get(url).json()
        response = post(approver, f"{url}approve/", {"version": current["case"]["version"]})
        assert response.status_code == 200, response.content
    director = api_client("hangzhou", users["director"])
    current = director.get(url).json()
    assert current["case"]["state"] == "approved"
    issued = post(director, f"{url}issue/", {"version": current["case"]["version"]})
    assert issued.status_code == 200, issued.content
    body = issued.json()
    assert body["approval_number"].startswith("杭外侨办批〔") and body["report_due"]
    pdf = director.get(f"{url}documents/{body['approval_document_id']}/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).replace("\n", "")
    assert "批复" in text and "Sister Cities Forum" in text and body["approval_number"] in text
    # the outcome report cannot be filed before the activity is over: a field error
    early = post(
        unit,
        f"{url}file_report/",
        {"version": body["case"]["version"], "report": "好", "actual_foreign_participants": 20},
    )
    assert early.status_code == 400 and "report" in early.json()["fields"]
    history = [e["transition"] for e in unit.get(f"{url}history/").json()]
    assert history == ["open", "submit", "approve", "approve", "issue"]


def test_bad_input_is_a_field_error_and_nothing_is_saved(db):
    with in_city("guangzhou"):
        users = people()
        payload = conference_data(
            end=FAR - datetime.timedelta(days=2),
            total_participants=5,
            countries=[{"country": "JP", "participants": 10}, {"country": "jp", "participants": 1}],
            heads=[{"name": "X", "country": "FR", "title": "Y", "rank": "nosuch"}],
            budget="-5",
        )
    clerk = api_client("guangzhou", users["clerk"])
    response = post(clerk, API, payload)
    assert response.status_code == 400, response.content
    fields = response.json()["fields"]
    assert "budget" in fields and "heads[0].rank" in fields
    payload["budget"], payload["heads"] = (
        "1000",
        [{"name": "X", "country": "FR", "title": "Y", "rank": "division"}],
    )
    response = post(clerk, API, payload)
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert {"end", "total_participants", "countries[1].country", "heads[0].country"} <= set(fields), fields
    assert post(clerk, API, {**payload, "countries": []}).status_code == 400
    assert post(clerk, API, "not json").status_code == 400
    with in_city("guangzhou"):
        assert Case.objects.count() == 0


def test_the_web_form_shows_errors_under_fields_and_saves_a_valid_application(db, client_for):
    with in_city("guangzhou"):
        users = people()
    client = client_for("guangzhou", users["clerk"])
    page = client.get("/conferences/new/")
    assert page.status_code == 200 and "境外参会人员" in page.content.decode()
    form = {
        "title": "广州国际城市创新大会",
        "name_en": "Guangzhou International Urban Innovation Conference",
        "kind": "conference",
        "unit_code": users["submitter"].unit,
        "responsible_person": "陈明",
        "responsible_phone": "020-1",
        "start": FAR.isoformat(),
        "end": (FAR - datetime.timedelta(days=1)).isoformat(),
        "venue": "白云国际会议中心",
        "total_participants": "300",
        "media": "10",
        "foreign_media": "2",
        "sponsors": "广州市人民政府",
        "budget": "500000",
        "funding": "fiscal",
        "security_plan": "安保",
        "health_plan": "防疫",
        "countries-TOTAL_FORMS": "1",
        "countries-INITIAL_FORMS": "0",
        "countries-0-country": "fr",
        "countries-0-participants": "40",
        "heads-TOTAL_FORMS": "0",
        "heads-INITIAL_FORMS": "0",
    }
    bad = client.post("/conferences/new/", form)
    assert bad.status_code == 400
    under = bad.content.decode().split('id="id_end_error"')[1].split("</div>")[0]
    assert "最后一天早于第一天" in under
    form["end"] = (FAR + datetime.timedelta(days=1)).isoformat()
    good = client.post("/conferences/new/", form)
    assert good.status_code == 302, good.content.decode()[:3000]
    detail = client.get(good["Location"]).content.decode()
    assert "广州国际城市创新大会" in detail and "法国" in detail and "提交审批" in detail


def test_the_list_filters_and_lists_overdue_reports(db, client_for):
    past = datetime.date.today() - datetime.timedelta(days=40)
    with in_city("hangzhou"):
        users = people()
        late = ConferenceFactory(
            users=users, data=conference_data(start=past, title="逾期总结会议"), issued=True
        )
        ConferenceFactory(users=users, data=conference_data(title="草稿会议"))
    client = client_for("hangzhou", users["clerk"])
    overdue = client.get("/conferences/?overdue=true").content.decode()
    assert "逾期总结会议" in overdue and "草稿会议" not in overdue and 'data-overdue="1"' in overdue
    assert "逾期总结会议" in client.get(f"/conferences/{late.pk}/").content.decode()
    listed = api_client("hangzhou", users["clerk"]).get(API, {"overdue": "true"}).json()
    assert [row["title"] for row in listed["results"]] == ["逾期总结会议"]
    assert client.get("/conferences/?state=nosuch&scale=huge&page=x").status_code == 200


def test_only_guangzhou_and_hangzhou_have_the_module(db, client_for):
    for code in ("guiyang", "quzhou", "lanzhou"):
        with in_city(code):
            user = people()["clerk"]
        client = client_for(code, user)
        assert client.get("/conferences/").status_code == 404
        assert client.get("/conferences/new/").status_code == 404
        assert api_client(code, user).get(API).status_code == 404
        assert "/conferences/" not in client.get("/").content.decode()
        schema = api_client(code, user).get("/api/v1/schema/?format=json").content.decode()
        assert "/api/v1/conferences/" not in schema
    with in_city("guangzhou"):
        user = people()["clerk"]
    client = client_for("guangzhou", user)
    assert "/conferences/" in client.get("/").content.decode()
    assert (
        "/api/v1/conferences/"
        in api_client("guangzhou", user).get("/api/v1/schema/?format=json").content.decode()
    )


def test_isolation_another_city_and_another_unit_see_nothing(db, client_for):
    with in_city("hangzhou"):
        users = people()
        conference = ConferenceFactory(users=users, issued=True)
        from apps.conferences.selectors import documents_of

        document = documents_of(conference).get()
        other_unit = people()["submitter"].__class__.objects.create(
            username="hz_other_unit", role="submitter", unit="nosuch_unit"
        )
        other_unit.set_password(PASSWORD)
        other_unit.save()
    with in_city("guangzhou"):
        gz_clerk = people()["clerk"]
    for client in (api_client("guangzhou", gz_clerk),):
        for path in (
            f"{API}{conference.pk}/",
            f"{API}{conference.pk}/history/",
            f"{API}{conference.pk}/documents/{document.pk}/",
        ):
            # Guangzhou's token on Guangzhou's host: its own (empty) schema
            assert client.get(path).status_code == 404
    gz_web = client_for("guangzhou", gz_clerk)
    for path in (
        f"/conferences/{conference.pk}/",
        f"/conferences/{conference.pk}/documents/{document.pk}/",
        f"/conferences/{conference.pk}/edit/",
        f"/conferences/case/{conference.case_id}/",
    ):
        assert gz_web.get(path).status_code == 404
        # Guangzhou's session on Hangzhou's host is no one there
        hz_host = client_for("guangzhou", gz_clerk)
        assert hz_host.get(path, HTTP_HOST="hangzhou.localhost").status_code in (302, 403, 404)
    stranger = api_client("hangzhou", other_unit)
    assert stranger.get(f"{API}{conference.pk}/").status_code == 404
    assert stranger.get(API).json()["count"] == 0
    assert post(stranger, f"{API}{conference.pk}/file_report/", {"version": 1}).status_code == 404
