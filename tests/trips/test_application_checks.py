"""What an application needs before it goes in: its invitation letter, at most as many
members as the one limit allows (UI and API alike), and a warning for a traveller whose
travel document is overdue but not yet blocking."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError

from apps.casework.models import Case
from apps.trips import services, validation
from apps.trips.models import TravelDocument
from tests.conftest import in_city
from tests.trips.helpers import member, people, trip_data
from tests.trips.test_api import API, api_client, post
from tests.trips.test_web import form_data


def many(n: int) -> list[dict]:
    return [member(f"成员{i}", document_number=f"SE{3000000 + i}") for i in range(n)]


def test_an_application_without_its_invitation_letter_is_not_submitted(db):
    with in_city("hangzhou"):
        users = people()
        delegation = services.create_delegation(actor=users["clerk"], data=trip_data())
        with pytest.raises(ValidationError) as refused:
            services.submit(actor=users["clerk"], delegation=delegation)
        assert "invitation" in refused.value.message_dict
        assert "Osaka Chamber of Commerce" in " ".join(refused.value.message_dict["invitation"])
        delegation.refresh_from_db()
        assert delegation.case.state == "draft"


def test_the_api_answers_400_naming_the_missing_letter(db):
    with in_city("hangzhou"):
        users = people()
    clerk = api_client("hangzhou", users["clerk"])
    created = post(clerk, API, trip_data()).json()
    response = post(clerk, f"{API}{created['id']}/submit/", {"version": created["case"]["version"]})
    assert response.status_code == 400
    assert "invitation" in response.json()["fields"]


def test_the_page_says_the_letter_is_missing(db, client_for):
    with in_city("hangzhou"):
        users = people()
        delegation = services.create_delegation(actor=users["clerk"], data=trip_data())
    client = client_for("hangzhou", users["clerk"])
    page = client.post(
        f"/trips/{delegation.pk}/act/", {"action": "submit", "version": "1"}, follow=True
    ).content.decode()
    assert "Osaka Chamber of Commerce" in page
    with in_city("hangzhou"):
        assert Case.objects.get(pk=delegation.case_id).state == "draft"


def test_one_member_limit_for_the_api_and_the_form(db, client_for):
    with in_city("hangzhou"):
        users = people()
        limit = validation.max_member_rows()
        unit = users["submitter"].unit
    assert limit >= 7  # room for an override of the delegation size (6 in Zhejiang)
    clerk = api_client("hangzhou", users["clerk"])

    too_many = post(clerk, API, trip_data(members=many(limit + 1)))
    just_enough = post(clerk, API, trip_data(members=many(limit), title="大团"))

    assert too_many.status_code == 400
    assert "members" in too_many.json()["fields"]
    assert just_enough.status_code == 201, just_enough.content
    with in_city("hangzhou"):
        assert Case.objects.count() == 1

    web = client_for("hangzhou", users["clerk"])
    page = web.get("/trips/new/").content.decode()
    assert f'name="members-MAX_NUM_FORMS" value="{limit}"' in page
    rows = {}
    for index, person in enumerate(many(limit + 1)):
        rows.update(
            {
                f"members-{index}-name": person["name"],
                f"members-{index}-gender": "M",
                f"members-{index}-birth_date": "1975-03-01",
                f"members-{index}-unit": "市商务局",
                f"members-{index}-position": "处长",
                f"members-{index}-rank": "division",
                f"members-{index}-document_type": "official_passport",
                f"members-{index}-document_number": person["document_number"],
            }
        )
    refused = web.post("/trips/new/", form_data(unit, **rows, **{"members-TOTAL_FORMS": str(limit + 1)}))
    assert refused.status_code == 400
    with in_city("hangzhou"):
        assert Case.objects.count() == 1


def test_an_overdue_document_below_the_block_threshold_is_a_warning(db, client_for):
    with in_city("hangzhou"):
        users = people()
        TravelDocument.objects.create(
            holder_name="张三",
            holder_birth_date=datetime.date(1975, 3, 1),
            document_type="official_passport",
            number="SE7654321",
            status=TravelDocument.Status.ISSUED,
            due_back=datetime.date.today() - datetime.timedelta(days=3),  # Zhejiang blocks after 30
        )
        delegation = services.create_delegation(actor=users["clerk"], data=trip_data())
        assert services.open_breaches(delegation) == []
    page = client_for("hangzhou", users["clerk"]).get(f"/trips/{delegation.pk}/").content.decode()
    assert "SE7654321" in page and 'data-warning="travel_document_overdue"' in page
    edit = client_for("hangzhou", users["clerk"]).get(f"/trips/{delegation.pk}/edit/").content.decode()
    assert 'data-warning="travel_document_overdue"' in edit
    body = api_client("hangzhou", users["clerk"]).get(f"{API}{delegation.pk}/").json()
    assert [w["rule"] for w in body["warnings"]] == ["travel_document_overdue"]
    assert "SE7654321" in json.dumps(body["warnings"], ensure_ascii=False)
