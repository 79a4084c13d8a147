"""The leaders' foreign-affairs calendar: every enabled module's entries in one calendar
(per leader, per division, per office; month, week and day), conflicts shown, and each
user's private ICS feed (parsed by the icalendar library): revocable, stored hashed, per
city, with no passport numbers or birth dates."""

import datetime
import re

import pytest
from icalendar import Calendar

from apps.calendar import selectors, services
from apps.calendar.models import FeedToken
from tests.conferences.helpers import ConferenceFactory, conference_data
from tests.conferences.helpers import people as conference_people
from tests.conftest import in_city
from tests.invitations.helpers import InvitationFactory, invitation_data, invitee
from tests.trips.helpers import approve_all as approve_trip
from tests.trips.helpers import submitted as submitted_trip
from tests.trips.helpers import trip_data

DAY = datetime.date.today() + datetime.timedelta(days=60)


@pytest.fixture
def hangzhou(db):
    """Hangzhou with an approved conference (the director attends), an invited visit and an
    approved delegation, all on or around DAY."""
    with in_city("hangzhou"):
        users = conference_people()
        division = "protocol"
        conference = ConferenceFactory(
            users=users,
            data=conference_data(
                start=DAY,
                days=2,
                title="杭州国际友城大会",
                office_leader=users["director"].pk,
                division=division,
            ),
            approved=True,
        )
        visit = InvitationFactory(
            users=users,
            data=invitation_data(
                start=DAY,
                invitees=[invitee(passport_number="P99887766", birth_date=datetime.date(1961, 7, 19))],
            ),
            approved=True,
        )
        trip = approve_trip(users, submitted_trip(users, trip_data(start=DAY, title="赴日经贸考察团")))
        draft = ConferenceFactory(users=users, data=conference_data(start=DAY, title="草稿不上日程"))
    return {"users": users, "conference": conference, "visit": visit, "trip": trip, "draft": draft}


