"""An approved conference plans its VIP programme with the protocol planner (issue 9): the
clerk starts a draft reception plan from the conference page; its guests are the heads of
delegation, ranked by protocol (对等), on the conference's dates. Not before approval, and not
in a city whose profile has no module that plans programmes."""

from __future__ import annotations

from apps.conferences.models import Conference
from tests.conferences.helpers import ConferenceFactory, conference_data, people
from tests.conftest import in_city


def test_an_approved_conference_starts_its_vip_programme_as_a_reception_plan(client_for):
    from apps.receptions.models import Visit

    with in_city("guangzhou"):
        users = people()
        heads = [
            {"name": "Maria Schmidt", "country": "DE", "title": "State secretary", "rank": "department"},
            {"name": "John Smith", "country": "GB", "title": "Lord Mayor", "rank": "deputy_department"},
        ]  # fmt: skip
        countries = [{"country": "DE", "participants": 10}, {"country": "GB", "participants": 8}]
        data = conference_data(heads=heads, countries=countries)
        conference = ConferenceFactory(users=users, approved=True, data=data)
        heads = list(conference.heads.all())
        draft = ConferenceFactory(users=users)
    client = client_for("guangzhou", users["clerk"])
    page = client.get(f"/conferences/{conference.pk}/").content.decode()
    assert f"/conferences/{conference.pk}/programme/" in page
    assert (
        f"/conferences/{draft.pk}/programme/" not in client.get(f"/conferences/{draft.pk}/").content.decode()
    )
    assert client.post(f"/conferences/{draft.pk}/programme/").status_code == 404

    response = client.post(f"/conferences/{conference.pk}/programme/")
    assert response.status_code == 302 and response["Location"].startswith("/receptions/")
    with in_city("guangzhou"):
        visit = Visit.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))
        guests = list(visit.side("guest"))
        assert [g.name_zh for g in guests] == [h.name for h in heads] and heads
        assert visit.arrival == Conference.objects.get(pk=conference.pk).start
        assert all(g.protocol_rank for g in guests)
    assert "贵宾接待" in client.get(response["Location"]).content.decode()
