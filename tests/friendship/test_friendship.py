"""The friendship association (Quzhou, Lanzhou, Guangzhou): council members over their
terms (one president at a time), activities with foreign friendship groups linked to the
register of partners, their reports (once held, once only) counted for the province; bad
input as field errors with nothing saved; pages; only where the profile has it; isolation;
the demo."""

import datetime
import json

import pytest
from django.test import Client

from apps.audit.models import AuditEntry
from apps.friendship.models import Activity, ActivityReport, CouncilMember
from apps.partners import services as partners
from apps.partners.models import PartnerLink
from apps.reporting.models import MonthlyFigure
from tenants.demo import ensure_demo_data
from tenants.models import City
from tests.conftest import in_city
from tests.factories import PASSWORD, UserFactory

API = "/api/v1/friendship/"
TODAY = datetime.date.today()


def api_client(code: str, user) -> Client:
    client = Client(HTTP_HOST=f"{code}.localhost")
    token = client.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}).json()[
        "token"
    ]
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return client


def post(client, path, data):
    return client.post(path, json.dumps(data, default=str), content_type="application/json")


def activity_data(**fields) -> dict:
    start = TODAY - datetime.timedelta(days=10)
    data = {
        "title": "日本友好团体来访",
        "kind": "reception",
        "foreign_group": "日中友好协会",
        "partner": None,
        "country": "JP",
        "start": start,
        "end": start + datetime.timedelta(days=2),
        "place": "衢州",
        "participants": 25,
        "description": "",
    }
    data.update(fields)
    return data


@pytest.fixture
def quzhou(db):
    with in_city("quzhou"):
        return {
            role: UserFactory(username=f"qz_f_{role}", role=role) for role in ("clerk", "director", "auditor")
        }


def test_an_activity_with_a_foreign_group_is_held_reported_and_counted(quzhou):
    clerk = api_client("quzhou", quzhou["clerk"])
    with in_city("quzhou"):
        group = partners.create_partner(
            actor=None,
            kind="organisation",
            name_zh="日中友好协会",
            name_en="Japan-China Friendship Association",
            country="JP",
        )
    created = post(clerk, f"{API}activities/", activity_data(partner=group.pk))
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "awaiting_report" and body["partner"] == group.pk
    report = post(
        clerk, f"{API}activities/{body['id']}/report/", {"summary": "交流顺利", "outcomes": "备忘录"}
    )
    assert report.status_code == 200, report.content
    assert report.json()["status"] == "reported" and report.json()["report"]["summary"] == "交流顺利"
    again = post(clerk, f"{API}activities/{body['id']}/report/", {"summary": "再报一次"})
    assert again.status_code == 400 and "summary" in again.json()["fields"]
    changed = clerk.put(
        f"{API}activities/{body['id']}/",
        json.dumps(activity_data(), default=str),
        content_type="application/json",
    )
    assert changed.status_code == 400  # a reported activity stays as reported
    with in_city("quzhou"):
        link = PartnerLink.objects.get(module="friendship", record_ref=str(body["id"]))
        assert link.kind == "event" and link.partner_id == group.pk
        assert {"friendship.activity", "friendship.report"} <= set(
            AuditEntry.objects.values_list("action", flat=True)
        )
    figures = {
        (f.metric, f.key): f.value
        for f in MonthlyFigure.objects.filter(
            city=City.offices.get(code="quzhou"), metric__startswith="friendship."
        )
    }
    assert figures[("friendship.activities", "")] == 1
    assert figures[("friendship.participants", "")] == 25
    assert figures[("friendship.by_country", "JP")] == 1
    assert figures[("friendship.by_kind", "reception")] == 1


def test_a_planned_activity_has_no_report_yet(quzhou):
    clerk = api_client("quzhou", quzhou["clerk"])
    later = TODAY + datetime.timedelta(days=30)
    body = post(clerk, f"{API}activities/", activity_data(start=later, end=later)).json()
    assert body["status"] == "planned"
    early = post(clerk, f"{API}activities/{body['id']}/report/", {"summary": "提前写好"})
    assert early.status_code == 400 and "summary" in early.json()["fields"]
    with in_city("quzhou"):
        assert not ActivityReport.objects.exists()


def test_bad_activities_are_field_errors_and_nothing_is_saved(quzhou):
    clerk = api_client("quzhou", quzhou["clerk"])
    backwards = post(clerk, f"{API}activities/", activity_data(end=TODAY - datetime.timedelta(days=30)))
    assert backwards.status_code == 400 and "end" in backwards.json()["fields"]
    nonsense = post(
        clerk, f"{API}activities/", activity_data(country="XX", kind="party", participants=-3, partner=999999)
    )
    assert {"country", "kind", "participants", "partner"} <= set(nonsense.json()["fields"])
    with in_city("quzhou"):
        assert not Activity.objects.exists()