def test_the_month_view_shows_every_modules_entries_but_no_drafts(hangzhou, client_for):
    client = client_for("hangzhou", hangzhou["users"]["clerk"])
    page = client.get(f"/agenda/?date={DAY.isoformat()}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "外事日程" in html  # Chinese first
    for uid in (
        f"conferences:conference:{hangzhou['conference'].pk}",
        f"invitations:invitation:{hangzhou['visit'].pk}",
        f"trips:delegation:{hangzhou['trip'].pk}:departure",
    ):
        assert f'data-uid="{uid}"' in html, uid
    assert "草稿不上日程" not in html
    assert "国际会议" in html and "外宾来访" in html and "团组出访" in html  # kinds by name
    cell = html.split(f'data-date="{DAY.isoformat()}"')[1].split("</td>")[0]
    assert "杭州国际友城大会" in cell


def test_per_leader_per_division_and_the_week_and_day_views(hangzhou, client_for):
    users = hangzhou["users"]
    client = client_for("hangzhou", users["clerk"])
    mine = client.get(f"/agenda/?date={DAY}&person={users['director'].pk}").content.decode()
    assert "杭州国际友城大会" in mine and "赴日经贸考察团" not in mine
    other = client.get(f"/agenda/?date={DAY}&person={users['reviewer'].pk}").content.decode()
    assert "杭州国际友城大会" not in other
    division = client.get(f"/agenda/?date={DAY}&division=protocol").content.decode()
    assert "杭州国际友城大会" in division and "赴日经贸考察团" not in division
    week = client.get(f"/agenda/?view=week&date={DAY}").content.decode()
    assert "赴日经贸考察团" in week and "全天" in week
    day = client.get(f"/agenda/?view=day&date={DAY + datetime.timedelta(days=1)}").content.decode()
    assert "杭州国际友城大会" in day and "赴日经贸考察团" not in day  # the trip departed the day before
    for query in ("view=year", "date=2026-13-45", "person=abc", "date=" + "9" * 500):
        assert client.get(f"/agenda/?{query}").status_code == 200, query
    assert client.get("/agenda/?division=%00").status_code == 400  # NUL bytes: refused everywhere


def test_a_unit_sees_only_its_own_units_entries(hangzhou, client_for):
    with in_city("hangzhou"):
        from tests.factories import UserFactory

        stranger = UserFactory(username="hz_other_unit_cal", role="submitter", unit="nosuch")
    page = client_for("hangzhou", stranger).get(f"/agenda/?date={DAY}").content.decode()
    assert "杭州国际友城大会" not in page and "赴日经贸考察团" not in page


def test_conflicts_the_same_leader_or_venue_in_overlapping_entries(hangzhou, client_for):
    users = hangzhou["users"]
    with in_city("hangzhou"):
        clash = ConferenceFactory(
            users=users,
            data=conference_data(
                start=DAY + datetime.timedelta(days=1),
                title="同日另一会议",
                office_leader=users["director"].pk,
                venue="西湖宾馆",
            ),
            approved=True,
        )
        apart = ConferenceFactory(
            users=users,
            data=conference_data(
                start=DAY + datetime.timedelta(days=10),
                title="十天后会议",
                office_leader=users["director"].pk,
            ),
            approved=True,
        )
        items = selectors.entries(DAY, DAY + datetime.timedelta(days=20))
        found = selectors.conflicts(items)
        pairs = {(c.about, c.first.entry.title, c.second.entry.title) for c in found}
        assert (str(users["director"]), "杭州国际友城大会", "同日另一会议") in pairs
        flagged = {item.entry.title for item in items if item.conflicts}
        assert flagged == {"杭州国际友城大会", "同日另一会议"}
        # the same venue is a resource: the visit and the trip share none
        venue_clash = ConferenceFactory(
            users=users,
            data=conference_data(start=DAY + datetime.timedelta(days=10), title="同场地会议"),
            approved=True,
        )
        items = selectors.entries(DAY, DAY + datetime.timedelta(days=20))
        selectors.conflicts(items)
        by_title = {item.entry.title: item for item in items}
        assert by_title["同场地会议"].conflicts == ["国际会议中心"]
        assert by_title["十天后会议"].conflicts == ["国际会议中心"]
    del clash, apart, venue_clash
    page = client_for("hangzhou", users["clerk"]).get(f"/agenda/?view=week&date={DAY}").content.decode()
    assert 'class="conflict"' in page and "冲突" in page


def _subscribe(client) -> str:
    assert client.post("/agenda/subscription/").status_code == 302
    page = client.get("/agenda/").content.decode()
    url = re.search(r'value="(http[^"]+\.ics)" data-feed-url', page).group(1)
    assert client.get("/agenda/").content.decode().count("data-feed-url") == 0  # shown once
    return url.split("localhost", 1)[1]


def test_the_ics_feed_is_valid_icalendar_with_uids_and_no_personal_data(hangzhou, client_for):
    users = hangzhou["users"]
    submitter = client_for("hangzhou", users["submitter"])  # the unit's own entries
    path = _subscribe(submitter)
    anonymous = client_for("hangzhou")
    response = anonymous.get(path)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "P99887766" not in body and "1961" not in body and "19610719" not in body
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["version"]) == "2.0" and calendar["prodid"]
    events = calendar.walk("VEVENT")
    uids = [str(event["uid"]) for event in events]
    assert len(uids) == len(set(uids))
    assert f"invitations:invitation:{hangzhou['visit'].pk}@hangzhou.localhost" in uids
    assert f"conferences:conference:{hangzhou['conference'].pk}@hangzhou.localhost" in uids
    for event in events:
        assert event["dtstamp"] and event["dtstart"] and event["summary"]
    visit = next(e for e in events if str(e["uid"]).startswith("invitations:"))
    assert visit.decoded("dtstart") == DAY and isinstance(visit.decoded("dtend"), datetime.date)
    # the director's own feed: the conference they attend, not the unit's visit
    director = client_for("hangzhou", users["director"])
    own = Calendar.from_ical(anonymous.get(_subscribe(director)).content)
    assert [str(e["summary"]) for e in own.walk("VEVENT")] == ["【国际会议】杭州国际友城大会"]


def test_the_token_is_stored_hashed_and_a_revoked_or_replaced_token_is_404(hangzhou, client_for):
    users = hangzhou["users"]
    client = client_for("hangzhou", users["clerk"])
    first = _subscribe(client)
    token = first.rsplit("/", 1)[1].removesuffix(".ics")
    with in_city("hangzhou"):
        stored = FeedToken.objects.get(user=users["clerk"], revoked_at__isnull=True)
        assert stored.token_hash == services.token_hash(token) and token not in stored.token_hash
        from apps.audit.models import AuditEntry

        assert not any(
            token in str(entry.after) for entry in AuditEntry.objects.filter(action__startswith="calendar.")
        )
    anonymous = client_for("hangzhou")
    assert anonymous.get(first).status_code == 200
    second = _subscribe(client)
    assert anonymous.get(first).status_code == 404  # replaced
    assert anonymous.get(second).status_code == 200
    assert client.post("/agenda/subscription/", {"revoke": "1"}).status_code == 302
    assert anonymous.get(second).status_code == 404  # revoked
    assert anonymous.get("/agenda/feed/nosuch.ics").status_code == 404
    assert anonymous.get("/agenda/feed/" + "x" * 300 + ".ics").status_code == 404


