"""The inbox speaks the reader's language, keeps no stale "to review" items once the
case moved on, and each user's "waiting for me" list is one click from every page."""

import pytest
from django.conf import settings

from apps.casework import services as casework
from apps.notifications.models import Notification
from tests.conftest import in_city
from tests.trips.helpers import approve_all, member, people, submitted, trip_data


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def hangzhou(db):
    with in_city("hangzhou"):
        users = people()
        delegation = submitted(users)
    return users, delegation


def test_an_inbox_message_follows_the_readers_language(hangzhou, client_for):
    users, _ = hangzhou
    reviewer = client_for("hangzhou", users["reviewer"])
    chinese = reviewer.get("/inbox/").content.decode()
    assert "待审批：经贸考察团" in chinese
    in_english = english(client_for("hangzhou", users["reviewer"]))
    page = in_english.get("/inbox/").content.decode()
    assert "To review: 经贸考察团" in page and "待审批" not in page
    api = in_english.get("/api/v1/inbox/").json()["results"][0]
    assert api["subject"] == "To review: 经贸考察团"


def test_a_state_change_notice_follows_the_language_too(hangzhou, client_for):
    users, delegation = hangzhou
    with in_city("hangzhou"):
        case = delegation.case
        casework.perform(
            case=case, name="return", actor=users["reviewer"], comment="补充日程", version=case.version
        )
    page = english(client_for("hangzhou", users["clerk"])).get("/inbox/").content.decode()
    assert "Returned for changes" in page and "退回修改" not in page


def test_the_to_review_notice_is_done_once_the_case_moved_on(hangzhou, client_for):
    users, delegation = hangzhou
    with in_city("hangzhou"):
        case = delegation.case
        casework.perform(case=case, name="approve", actor=users["reviewer"], version=case.version)
        note = Notification.objects.get(recipient=users["reviewer"], kind="case.assigned")
        assert note.done_at is not None and note.read_at is not None
        assert (
            Notification.objects.get(recipient=users["division_head"], kind="case.assigned").done_at is None
        )
    page = client_for("hangzhou", users["reviewer"]).get("/inbox/").content.decode()
    assert 'data-done="1"' in page
    home = client_for("hangzhou", users["reviewer"]).get("/").content.decode()
    assert "unread-count" not in home


def test_waiting_for_me_lists_the_cases_at_my_step_and_my_tasks(hangzhou, client_for):
    users, delegation = hangzhou
    reviewer = client_for("hangzhou", users["reviewer"])
    page = reviewer.get("/waiting/")
    assert page.status_code == 200
    case_link = f'href="/trips/case/{delegation.case_id}/"'
    assert case_link in page.content.decode()
    assert reviewer.get(f"/trips/case/{delegation.case_id}/")["Location"] == f"/trips/{delegation.pk}/"
    director_page = client_for("hangzhou", users["director"]).get("/waiting/").content.decode()
    assert case_link not in director_page
    with in_city("hangzhou"):
        done = approve_all(users, delegation)
    clerk_page = client_for("hangzhou", users["clerk"]).get("/waiting/").content.decode()
    assert f'href="/trips/{done.pk}/"' in clerk_page  # education and the 任务批件 are the clerk's


def test_the_waiting_list_is_linked_from_every_page(hangzhou, client_for):
    users, _ = hangzhou
    client = client_for("hangzhou", users["reviewer"])
    for url in ("/", "/trips/", "/inbox/"):
        assert 'href="/waiting/"' in client.get(url).content.decode(), url


def test_the_waiting_badge_counts_what_the_list_shows_without_loading_it(hangzhou, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.casework.selectors import waiting_count, waiting_for
    from apps.trips.models import Delegation

    users, delegation = hangzhou
    with in_city("hangzhou"):
        approve_all(users, delegation)
        approve_all(users, submitted(users, trip_data(members=[member("李四", document_number="SE7654321")])))
        clerk = users["clerk"]
        profile = connection.tenant.profile
        listed = waiting_for(clerk, profile)
        assert waiting_count(clerk, profile) == len(listed["decisions"]) + len(listed["tasks"]) >= 2
        with CaptureQueriesContext(connection) as few:
            waiting_count(clerk, profile)
        # Ten times the delegations: the count asks the same number of queries, loads no row.
        for n in range(8):
            crew = [member(f"王{n}", document_number=f"SE999000{n}")]
            approve_all(users, submitted(users, trip_data(members=crew)))
        with CaptureQueriesContext(connection) as many:
            count = waiting_count(clerk, profile)
        assert count == len(waiting_for(clerk, profile)["tasks"]) + len(
            waiting_for(clerk, profile)["decisions"]
        )
        assert len(many) == len(few)
        trips = [q["sql"] for q in many.captured_queries if '"trips_' in q["sql"]]
        assert trips and all(sql.startswith("SELECT COUNT(") for sql in trips), trips
        assert Delegation.objects.count() >= 10
    page = client_for("hangzhou", clerk).get("/trips/").content.decode()
    assert f">{count}<" in page.replace(" ", "")
