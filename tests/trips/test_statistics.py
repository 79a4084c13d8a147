"""The biannual statistics (page, XLSX, PDF, API) and the province's overdue figures and
biannual report."""

import datetime
import io

from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from apps.trips import services, statistics
from tests.conftest import in_city
from tests.factories import PASSWORD, UserFactory
from tests.trips.helpers import FAR, approve_all, member, people, submitted, trip_data, with_letter

HALF = 1 if FAR.month <= 6 else 2
QUERY = f"year={FAR.year}&half={HALF}"


def issued(users, data):
    """A delegation taken through approval, education and the end of its notice to issue."""
    delegation = approve_all(users, submitted(users, data))
    for person in delegation.members.all():
        services.acknowledge_education(actor=users["clerk"], member=person)
    return services.issue_approval_document(
        actor=users["clerk"],
        delegation=delegation,
        today=delegation.notice_until + datetime.timedelta(days=1),
    )


def build_half_year():
    """In Hangzhou: two approved delegations of the first unit (one issued, one with an
    override), one of the second unit, and a draft and a later trip that do not count."""
    users = people()
    units = [unit["code"] for unit in in_city_units()]
    first, second = units[0], units[1]
    issued(
        users,
        trip_data(
            unit_code=first,
            title="赴日经贸团",
            members=[
                member("甲一", document_number="SE1000001"),
                member("甲二", document_number="SE1000002"),
            ],
        ),
    )
    long_trip = services.create_delegation(
        actor=users["clerk"],
        data=trip_data(
            unit_code=first,
            title="赴法友城团",
            days=9,
            members=[member("乙一", document_number="SE2000001")],
            destinations=[
                {"country": "FR", "arrive": FAR, "leave": FAR + datetime.timedelta(days=3)},
                {
                    "country": "JP",
                    "arrive": FAR + datetime.timedelta(days=4),
                    "leave": FAR + datetime.timedelta(days=8),
                },
            ],
        ),
    )
    services.override_limit(
        actor=users["director"], delegation=long_trip, rule="max_days", justification="会期"
    )
    approve_all(users, services.submit(actor=users["clerk"], delegation=with_letter(users, long_trip)))
    approve_all(
        users,
        submitted(
            users,
            trip_data(
                unit_code=second,
                title="赴韩教育团",
                members=[member("丙一", document_number="SE3000001")],
                destinations=[{"country": "KR", "arrive": FAR, "leave": FAR + datetime.timedelta(days=4)}],
            ),
        ),
    )
    services.create_delegation(actor=users["clerk"], data=trip_data(title="草稿团", members=[member("丁一")]))
    return users, first, second


def in_city_units():
    from django.db import connection

    return connection.tenant.profile["submitting_units"]


def test_the_statistics_count_approved_delegations_of_the_half_year_by_unit(db):
    with in_city("hangzhou"):
        users, first, second = build_half_year()
        stats = statistics.biannual(users["clerk"], year=FAR.year, half=HALF)
        later = statistics.biannual(
            users["clerk"], year=FAR.year, half=HALF, today=FAR + datetime.timedelta(days=90)
        )

    rows = {row.unit_code: row for row in stats.rows}
    assert set(rows) == {first, second}
    assert (rows[first].delegations, rows[first].people, rows[first].countries) == (2, 3, 2)
    assert rows[first].person_days == 2 * 5 + 1 * 9
    assert rows[first].overrides == 1
    assert (rows[first].overdue_documents, rows[first].overdue_reports) == (0, 0)
    assert stats.total.values() == [3, 4, 3, 24, 1, 0, 0]
    # ninety days after departure the issued trip's two passports and its report are late
    late = {row.unit_code: row for row in later.rows}[first]
    assert (late.overdue_documents, late.overdue_reports) == (2, 1)


def test_the_page_and_downloads_show_the_table(db, client_for):
    with in_city("hangzhou"):
        users, first, _ = build_half_year()
    client = client_for("hangzhou", users["clerk"])

    page = client.get(f"/trips/statistics/?{QUERY}")
    workbook = load_workbook(io.BytesIO(client.get(f"/trips/statistics/export.xlsx?{QUERY}").content))
    pdf = client.get(f"/trips/statistics/export.pdf?{QUERY}")

    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-unit="{first}"' in html and "上城区" in html
    assert 'href="/trips/statistics/"' in client.get("/trips/").content.decode()
    rows = list(workbook.active.values)
    assert rows[2][1].startswith("团组数")  # units by name, no column of codes
    assert rows[-1][0:3] == ("合计 Total", 3, 4)
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "因公出国（境）情况统计表" in text and "Submitting unit" in text and "上城区" in text