def test_another_citys_token_or_user_sees_nothing(hangzhou, client_for):
    with in_city("guangzhou"):
        gz = conference_people()
    gz_client = client_for("guangzhou", gz["clerk"])
    path = _subscribe(gz_client)
    anonymous = client_for("hangzhou")
    assert client_for("guangzhou").get(path).status_code == 200
    assert anonymous.get(path).status_code == 404  # Guangzhou's token on Hangzhou's host
    # Guangzhou's signed-in user on Hangzhou's host is no one there
    other = client_for("guangzhou", gz["clerk"])
    answer = other.get(f"/agenda/?date={DAY}", HTTP_HOST="hangzhou.localhost")
    assert answer.status_code in (302, 403, 404) and "杭州国际友城大会" not in answer.content.decode()
    assert other.post("/agenda/subscription/", HTTP_HOST="hangzhou.localhost").status_code in (
        302,
        403,
        404,
    )
    # and Guangzhou's own calendar holds nothing of Hangzhou's
    assert (
        "杭州国际友城大会"
        not in client_for("guangzhou", gz["clerk"]).get(f"/agenda/?date={DAY}").content.decode()
    )


def test_a_city_without_the_module_shows_the_calendar_without_it(db, client_for):
    from apps.registry.modules import enabled_module_ids

    with in_city("guiyang"):
        from django.db import connection

        assert "conferences" not in enabled_module_ids(connection.tenant.profile)
        clerk = conference_people()["clerk"]
    page = client_for("guiyang", clerk).get("/agenda/")
    assert page.status_code == 200 and 'href="/agenda/"' in page.content.decode()


def test_the_feed_follows_changes_and_a_busy_day_links_to_the_rest(hangzhou, client_for):
    users = hangzhou["users"]
    anonymous = client_for("hangzhou")
    path = _subscribe(client_for("hangzhou", users["director"]))
    assert len(Calendar.from_ical(anonymous.get(path).content).walk("VEVENT")) == 1
    with in_city("hangzhou"):
        for n in range(7):
            ConferenceFactory(
                users=users,
                data=conference_data(start=DAY, title=f"同日会议{n}", office_leader=users["director"].pk),
                approved=True,
            )
    assert len(Calendar.from_ical(anonymous.get(path).content).walk("VEVENT")) == 8  # not a stale copy
    page = client_for("hangzhou", users["clerk"]).get(f"/agenda/?date={DAY}").content.decode()
    cell = page.split(f'data-date="{DAY.isoformat()}"')[1].split("</td>")[0]
    assert cell.count('class="calendar-entry') == 6 and "还有" in cell and f"view=day&amp;date={DAY}" in cell


def test_timed_entries_go_out_in_utc_and_all_day_ones_as_dates(db):
    from zoneinfo import ZoneInfo

    from apps.calendar import ics
    from apps.registry.modules import CalendarEntry

    shanghai = ZoneInfo("Asia/Shanghai")
    with in_city("hangzhou"):
        timed = CalendarEntry(
            uid="test:item:1",
            kind="meeting",
            title="会见",
            start=datetime.datetime(2026, 5, 6, 9, 30, tzinfo=shanghai),
            end=datetime.datetime(2026, 5, 6, 11, 0, tzinfo=shanghai),
            people=(1,),
        )
        clash = CalendarEntry(
            uid="test:item:2",
            kind="meeting",
            title="宴请",
            start=datetime.datetime(2026, 5, 6, 10, 30, tzinfo=shanghai),
            end=datetime.datetime(2026, 5, 6, 12, 0, tzinfo=shanghai),
            people=(1,),
        )
        tz = selectors.zone()
        items = [selectors.Item(e, "test", "会见", *selectors._span(e, tz)) for e in (timed, clash)]
        assert len(selectors.conflicts(items)) == 1
        body = ics.feed(items, name="test", base_url="https://hangzhou.localhost")
    event = Calendar.from_ical(body).walk("VEVENT")[0]
    assert b"DTSTART:20260506T013000Z" in body  # 09:30 in Shanghai
    assert event.decoded("dtstart") == datetime.datetime(2026, 5, 6, 1, 30, tzinfo=datetime.UTC)
    assert str(event["uid"]) == "test:item:1@hangzhou.localhost" and event["dtstamp"]
