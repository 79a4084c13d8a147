"""What people type is kept or tidied, never thrown away: the comment of a refused stale
action, passport numbers in lower case, the inviter's country from a list."""

from apps.trips.models import Member
from tests.conftest import in_city
from tests.trips.helpers import member, people, submitted, trip_data
from tests.trips.test_api import API, api_client, post
from tests.trips.test_web import form_data


def test_a_stale_action_keeps_the_comment_the_user_typed(db, client_for):
    with in_city("hangzhou"):
        users = people()
        delegation = submitted(users)
        version = delegation.case.version
    first = client_for("hangzhou", users["reviewer"])
    first.post(f"/trips/{delegation.pk}/act/", {"action": "approve", "version": version})
    late = first.post(
        f"/trips/{delegation.pk}/act/",
        {"action": "return", "version": version, "comment": "请补充详细日程和费用测算"},
    )
    assert late.status_code == 409
    page = late.content.decode()
    assert 'value="请补充详细日程和费用测算"' in page or ">请补充详细日程和费用测算<" in page
    assert "其他人" in page or "Someone else acted" in page


def test_a_passport_number_in_lower_case_is_upper_cased_not_refused(db, client_for):
    with in_city("hangzhou"):
        users = people()
        unit = users["submitter"].unit
    web = client_for("hangzhou", users["clerk"])
    created = web.post("/trips/new/", form_data(unit, **{"members-0-document_number": " se2345678 "}))
    assert created.status_code == 302, created.content.decode()[:3000]
    clerk = api_client("hangzhou", users["clerk"])
    response = post(clerk, API, trip_data(members=[member(document_number="se7654321")], title="二团"))
    assert response.status_code == 201, response.content
    with in_city("hangzhou"):
        assert sorted(Member.objects.values_list("document_number", flat=True)) == ["SE2345678", "SE7654321"]