def test_bad_year_or_half_is_a_form_error_and_the_submitter_may_not_see_statistics(db, client_for):
    with in_city("hangzhou"):
        users = people()
    client = client_for("hangzhou", users["clerk"])

    bad = client.get("/trips/statistics/?year=abc&half=3")
    bad_download = client.get("/trips/statistics/export.xlsx?year=1800&half=1")

    assert bad.status_code == 400
    html = bad.content.decode()
    # each error under its own field
    assert 'id="id_year_error" class="invalid-feedback"' in html
    assert 'id="id_half_error" class="invalid-feedback"' in html
    assert bad_download.status_code == 400
    assert client.get("/trips/statistics/").status_code == 200  # the current half by default
    assert client_for("hangzhou", users["submitter"]).get(f"/trips/statistics/?{QUERY}").status_code == 403
    assert (
        'href="/trips/statistics/"'
        not in client_for("hangzhou", users["submitter"]).get("/trips/").content.decode()
    )


def test_the_api_returns_the_statistics_and_names_a_bad_field(db):
    from tests.trips.test_api import api_client

    with in_city("hangzhou"):
        users, first, _ = build_half_year()
    client = api_client("hangzhou", users["reviewer"])

    answer = client.get(f"/api/v1/trips/statistics/?{QUERY}")
    bad = client.get("/api/v1/trips/statistics/?year=2026&half=x")
    missing = client.get("/api/v1/trips/statistics/")
    refused = api_client("hangzhou", users["submitter"]).get(f"/api/v1/trips/statistics/?{QUERY}")
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")

    assert answer.status_code == 200
    body = answer.json()
    assert (body["year"], body["half"], body["total"]["delegations"]) == (FAR.year, HALF, 3)
    assert {unit["unit_code"] for unit in body["units"]} >= {first}
    assert bad.status_code == 400 and list(bad.json()["fields"]) == ["half"]
    assert missing.status_code == 400 and set(missing.json()["fields"]) == {"year", "half"}
    assert refused.status_code == 403
    assert "/api/v1/trips/statistics/" in schema.content.decode()


def test_the_province_downloads_its_biannual_figures_by_city(db):
    with in_city("hangzhou"):
        build_half_year()
    UserFactory(username="zj_rev", role="province_reviewer", unit="zhejiang")
    client = Client(HTTP_HOST="zhejiang.localhost")
    client.post("/accounts/sign-in/", {"username": "zj_rev", "password": PASSWORD})

    report = client.get(f"/report.xlsx?{QUERY}")
    bad = client.get("/report.xlsx?year=20x6&half=1")

    assert report.status_code == 200
    rows = list(load_workbook(io.BytesIO(report.content))["因公出国（境）"].values)  # one sheet per module
    by_city = {row[0]: row for row in rows[3:]}
    hangzhou = next(row for name, row in by_city.items() if name.startswith("杭州"))
    assert hangzhou[1:5] == (3, 4, 24, 1)
    assert any(name.startswith("衢州") for name in by_city)
    assert by_city["合计 Total"][1] == 3
    assert bad.status_code == 400 and "year" in bad.content.decode()
    assert Client(HTTP_HOST="zhejiang.localhost").get(f"/report.xlsx?{QUERY}").status_code in (302, 403)


def test_the_province_figures_reconcile_with_the_citys_half_year_report_when_a_trip_is_on_hold(db):
    """Issue: Gansu showed Lanzhou 5 delegations / 12 people for a half-year whose city
    report said 4 / 11 - the province counted a trip on hold after an objection."""
    from apps.casework import services as casework
    from apps.reporting.models import MonthlyFigure

    def province_side(metric):
        start, end = statistics.half_year(FAR.year, HALF)
        rows = MonthlyFigure.objects.filter(
            city__code="lanzhou", metric=metric, month__gte=start, month__lte=end
        )
        return sum(row.value for row in rows)

    with in_city("lanzhou"):
        users = people()
        kept = approve_all(users, submitted(users, trip_data(members=[member("赵一")])))
        held = approve_all(users, submitted(users, trip_data(members=[member("钱二")])))
        casework.perform(case=held.case, name="hold", actor=users["clerk"], comment="收到异议")
        city = statistics.biannual(users["clerk"], year=FAR.year, half=HALF)
        assert kept.case.state == "approved"
    assert (
        (province_side("trips.delegations"), province_side("trips.people"))
        == (
            city.total.delegations,
            city.total.people,
        )
        == (1, 1)
    )

    with in_city("lanzhou"):  # released: it counts again on both sides
        casework.perform(case=held.case, name="release", actor=users["clerk"], comment="异议不成立")
        city = statistics.biannual(users["clerk"], year=FAR.year, half=HALF)
    assert province_side("trips.delegations") == city.total.delegations == 2
