"""After the trip: the post-trip report is filed once the delegation is back, travel
documents come back to custody only after they left, and the report stays readable."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.trips import services
from apps.trips.models import TravelDocument
from tests.conftest import in_city
from tests.trips.helpers import issued, people
from tests.trips.test_api import API, api_client, post


@pytest.fixture
def trip(db):
    with in_city("hangzhou"):
        users = people()
        delegation = issued(users)
    return users, delegation


def test_the_report_cannot_be_filed_before_the_return_date(trip):
    users, delegation = trip
    with in_city("hangzhou"):
        with pytest.raises(ValidationError) as refused:
            services.file_report(
                actor=users["clerk"],
                delegation=delegation,
                report="提前写好的报告",
                outcome="",
                today=delegation.departure,
            )
        assert delegation.return_date.strftime("%Y-%m-%d") in " ".join(refused.value.messages)
        delegation.refresh_from_db()
        assert delegation.case.state == "issued" and delegation.report == ""


def test_the_api_refuses_a_report_before_return_with_a_400(trip):
    users, delegation = trip
    clerk = api_client("hangzhou", users["clerk"])
    version = clerk.get(f"{API}{delegation.pk}/").json()["case"]["version"]
    response = post(clerk, f"{API}{delegation.pk}/report/", {"version": version, "report": "太早了"})
    assert response.status_code == 400
    assert clerk.get(f"{API}{delegation.pk}/").json()["case"]["state"] == "issued"


def test_the_filed_report_is_shown_on_the_page_and_in_the_api(trip, client_for):
    users, delegation = trip
    with in_city("hangzhou"):
        services.file_report(
            actor=users["clerk"],
            delegation=delegation,
            report="访问了大阪商工会议所，签署合作备忘录。",
            outcome="签署备忘录一份",
            today=delegation.return_date,
        )
    page = client_for("hangzhou", users["submitter"]).get(f"/trips/{delegation.pk}/").content.decode()
    assert "访问了大阪商工会议所，签署合作备忘录。" in page and "签署备忘录一份" in page
    body = api_client("hangzhou", users["clerk"]).get(f"{API}{delegation.pk}/").json()
    assert body["report"] == "访问了大阪商工会议所，签署合作备忘录。"
    assert body["outcome_notice"] == "签署备忘录一份"
    assert body["case"]["state"] == "closed"


def test_the_report_form_is_not_offered_before_the_return(trip, client_for):
    users, delegation = trip
    page = client_for("hangzhou", users["clerk"]).get(f"/trips/{delegation.pk}/").content.decode()
    assert 'value="close"' not in page
    assert delegation.return_date.strftime("%Y-%m-%d") in page


def test_a_travel_document_cannot_be_returned_before_the_trip_left(trip, client_for):
    users, delegation = trip
    with in_city("hangzhou"):
        document = TravelDocument.objects.get(issued_for=delegation)
        with pytest.raises(ValidationError):
            services.return_travel_document(
                actor=users["clerk"],
                document=document,
                today=delegation.departure - datetime.timedelta(days=1),
            )
        document.refresh_from_db()
        assert document.status == "issued"
        services.return_travel_document(actor=users["clerk"], document=document, today=delegation.return_date)
        document.refresh_from_db()
        assert document.status == "in_custody"


def test_the_custody_page_refuses_a_return_before_departure(trip, client_for):
    users, delegation = trip
    with in_city("hangzhou"):
        document = TravelDocument.objects.get(issued_for=delegation)
    client = client_for("hangzhou", users["clerk"])
    page = client.post("/trips/custody/", {"document": document.pk}, follow=True).content.decode()
    with in_city("hangzhou"):
        document.refresh_from_db()
        assert document.status == "issued"
    assert delegation.departure.strftime("%Y-%m-%d") in page
