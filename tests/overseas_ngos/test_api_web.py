"""The overseas NGOs API and pages: the same inputs and rules (errors on their field, 400
never 500, nothing half-saved), the action table, a partner unit's view, who is late;
other cities and switched-off cities get nothing."""

import datetime

from apps.overseas_ngos.models import AnnualReminder, Filing, Organisation
from tests.conftest import in_city
from tests.overseas_ngos.helpers import TODAY, approved_filing, filing_data, office, people, temporary


def as_json(data: dict) -> dict:
    return {
        key: (value.isoformat() if isinstance(value, datetime.date) else str(value))
        for key, value in data.items()
    }


def test_the_api_files_a_temporary_activity_to_its_number(db, client_for):
    with in_city("lanzhou"):
        users = people()
        organisation = temporary(users)
    partner = client_for("lanzhou", users["submitter"])
    bad = filing_data(organisation, users)
    bad.update(end=bad["start"] - datetime.timedelta(days=2), funding="-5")
    response = partner.post("/api/v1/overseas_ngos/filings/", as_json(bad), content_type="application/json")
    assert response.status_code == 400 and {"end", "funding"} <= set(response.json()["fields"])
    created = partner.post(
        "/api/v1/overseas_ngos/filings/",
        as_json(filing_data(organisation, users)),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    filing = created.json()
    submitted = partner.post(
        f"/api/v1/overseas_ngos/filings/{filing['id']}/submit/",
        {"version": filing["case"]["version"]},
        content_type="application/json",
    )
    assert submitted.json()["case"]["state"] == "in_review"
    version = submitted.json()["case"]["version"]
    for role in ("reviewer", "division_head"):
        response = client_for("lanzhou", users[role]).post(
            f"/api/v1/overseas_ngos/filings/{filing['id']}/approve/",
            {"version": version},
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        version = response.json()["case"]["version"]
    clerk = client_for("lanzhou", users["clerk"])
    numbered = clerk.post(
        f"/api/v1/overseas_ngos/filings/{filing['id']}/record_filing/",
        {"version": version, "psb_number": "甘公境临备〔2026〕7号"},
        content_type="application/json",
    )
    assert numbered.status_code == 200 and numbered.json()["psb_number"] == "甘公境临备〔2026〕7号"
    assert numbered.json()["case"]["state"] == "filed"
    early = partner.post(
        f"/api/v1/overseas_ngos/filings/{filing['id']}/report_activity/",
        {"version": numbered.json()["case"]["version"], "report": "提前报送"},
        content_type="application/json",
    )
    assert early.status_code == 400  # the activity is a month away: reported afterwards only
    other = client_for("lanzhou", users["other_submitter"])
    assert other.get(f"/api/v1/overseas_ngos/filings/{filing['id']}/").status_code == 404
    assert other.get("/api/v1/overseas_ngos/organisations/").status_code == 403


def test_the_annual_cycle_through_the_api(db, client_for):
    with in_city("lanzhou"):
        users = people()
        organisation = office(users)
    clerk = client_for("lanzhou", users["clerk"])
    late = clerk.get("/api/v1/overseas_ngos/annual/?late=true").json()
    assert {(row["kind"], row["year"]) for row in late} >= {("report", TODAY.year - 1)}
    reminded = clerk.post(
        "/api/v1/overseas_ngos/annual/documents/remind/",
        {"organisation": organisation.pk, "kind": "report", "year": TODAY.year - 1, "note": "函告"},
        content_type="application/json",
    )
    assert reminded.status_code == 201
    received = clerk.post(
        "/api/v1/overseas_ngos/annual/documents/",
        {
            "organisation": organisation.pk,
            "kind": "report",
            "year": TODAY.year - 1,
            "received_on": TODAY.isoformat(),
            "summary": "工作报告",
        },
        content_type="application/json",
    )
    assert received.status_code == 201
    own = clerk.post(
        f"/api/v1/overseas_ngos/annual/documents/{received.json()['id']}/review/",
        {"opinion": "accepted"},
        content_type="application/json",
    )
    assert own.status_code == 403  # whoever recorded it does not review it
    reviewed = client_for("lanzhou", users["reviewer"]).post(
        f"/api/v1/overseas_ngos/annual/documents/{received.json()['id']}/review/",
        {"opinion": "accepted"},
        content_type="application/json",
    )
    assert reviewed.status_code == 200 and reviewed.json()["opinion"] == "accepted"
    bad = clerk.post(
        "/api/v1/overseas_ngos/annual/documents/",
        {"organisation": organisation.pk, "kind": "nonsense", "year": "x", "received_on": "2026-02-30"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and {"kind", "year", "received_on", "summary"} <= set(bad.json()["fields"])


def test_the_pages_in_chinese_and_errors_under_their_field(db, client_for):
    with in_city("lanzhou"):
        users = people()
        organisation = office(users)
        filing = approved_filing(users, temporary(users))
    clerk = client_for("lanzhou", users["clerk"])
    for path in (
        "/overseas_ngos/",
        "/overseas_ngos/new/",
        "/overseas_ngos/organisations/",
        "/overseas_ngos/annual/",
        "/overseas_ngos/annual/late/",
        f"/overseas_ngos/organisations/{organisation.pk}/",
        f"/overseas_ngos/{filing.pk}/",
        "/overseas_ngos/organisations/new/",
        "/overseas_ngos/?country=zz",
    ):
        assert clerk.get(path).status_code == 200, path
    late = clerk.get("/overseas_ngos/annual/late/").content.decode()
    assert "逾期未报名单" in late and organisation.name_zh in late
    assert clerk.get("/overseas_ngos/annual/late/export.xlsx").status_code == 200
    page = clerk.get(f"/overseas_ngos/{filing.pk}/").content.decode()
    assert "登记公安机关备案号" in page
    data = as_json(filing_data(organisation, users))
    data.update(end="2020-01-01", start="2020-01-05", funding="-3")
    response = clerk.post("/overseas_ngos/new/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "活动结束日期早于开始日期" in body.split('id="id_end_error"')[1][:200]
    assert "不能为负数" in body.split('id="id_funding_error"')[1][:200]
    remind = clerk.post(
        f"/overseas_ngos/organisations/{organisation.pk}/remind/",
        {"kind": "report", "year": TODAY.year - 1, "note": "电话"},
    )
    assert remind.status_code == 302
    with in_city("lanzhou"):
        assert AnnualReminder.objects.count() == 1 and Filing.objects.count() == 1


def test_the_module_is_off_outside_lanzhou(db, client_for, city_user):
    clerk = city_user("hangzhou", username="hz_ngo_clerk", role="clerk")
    client = client_for("hangzhou", clerk)
    assert client.get("/overseas_ngos/").status_code == 404
    assert client.get("/api/v1/overseas_ngos/filings/").status_code == 404
    schema = client.get("/api/v1/schema/?format=json").json()
    assert not any(path.startswith("/api/v1/overseas_ngos/") for path in schema["paths"])
    assert "境外非政府组织活动" not in client.get("/").content.decode()


def test_another_citys_user_gets_nothing(db, client_for):
    with in_city("lanzhou"):
        users = people()
        organisation = office(users)
        filing = approved_filing(users, temporary(users))
    with in_city("hangzhou"):
        from tests.factories import UserFactory

        hz = UserFactory(username="hz_ngo_spy", role="clerk")
    spy = client_for("hangzhou", hz)
    for path in (
        f"/api/v1/overseas_ngos/filings/{filing.pk}/",
        f"/api/v1/overseas_ngos/organisations/{organisation.pk}/",
        f"/overseas_ngos/{filing.pk}/",
    ):
        response = spy.get(path)
        assert response.status_code == 404
        response = spy.get(path, HTTP_HOST="lanzhou.localhost")
        assert (
            response.status_code in (302, 401, 403, 404)
            and organisation.name_zh not in response.content.decode()
        )
    with in_city("lanzhou"):
        assert Organisation.objects.count() == 2