def test_the_council_has_one_president_at_a_time(quzhou):
    clerk = api_client("quzhou", quzhou["clerk"])
    first = {"name": "刘建华", "position": "president", "affiliation": "市政协副主席", "since": "2023-01-01"}
    assert post(clerk, f"{API}council/", first).status_code == 201
    second = post(clerk, f"{API}council/", {**first, "name": "王海涛", "since": "2024-06-01"})
    assert second.status_code == 400 and "since" in second.json()["fields"]
    earlier = post(
        clerk, f"{API}council/", {**first, "name": "王海涛", "since": "2018-01-01", "until": "2022-12-31"}
    )
    assert earlier.status_code == 201  # a past president, whose term ended before
    backwards = post(clerk, f"{API}council/", {**first, "position": "member", "until": "2020-01-01"})
    assert backwards.status_code == 400 and "until" in backwards.json()["fields"]
    vice = post(clerk, f"{API}council/", {**first, "name": "陈思远", "position": "vice_president"})
    assert vice.status_code == 201  # several vice-presidents serve together
    names = [m["name"] for m in clerk.get(f"{API}council/").json()["results"]]
    assert sorted(names) == sorted(["刘建华", "王海涛", "陈思远"])


def test_who_may_do_what(quzhou):
    director = api_client("quzhou", quzhou["director"])
    assert director.get(f"{API}activities/").status_code == 200
    assert post(director, f"{API}activities/", activity_data()).status_code == 403
    with in_city("quzhou"):
        unit = City.offices.get(code="quzhou").profile["submitting_units"][0]["code"]
        submitter = UserFactory(username="qz_f_unit", role="submitter", unit=unit)
    assert api_client("quzhou", submitter).get(f"{API}activities/").status_code == 403


def test_the_pages_record_an_activity_and_its_report(quzhou, client_for):
    client = client_for("quzhou", quzhou["clerk"])
    form = {k: ("" if v is None else str(v)) for k, v in activity_data().items()}
    bad = client.post("/friendship/new/", {**form, "end": "2000-01-01"})
    assert bad.status_code == 400 and "is-invalid" in bad.content.decode()
    created = client.post("/friendship/new/", form)
    assert created.status_code == 302, created.content.decode()[:2000]
    detail = created["Location"]
    page = client.get(detail).content.decode()
    assert "report-form" in page and 'data-status="awaiting_report"' in page
    empty = client.post(detail, {"summary": ""})
    assert empty.status_code == 400 and "is-invalid" in empty.content.decode()
    assert client.post(detail, {"summary": "活动圆满成功"}).status_code == 302
    page = client.get(detail).content.decode()
    assert "活动圆满成功" in page and "report-form" not in page
    listing = client.get("/friendship/?status=reported").content.decode()
    assert "日本友好团体来访" in listing and "日本" in listing
    assert (
        client.post(
            "/friendship/council/new/",
            {"name": "周敏", "position": "member", "affiliation": "青联", "since": "2023-01-01"},
        ).status_code
        == 302
    )
    assert "周敏" in client.get("/friendship/council/").content.decode()


@pytest.mark.parametrize("code", ["hangzhou", "guiyang"])
def test_the_module_is_only_where_the_profile_has_it(db, city_user, client_for, code):
    clerk = city_user(code, username=f"{code}_f_clerk", role="clerk")
    client = client_for(code, clerk)
    assert client.get("/friendship/").status_code == 404
    assert client.get(f"{API}activities/").status_code == 404


def test_another_citys_users_never_see_the_activities(quzhou, city_user, client_for):
    clerk = api_client("quzhou", quzhou["clerk"])
    body = post(clerk, f"{API}activities/", activity_data(title="衢州秘密活动")).json()
    stranger = city_user("lanzhou", username="lz_f_auditor", role="auditor")
    client = client_for("lanzhou", stranger)
    for path in (f"/friendship/{body['id']}/", f"{API}activities/{body['id']}/"):
        response = client.get(path)
        assert response.status_code == 404 and "衢州秘密活动" not in response.content.decode()
    assert "衢州秘密活动" not in client.get(f"{API}activities/").content.decode()


def test_the_demo_has_every_status_where_the_module_is_on(db):
    ensure_demo_data()
    for code in ("quzhou", "lanzhou", "guangzhou"):
        with in_city(code):
            statuses = {activity.status() for activity in Activity.objects.select_related("report")}
            assert statuses == {"planned", "awaiting_report", "reported"}, code
            assert CouncilMember.objects.filter(until__isnull=False).exists()
            count = Activity.objects.count()
    ensure_demo_data()
    with in_city("guangzhou"):
        assert Activity.objects.count() == count
    with in_city("hangzhou"):
        assert not Activity.objects.exists()
