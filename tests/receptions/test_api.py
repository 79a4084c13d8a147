"""The receptions API end to end: a visit from its guest list to its seating, gifts and
summary; the reception level and the approval chain; bad input as field errors with
nothing saved; isolation across cities and units; registrations reviewed by the office."""

import json

import pytest
from django.test import Client

from apps.audit.models import AuditEntry
from apps.receptions.models import Gift, ProgrammeItem, Seat, Visit
from tests.conftest import in_city
from tests.factories import PASSWORD, UserFactory
from tests.receptions.helpers import VisitFactory, at, people, visit_data

API = "/api/v1/receptions/visits/"


def api_client(code: str, user) -> Client:
    client = Client(HTTP_HOST=f"{code}.localhost")
    token = client.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}).json()[
        "token"
    ]
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return client


def post(client, path, data):
    return client.post(path, json.dumps(data, default=str), content_type="application/json")


@pytest.fixture
def hangzhou(db):
    with in_city("hangzhou"):
        return people()


def approve_through_api(users, url):
    while True:
        current = api_client("hangzhou", users["clerk"]).get(url).json()["case"]
        if current["state"] != "in_review":
            return current
        approver = api_client("hangzhou", users[current["awaiting_role"]])
        response = post(approver, f"{url}approve/", {"version": current["version"], "comment": "同意"})
        assert response.status_code == 200, response.content


def test_a_clerk_takes_a_visit_from_guests_to_summary(hangzhou):
    users = hangzhou
    clerk = api_client("hangzhou", users["clerk"])
    with in_city("hangzhou"):
        payload = visit_data()
    created = post(clerk, API, payload)
    assert created.status_code == 201, created.content
    body = created.json()
    url = f"{API}{body['id']}/"
    people_ = {p["name_zh"]: p for p in body["participants"]}
    assert people_["田中一郎"]["precedence"] == 1 and people_["王建国"]["precedence"] == 1

    day = payload["arrival"]
    everyone = [p["id"] for p in body["participants"]]
    item = {
        "kind": "meeting",
        "title": "会见",
        "start": at(day, 10),
        "end": at(day, 11),
        "participants": everyone,
    }
    assert post(clerk, f"{url}add_item/", item).status_code == 200
    # The clerk puts the second guest first: recorded with the old order.
    guests = [
        p["id"]
        for p in sorted(body["participants"], key=lambda p: p["precedence"] or 99)
        if p["side"] == "guest"
    ]
    reordered = post(clerk, f"{url}reorder/", {"side": "guest", "order": list(reversed(guests))})
    assert reordered.status_code == 200, reordered.content
    first = next(p for p in reordered.json()["participants"] if p["side"] == "guest" and p["precedence"] == 1)
    assert first["name_zh"] == "铃木花子"
    with in_city("hangzhou"):
        entry = AuditEntry.objects.filter(action="receptions.reorder").latest("pk")
        assert entry.before["order"][0].startswith("田中一郎") and entry.after["order"][0].startswith(
            "铃木花子"
        )

    seated = post(clerk, f"{url}seating/", {"kind": "banquet", "title": "欢迎宴会"})
    assert seated.status_code == 200, seated.content
    seating = seated.json()["seatings"][0]
    seats = {(s["table"], s["seat"]): s["participant"] for s in seating["seats"] if s["place"] == "seat"}
    hosts_by_name = {p["name_zh"]: p["id"] for p in body["participants"]}
    assert seats[(1, 1)] == hosts_by_name["王建国"] and seats[(1, 2)] == hosts_by_name["铃木花子"]

    version = clerk.get(url).json()["case"]["version"]
    submitted = post(clerk, f"{url}submit/", {"version": version})
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["plan_number"]
    assert approve_through_api(users, url)["state"] == "approved"

    given = {
        "direction": "given",
        "item": "丝绸画卷",
        "value": "800",
        "approved_by": "李红",
        "counterpart": "田中一郎",
    }
    assert post(clerk, f"{url}add_gift/", given).status_code == 200
    version = clerk.get(url).json()["case"]["version"]
    done = post(
        clerk,
        f"{url}complete/",
        {
            "version": version,
            "summary": "圆满成功",
            "actual_cost": "45000",
            "follow_ups": [
                {"kind": "sister_city", "title": "友城请示", "due": payload["departure"].replace(year=2099)}
            ],
        },
    )
    assert done.status_code == 200, done.content
    assert done.json()["case"]["state"] == "completed" and done.json()["follow_ups"][0]["title"] == "友城请示"
    with in_city("hangzhou"):
        from apps.reporting.models import MonthlyFigure

        metrics = set(
            MonthlyFigure.objects.filter(metric__startswith="receptions.").values_list("metric", flat=True)
        )
    assert {
        "receptions.visits",
        "receptions.guests",
        "receptions.by_country",
        "receptions.by_level",
    } <= metrics


