"""The protocol planner (order of precedence, seating), the reception level table from the
profile, the calendar entries, guests taken from the invitations' register, reminders and
demo data."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.receptions import levels, planner, services
from apps.receptions.models import Visit
from apps.registry.modules import people_lookup, registry
from tests.conftest import in_city
from tests.receptions.helpers import VisitFactory, item_data, people, visit_data


@dataclass
class P:
    pk: int
    side: str
    name_en: str = ""
    name_zh: str = ""
    protocol_rank: str = ""
    rank: str = ""
    took_office: datetime.date | None = None
    role: str = "member"
    order: int = 0
    precedence: int | None = None


def test_precedence_by_rank_then_time_in_office_then_name():
    guests = [
        P(1, "guest", "ZED Anna", protocol_rank="minister", took_office=datetime.date(2020, 1, 1)),
        P(2, "guest", "ADAMS Bob", protocol_rank="minister", took_office=datetime.date(2020, 1, 1)),
        P(3, "guest", "OLD Carl", protocol_rank="minister", took_office=datetime.date(2015, 1, 1)),
        P(4, "guest", "HEAD State", protocol_rank="head_of_state"),
        P(5, "guest", "NO Rank"),
        P(6, "guest", "TRANS Lator", protocol_rank="head_of_state", role="interpreter"),
    ]
    assert [p.pk for p in planner.order_of_precedence(guests)] == [4, 3, 2, 1, 5]
    hosts = [P(7, "host", rank="department"), P(8, "host", rank="provincial")]
    assert [p.pk for p in planner.order_of_precedence(hosts)] == [8, 7]


def test_a_banquet_alternates_sides_round_each_table():
    hosts = [P(i, "host", f"H{i}", rank="department", order=i) for i in range(1, 6)]
    guests = [P(100 + i, "guest", f"G{i:02d}", protocol_rank="official", order=i) for i in range(1, 16)]
    interpreters = [P(200, "host", "I1", role="interpreter"), P(201, "guest", "I2", role="interpreter")]
    places = planner.generate("banquet", hosts + guests + interpreters, per_table=10)
    at_table = [p for p in places if p.place == "seat"]
    assert len(at_table) == 20 and len({(p.table, p.seat) for p in at_table}) == 20
    assert len({p.person.pk for p in places}) == len(places)
    main = {p.seat: p.person for p in at_table if p.table == 1}
    assert main[1].name_en == "H1" and main[2].name_en == "G01" and main[10].name_en == "G02"
    assert main[3].side == "host" and main[4].side == "guest"  # alternating round the table
    second = {p.seat: p.person for p in at_table if p.table == 2}
    assert second[1].name_en == "H2"  # each table has a host
    behind = {(p.table, p.seat): p.person.name_en for p in places if p.place == "behind"}
    assert behind == {(1, 1): "I1", (1, 2): "I2"}


def test_talks_face_to_face_put_the_interpreter_on_the_principals_right():
    hosts = [P(1, "host", "H1", rank="provincial"), P(2, "host", "H2", rank="department")]
    guests = [P(3, "guest", "G1", protocol_rank="minister"), P(4, "guest", "G2", protocol_rank="official")]
    places = planner.generate("face_to_face", [*hosts, *guests, P(5, "host", "I", role="interpreter")])
    host_row = {p.seat: p.person.name_en for p in places if p.table == 1}
    assert host_row == {1: "H1", 2: "I", 3: "H2"}
    assert [s.seat for s in planner.physical_row([p for p in places if p.table == 1])] == [3, 1, 2]
    side = planner.generate("side_by_side", [*hosts, *guests, P(5, "host", "I", role="interpreter")])
    assert any(p.place == "behind" and p.person.name_en == "I" for p in side)


def test_three_hundred_guests_are_seated_once_each():
    guests = [P(i, "guest", f"G{i:03d}", protocol_rank="official") for i in range(300)]
    hosts = [P(1000 + i, "host", f"H{i:02d}", rank="division") for i in range(30)]
    places = planner.generate("banquet", guests + hosts, per_table=12)
    assert len(places) == 330
    assert len({(p.table, p.seat, p.place) for p in places}) == 330
    assert all(p.seat <= 12 for p in places)


@pytest.fixture
def hangzhou(db):
    with in_city("hangzhou"):
        return people()


def test_the_level_table_is_the_citys_own(hangzhou, reprofile):
    with in_city("hangzhou"):
        assert levels.for_rank("consul_general")["meets"] == "vice_mayor"

    def change(data):
        data["modules"]["receptions"] = {"reception_levels": {"consul_general": {"meets": "fao_director"}}}

    reprofile("hangzhou", change)
    with in_city("hangzhou"):
        row = levels.for_rank("consul_general")
        assert row == {"meets": "fao_director", "banquet": "fao_director", "sees_off": "fao_deputy"}
        assert levels.above_table("consul_general", {"meets": "vice_mayor"}) == ["meets"]


def test_programme_items_and_visits_are_on_the_calendar(hangzhou):
    with in_city("hangzhou"):
        data = visit_data()
        data["hosts"][0]["user"] = hangzhou["director"].pk
        visit = VisitFactory(users=hangzhou, data=data)
        services.save_item(actor=hangzhou["clerk"], record=visit, data=item_data(visit))
        module = registry.get("receptions")
        entries = list(module.calendar_entries(visit.arrival, visit.departure + datetime.timedelta(days=1)))
        kinds = sorted(e.kind for e in entries)
        assert kinds == ["reception_item", "reception_visit"]
        item = next(e for e in entries if e.kind == "reception_item")
        assert item.people == (hangzhou["director"].pk,)
        assert "venue:市政府会见厅" in item.resources
        assert set(module.calendar_kinds) == {"reception_item", "reception_visit"}
        outside = module.calendar_entries(
            visit.departure + datetime.timedelta(days=5), visit.departure + datetime.timedelta(days=9)
        )
        assert list(outside) == []


def test_a_guest_is_taken_from_the_register_of_invited_visitors(hangzhou):
    from tests.invitations.helpers import InvitationFactory
    from tests.invitations.helpers import people as invitation_people

    with in_city("hangzhou"):
        invitation = InvitationFactory(users=invitation_people(), issued=True)
        invitee = invitation.invitees.get()
        found = people_lookup(hangzhou["clerk"], "mueller")
        assert [p["ref"] for p in found] == [f"invitations:invitee:{invitee.pk}"]
        assert "passport" not in " ".join(found[0])
        visit = VisitFactory(users=hangzhou)
        services.add_guest(
            actor=hangzhou["clerk"], record=visit, data={"ref": found[0]["ref"], "protocol_rank": "official"}
        )
        guest = visit.participants.get(source=found[0]["ref"])
        assert guest.name_en == "MUELLER ANNA" and guest.country == "DE"
        with pytest.raises(ValidationError, match="ref"):
            services.add_guest(actor=hangzhou["clerk"], record=visit, data={"ref": found[0]["ref"]})


def test_reminders_for_summaries_gifts_and_follow_ups(hangzhou):
    from apps.receptions import reminders

    with in_city("hangzhou"):
        visit = VisitFactory(users=hangzhou, approved=True)
        services.add_gift(
            actor=hangzhou["clerk"],
            record=visit,
            data={"direction": "received", "item": "银盘", "value": Decimal("999"), "counterpart": "市长"},
        )
        later = visit.departure + datetime.timedelta(days=30)
        kinds = sorted(r.kind for r in reminders.due_reminders(later))
        assert kinds == ["receptions.gift_hand_in", "receptions.summary_due"]


def test_demo_data_in_every_state(hangzhou):
    with in_city("hangzhou"):
        for role in ("submitter", "clerk", "reviewer", "division_head", "director"):
            user = hangzhou[role]
            user.username = role
            user.save()
        assert registry.get("receptions").ensure_demo()
        states = set(Visit.objects.values_list("case__state", flat=True))
        assert {
            "draft",
            "in_review",
            "returned",
            "escalated",
            "approved",
            "completed",
            "rejected",
            "withdrawn",
        } <= states
        assert registry.get("receptions").ensure_demo() == []


def test_follow_ups_and_summaries_due_wait_for_their_people(hangzhou):
    with in_city("hangzhou"):
        past = visit_data(start=datetime.date.today() - datetime.timedelta(days=10))
        visit = VisitFactory(users=hangzhou, data=past, approved=True)
        module = registry.get("receptions")
        assert [w.title for w in module.waiting_for(hangzhou["clerk"])] == [visit.title]
        services.complete(
            actor=hangzhou["clerk"],
            record=visit,
            data={
                "summary": "圆满",
                "follow_ups": [{"kind": "return_visit", "title": "回访", "due": datetime.date.today()}],
                "version": visit.case.version,
            },
        )
        waiting = module.waiting_for(hangzhou["clerk"])
        assert [w.task for w in waiting] == ["后续事项：回访"]
        assert module.waiting_for(hangzhou["auditor"]) == []


def test_the_head_of_the_delegation_leads_the_guests_whatever_the_ranks():
    guests = [
        P(1, "guest", "TAN Chee Meng", protocol_rank="senior_official", order=0),
        P(2, "guest", "LIM Mei Ling", protocol_rank="senior_official", order=1),
        P(3, "guest", "ABE Ken", protocol_rank="minister", order=2),
    ]
    assert [p.pk for p in planner.order_of_precedence(guests)] == [1, 3, 2]
