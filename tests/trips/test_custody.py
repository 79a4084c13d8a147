"""The travel-document ledger: search, grouped by delegation, and documents taken into
custody before any trip (web and API)."""

import pytest

from apps.trips.models import TravelDocument
from tests.conftest import in_city
from tests.trips.helpers import issued, member, people, trip_data
from tests.trips.test_api import api_client, post

LEDGER = "/api/v1/trips/travel-documents/"


@pytest.fixture
def ledger(db):
    with in_city("hangzhou"):
        users = people()
        first = issued(
            users, trip_data(title="赴日团", members=[member("张三", document_number="SE1000001")])
        )
        second = issued(
            users,
            trip_data(title="赴韩团", members=[member("李四", document_number="SE2000002")],
                      destinations=[{"country": "KR", "arrive": trip_data()["departure"],
                                     "leave": trip_data()["departure"]}]),
        )  # fmt: skip
    return users, first, second


def test_the_ledger_is_searched_by_holder_or_number(ledger, client_for):
    users, _, _ = ledger
    client = client_for("hangzhou", users["clerk"])
    by_name = client.get("/trips/custody/?q=李四").content.decode()
    by_number = client.get("/trips/custody/?q=se1000001").content.decode()
    assert "SE2000002" in by_name and "SE1000001" not in by_name
    assert "SE1000001" in by_number and "SE2000002" not in by_number
    api = api_client("hangzhou", users["clerk"]).get(f"{LEDGER}?q=李四").json()
    rows = api["results"] if isinstance(api, dict) else api
    assert [row["number"] for row in rows] == ["SE2000002"]


def test_the_ledger_groups_by_delegation(ledger, client_for):
    users, first, second = ledger
    page = client_for("hangzhou", users["clerk"]).get("/trips/custody/?group=delegation").content.decode()
    assert f'data-group="{first.pk}"' in page and f'data-group="{second.pk}"' in page
    assert page.index("赴日团") < page.index("SE1000001") < page.index("赴韩团") or page.index(
        "赴韩团"
    ) < page.index("SE2000002") < page.index("赴日团")


def test_a_passport_is_taken_into_custody_before_any_trip(db, client_for):
    with in_city("hangzhou"):
        users = people()
    client = client_for("hangzhou", users["clerk"])
    response = client.post(
        "/trips/custody/",
        {"action": "take_in", "holder_name": "王五", "holder_birth_date": "1970-01-02",
         "document_type": "official_passport", "number": "se3000003"},
    )  # fmt: skip
    assert response.status_code == 302
    with in_city("hangzhou"):
        document = TravelDocument.objects.get(number="SE3000003")
        assert (document.holder_name, document.status, document.issued_for) == ("王五", "in_custody", None)
    again = client.post(
        "/trips/custody/",
        {"action": "take_in", "holder_name": "王五", "holder_birth_date": "1970-01-02",
         "document_type": "official_passport", "number": "SE3000003"},
    )  # fmt: skip
    assert again.status_code == 400 and "SE3000003" in again.content.decode()
    bad = client.post("/trips/custody/", {"action": "take_in", "holder_name": "", "number": "12"})
    assert bad.status_code == 400
    with in_city("hangzhou"):
        assert TravelDocument.objects.count() == 1


def test_the_api_takes_a_document_into_custody_and_names_bad_fields(db):
    with in_city("hangzhou"):
        users = people()
    clerk = api_client("hangzhou", users["clerk"])
    created = post(clerk, LEDGER, {"holder_name": "赵六", "holder_birth_date": "1980-05-02",
                                   "document_type": "official_passport", "number": "se4000004"})  # fmt: skip
    assert created.status_code == 201, created.content
    assert created.json()["number"] == "SE4000004" and created.json()["status"] == "in_custody"
    bad = post(clerk, LEDGER, {"holder_name": "赵六", "holder_birth_date": "1980-05-02",
                               "document_type": "official_passport", "number": "12"})  # fmt: skip
    assert bad.status_code == 400 and "number" in bad.json()["fields"]
    submitter = api_client("hangzhou", users["submitter"])
    assert post(submitter, LEDGER, {"holder_name": "x"}).status_code == 403