def test_a_level_above_the_table_needs_a_reason_and_goes_to_the_director(hangzhou):
    users = hangzhou
    clerk = api_client("hangzhou", users["clerk"])
    with in_city("hangzhou"):
        payload = visit_data(meets_level="party_secretary")  # the table: the mayor meets a mayor
    refused = post(clerk, API, payload)
    assert refused.status_code == 400 and "level_reason" in refused.json()["fields"]
    payload["level_reason"] = "友城结好三十周年"
    created = post(clerk, API, payload).json()
    url = f"{API}{created['id']}/"
    submitted = post(clerk, f"{url}submit/", {"version": created["case"]["version"]}).json()
    assert submitted["case"]["chain"] == ["reviewer", "division_head", "director"]
    with in_city("hangzhou"):
        plain = VisitFactory(users=users, submitted=True)
        assert plain.case.chain == ["reviewer", "division_head"]


def test_a_head_of_state_goes_up_to_the_province(hangzhou):
    with in_city("hangzhou"):
        visit = VisitFactory(users=hangzhou, escalated=True)
        assert visit.case.state == "escalated"
        from apps.reporting.models import EscalatedCase

        escalated = EscalatedCase.objects.get(case_id=visit.case_id)
        assert "田中一郎 TANAKA Ichiro" in json.dumps(escalated.summary, ensure_ascii=False)


def test_bad_input_is_a_field_error_and_saves_nothing(hangzhou):
    users = hangzhou
    clerk = api_client("hangzhou", users["clerk"])
    with in_city("hangzhou"):
        payload = visit_data()
        payload["guests"][0]["protocol_rank"] = ""
        visit = VisitFactory(users=users, approved=True)
        seating_people = [p.pk for p in visit.participants.all()][:2]
    no_rank = post(clerk, API, payload)
    assert no_rank.status_code == 400 and "guests[0].protocol_rank" in no_rank.json()["fields"]
    url = f"{API}{visit.pk}/"
    backwards = {
        "kind": "meeting",
        "title": "会见",
        "start": at(visit.arrival, 11),
        "end": at(visit.arrival, 10),
    }
    response = post(clerk, f"{url}add_item/", backwards)
    assert response.status_code == 400 and "end" in response.json()["fields"]
    negative = post(
        clerk, f"{url}add_gift/", {"direction": "given", "item": "茶", "value": "-1", "approved_by": "李红"}
    )
    assert negative.status_code == 400 and "value" in negative.json()["fields"]
    seating = post(clerk, f"{url}seating/", {"kind": "face_to_face", "title": "会谈"}).json()["seatings"][0]
    twice = [{"table": 1, "seat": 1, "participant": pk} for pk in seating_people]
    response = post(clerk, f"{url}set_seats/", {"seating": seating["id"], "seats": twice})
    assert response.status_code == 400 and "seats[1].seat" in response.json()["fields"]
    same_person = [{"table": 1, "seat": n, "participant": seating_people[0]} for n in (1, 2)]
    response = post(clerk, f"{url}set_seats/", {"seating": seating["id"], "seats": same_person})
    assert response.status_code == 400 and "seats[1].participant" in response.json()["fields"]
    with in_city("hangzhou"):
        assert Visit.objects.count() == 1
        assert not ProgrammeItem.objects.exists() and not Gift.objects.exists()
        assert Seat.objects.filter(seating_id=seating["id"]).count() == len(seating["seats"])


def test_conflicts_are_flagged_on_the_programme(hangzhou):
    users = hangzhou
    clerk = api_client("hangzhou", users["clerk"])
    with in_city("hangzhou"):
        one = VisitFactory(users=users)
        two = VisitFactory(users=users, data=visit_data(title="第二个代表团"))
    mayor_one = next(
        p["id"] for p in clerk.get(f"{API}{one.pk}/").json()["participants"] if p["name_zh"] == "王建国"
    )
    mayor_two = next(
        p["id"] for p in clerk.get(f"{API}{two.pk}/").json()["participants"] if p["name_zh"] == "王建国"
    )
    day = one.arrival
    base = {"kind": "meeting", "title": "会见", "start": at(day, 10), "end": at(day, 11)}
    post(clerk, f"{API}{one.pk}/add_item/", {**base, "venue": "会见厅", "participants": [mayor_one]})
    post(clerk, f"{API}{two.pk}/add_item/", {**base, "venue": "宴会厅", "participants": [mayor_two]})
    late = {
        **base,
        "start": at(day.replace(year=day.year + 1), 9),
        "end": at(day.replace(year=day.year + 1), 10),
    }
    post(clerk, f"{API}{two.pk}/add_item/", {**late, "venue": "会见厅"})
    conflicts = clerk.get(f"{API}{two.pk}/").json()["conflicts"]
    kinds = sorted(c["kind"] for found in conflicts.values() for c in found)
    assert kinds == ["dates", "person"]
    first = clerk.get(f"{API}{one.pk}/").json()["conflicts"]
    assert [c["kind"] for found in first.values() for c in found] == ["person"]


def test_isolation_another_city_and_another_unit_see_nothing(hangzhou):
    with in_city("hangzhou"):
        visit = VisitFactory(users=hangzhou, data=visit_data(unit_code="shangcheng_district"))
        seating_id = None
    with in_city("quzhou"):
        quzhou_clerk = people()["clerk"]
    foreign = api_client("quzhou", quzhou_clerk)
    assert foreign.get(f"{API}{visit.pk}/").status_code == 404
    assert post(foreign, f"{API}{visit.pk}/add_item/", {}).status_code == 404
    assert foreign.get(API).json()["count"] == 0
    web = Client(HTTP_HOST="quzhou.localhost")
    web.post("/accounts/sign-in/", {"username": quzhou_clerk.username, "password": PASSWORD})
    paths = ["/", "/print/programme.pdf", "/items/new/", f"/seating/{seating_id or 1}/chart.pdf"]
    for path in (f"/receptions/{visit.pk}{tail}" for tail in paths):
        assert web.get(path).status_code == 404, path
    # A submitter of another unit of the same city sees nothing of it.
    with in_city("hangzhou"):
        other_unit = UserFactory(username="hz_other_unit", role="submitter", unit="xihu_district")
    assert api_client("hangzhou", other_unit).get(f"{API}{visit.pk}/").status_code == 404


def test_a_department_registers_its_reception_and_the_office_reviews_it(hangzhou):
    users = hangzhou
    unit = api_client("hangzhou", users["submitter"])
    data = {"title": "企业考察团", "purpose": "考察", "arrival": "2030-05-01", "departure": "2030-05-03",
            "country": "us", "chief_guest": "John DOE，总裁", "protocol_rank": "senior_official", "guests": 4,
            "host": "区长", "programme": "座谈", "budget": "5000", "contact": "刘洋 12345"}  # fmt: skip
    bad = post(unit, "/api/v1/receptions/registrations/", {**data, "departure": "2030-04-01"})
    assert bad.status_code == 400 and "departure" in bad.json()["fields"]
    created = post(unit, "/api/v1/receptions/registrations/", data)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["unit_code"] == users["submitter"].unit
    url = f"/api/v1/receptions/registrations/{body['id']}/"
    assert post(unit, f"{url}submit/", {"version": body["case"]["version"]}).status_code == 200
    reviewer = api_client("hangzhou", users["reviewer"])
    version = reviewer.get(url).json()["case"]["version"]
    reviewed = post(reviewer, f"{url}approve/", {"version": version, "comment": "请注意外事纪律。"})
    assert reviewed.status_code == 200 and reviewed.json()["case"]["state"] == "reviewed"


def test_the_province_sees_the_figures_and_decides_a_visit_that_goes_up(hangzhou):
    from apps.reporting.models import EscalatedCase
    from tests.test_module_kit import reviewer_client

    with in_city("hangzhou"):
        VisitFactory(users=hangzhou, approved=True)
        high = VisitFactory(users=hangzhou, escalated=True, data=visit_data(title="国家元首访问"))
    escalation = EscalatedCase.objects.get(city__code="hangzhou", case_id=high.case_id)
    client = reviewer_client("zhejiang")
    page = client.get("/").content.decode()
    assert 'data-module="receptions"' in page and "接待来访团组" in page
    assert 'data-figure="receptions.visits">1<' in page and "日本" in page
    shown = client.get(f"/queue/{escalation.pk}/").content.decode()
    assert "国家元首" in shown and "TANAKA Ichiro" in shown
    decided = client.post(f"/queue/{escalation.pk}/", {"decision": "approve", "comment": "同意"})
    assert decided.status_code in (200, 302)
    with in_city("hangzhou"):
        high = Visit.objects.select_related("case").get(pk=high.pk)
        assert high.case.state == "approved"
    assert 'data-figure="receptions.visits">2<' in client.get("/").content.decode()
