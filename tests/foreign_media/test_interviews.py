"""Foreign media end to end: an interview request registered by the office, the
interviewee's unit's consent (its own submitter), the office's chain, the arrangement and
the articles published afterwards; the register of journalists; bad input (a journalist
without an outlet) as clear field errors with nothing saved; pages; isolation; figures;
the demo in every state in every city."""

import datetime
import json

import pytest
from django.test import Client

from apps.audit.models import AuditEntry
from apps.casework.models import Case
from apps.foreign_media.models import InterviewRequest, Journalist
from apps.foreign_media.workflow import STATES
from apps.partners.models import PartnerLink, Person
from apps.reporting.models import MonthlyFigure
from tenants.demo import ensure_demo_data
from tenants.models import City
from tests.conftest import CITY_CODES, in_city
from tests.factories import PASSWORD
from tests.foreign_media.helpers import InterviewFactory, arrangement, interview_data, outlet, people

API = "/api/v1/foreign_media/interviews/"
TODAY = datetime.date.today()


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
def quzhou(db):
    with in_city("quzhou"):
        return people()


def test_an_interview_goes_from_request_through_consent_and_the_chain_to_its_article(quzhou):
    users = quzhou
    clerk = api_client("quzhou", users["clerk"])
    with in_city("quzhou"):
        payload = interview_data(start=TODAY - datetime.timedelta(days=5))
    created = post(clerk, API, payload)
    assert created.status_code == 201, created.content
    body = created.json()
    assert (
        body["journalist"]["press_card_number"] == "J2-DE-1"
        and body["outlet_name"] == "德国之声 (Deutsche Welle)"
    )
    url = f"{API}{body['id']}/"
    asked = post(clerk, f"{url}request_consent/", {"version": body["case"]["version"]})
    assert asked.json()["case"]["state"] == "awaiting_consent"
    # The office cannot answer for the unit; the unit's own submitter does.
    assert post(clerk, f"{url}consent/", {"version": asked.json()["case"]["version"]}).status_code == 403
    unit = api_client("quzhou", users["submitter"])
    consented = post(unit, f"{url}consent/", {"version": asked.json()["case"]["version"]})
    assert consented.status_code == 200, consented.content
    assert consented.json()["case"]["state"] == "in_review"
    assert consented.json()["consent_by"] == users["submitter"].username
    for role in ["reviewer", "division_head"]:
        approver = api_client("quzhou", users[role])
        current = approver.get(url).json()
        assert post(approver, f"{url}approve/", {"version": current["case"]["version"]}).status_code == 200
    approved = clerk.get(url).json()
    assert approved["case"]["state"] == "approved"
    arranged = post(
        clerk,
        f"{url}arrange/",
        {
            "version": approved["case"]["version"],
            "held_on": payload["start"],
            "place": "区政府",
            "escort": "张伟",
            "interpreter": "李娜",
        },
    )
    assert arranged.status_code == 200, arranged.content
    assert arranged.json()["case"]["state"] == "arranged" and arranged.json()["interpreter"] == "李娜"
    article = {
        "title": "Green city",
        "url": "https://news.example.org/a",
        "published_on": TODAY,
        "tone": "positive",
    }
    recorded = post(clerk, f"{url}record_article/", article)
    assert recorded.status_code == 200, recorded.content
    twice = post(clerk, f"{url}record_article/", article)
    assert twice.status_code == 400 and "url" in twice.json()["fields"]
    done = post(clerk, f"{url}complete/", {"version": recorded.json()["case"]["version"]})
    assert done.json()["case"]["state"] == "done"
    assert [a["tone"] for a in done.json()["articles"]] == ["positive"]
    with in_city("quzhou"):
        link = PartnerLink.objects.get(module="foreign_media", record_ref=str(body["id"]))
        assert link.kind == "interview" and link.partner.name_en == "Deutsche Welle"
        assert Person.objects.filter(partner=link.partner, name_latin="SCHMIDT JONAS").exists()
        actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "foreign_media.create",
        "foreign_media.arrange",
        "foreign_media.article",
        "foreign_media.journalist",
    } <= actions


def test_the_unit_may_decline_with_a_reason(quzhou):
    users = quzhou
    with in_city("quzhou"):
        interview = InterviewFactory(users=users)
    clerk = api_client("quzhou", users["clerk"])
    url = f"{API}{interview.pk}/"
    asked = post(clerk, f"{url}request_consent/", {"version": interview.case.version}).json()
    unit = api_client("quzhou", users["submitter"])
    bare = post(unit, f"{url}decline/", {"version": asked["case"]["version"]})
    assert bare.status_code == 400 and "comment" in bare.json()["fields"]
    declined = post(unit, f"{url}decline/", {"version": asked["case"]["version"], "comment": "领导另有安排"})
    assert declined.json()["case"]["state"] == "declined_by_unit"


def test_a_journalist_without_an_outlet_is_a_clear_error_and_nothing_is_saved(quzhou):
    users = quzhou
    clerk = api_client("quzhou", users["clerk"])
    with in_city("quzhou"):
        payload = interview_data(outlet=None)
        city_partner = outlet("Quzhou Twin City", kind="city", name_zh="友城")
    missing = post(clerk, API, payload)
    assert missing.status_code == 400
    assert (
        "outlet" in missing.json()["fields"]
        and "记者须隶属于媒体机构" in missing.json()["fields"]["outlet"][0]
    )
    not_media = post(clerk, API, {**payload, "outlet": city_partner.pk})
    assert not_media.status_code == 400 and "outlet" in not_media.json()["fields"]
    register = post(
        clerk,
        "/api/v1/foreign_media/journalists/",
        {"name_latin": "X", "nationality": "DE", "press_card_kind": "resident", "press_card_number": "Z1"},
    )
    assert register.status_code == 400 and "outlet" in register.json()["fields"]
    with in_city("quzhou"):
        assert not InterviewRequest.objects.exists() and not Journalist.objects.exists()
        assert not Case.objects.exists()


def test_other_bad_input_is_a_field_error(quzhou):
    users = quzhou
    clerk = api_client("quzhou", users["clerk"])
    with in_city("quzhou"):
        payload = interview_data()
        other = outlet("NHK", name_zh="日本广播协会", country="JP")
    backwards = post(clerk, API, {**payload, "end": payload["start"] - datetime.timedelta(days=1)})
    assert backwards.status_code == 400 and "end" in backwards.json()["fields"]
    nonsense = post(clerk, API, {**payload, "journalist_nationality": "QQ", "kind": "x", "start": "soon"})
    assert {"journalist_nationality", "kind", "start"} <= set(nonsense.json()["fields"])
    assert post(clerk, API, payload).status_code == 201
    # One press card, one outlet: the same card under another outlet is refused on its field.
    moved = post(clerk, API, {**payload, "outlet": other.pk})
    assert moved.status_code == 400 and "journalist_press_card_number" in moved.json()["fields"]
    with in_city("quzhou"):
        interview = InterviewFactory(
            users=users, approved=True, data=interview_data(journalist_press_card_number="J2-DE-2")
        )
    outside = post(
        clerk,
        f"{API}{interview.pk}/arrange/",
        {
            "version": interview.case.version,
            **arrangement(interview, held_on=interview.end + datetime.timedelta(days=9)),
        },
    )
    assert outside.status_code == 400 and "held_on" in outside.json()["fields"]
    with in_city("quzhou"):
        assert InterviewRequest.objects.get(pk=interview.pk).case.state == "approved"


def test_the_register_lists_journalists_with_their_visits(quzhou):
    users = quzhou
    with in_city("quzhou"):
        InterviewFactory(users=users, issued=True)
        InterviewFactory(users=users, data=interview_data(topic="第二次采访"))
    clerk = api_client("quzhou", users["clerk"])
    rows = clerk.get("/api/v1/foreign_media/journalists/?q=schmidt").json()["results"]
    assert [(r["name_latin"], r["interview_count"]) for r in rows] == [("SCHMIDT JONAS", 2)]
    assert (
        api_client("quzhou", users["submitter"]).get("/api/v1/foreign_media/journalists/").status_code == 403
    )
    made = post(
        clerk,
        "/api/v1/foreign_media/journalists/outlet/",
        {"name_zh": "美联社", "name_en": "AP", "country": "US"},
    )
    assert made.status_code == 201
    added = post(
        clerk,
        "/api/v1/foreign_media/journalists/",
        {
            "outlet": made.json()["id"],
            "name_latin": "doe  jane",
            "nationality": "us",
            "press_card_kind": "resident",
            "press_card_number": "rc-us-1",
            "accredited_until": TODAY,
        },
    )
    assert added.status_code == 201, added.content
    assert added.json()["name_latin"] == "DOE JANE" and added.json()["press_card_number"] == "RC-US-1"


def test_the_unit_sees_only_its_own_requests_and_what_waits_for_it(quzhou, client_for):
    users = quzhou
    with in_city("quzhou"):
        units = [u["code"] for u in City.offices.get(code="quzhou").profile["submitting_units"]]
        mine = InterviewFactory(users=users)
        theirs = InterviewFactory(
            users=users, data=interview_data(unit_code=units[1], journalist_press_card_number="J2-X")
        )
        from apps.casework import services as casework

        casework.perform(case=mine.case, name="request_consent", actor=users["clerk"])
    unit = client_for("quzhou", users["submitter"])
    assert unit.get(f"/foreign_media/{mine.pk}/").status_code == 200
    assert unit.get(f"/foreign_media/{theirs.pk}/").status_code == 404
    assert unit.get("/foreign_media/journalists/").status_code == 403
    with in_city("quzhou"):
        from apps.registry.modules import registry

        waiting = registry.get("foreign_media").waiting_for(users["submitter"])
    assert [w.url for w in waiting] == [f"/foreign_media/{mine.pk}/"]


def test_the_pages_register_a_request_and_record_an_article(quzhou, client_for):
    users = quzhou
    with in_city("quzhou"):
        payload = interview_data()
    form = {k: ("" if v is None else str(v)) for k, v in payload.items()}
    clerk = client_for("quzhou", users["clerk"])
    page = clerk.get("/foreign_media/new/").content.decode()
    assert "德国之声 (Deutsche Welle)" in page
    bad = clerk.post("/foreign_media/new/", {**form, "outlet": ""})
    assert bad.status_code == 400 and "is-invalid" in bad.content.decode()
    assert "记者须隶属于媒体机构" in bad.content.decode()
    created = clerk.post("/foreign_media/new/", form)
    assert created.status_code == 302, created.content.decode()[:3000]
    detail = created["Location"]
    assert 'data-action="request_consent"' in clerk.get(detail).content.decode()
    with in_city("quzhou"):
        interview = InterviewRequest.objects.get()
        interview = InterviewFactory._meta.model.objects.select_related("case").get(pk=interview.pk)
    listing = clerk.get("/foreign_media/?q=schmidt").content.decode()
    assert "绿色低碳发展" in listing


def test_approval_and_articles_count_for_the_province(quzhou):
    with in_city("quzhou"):
        past = interview_data(start=TODAY - datetime.timedelta(days=5))
        interview = InterviewFactory(users=quzhou, issued=True, data=past)
        from apps.foreign_media import services

        services.record_article(
            actor=quzhou["clerk"],
            record=interview,
            data={"title": "t", "url": "https://e.org/1", "published_on": TODAY, "tone": "negative"},
        )
    figures = {
        (f.metric, f.key): f.value
        for f in MonthlyFigure.objects.filter(
            city=City.offices.get(code="quzhou"), metric__startswith="foreign_media."
        )
    }
    assert figures[("foreign_media.interviews", "")] == 1
    assert figures[("foreign_media.by_country", "DE")] == 1
    assert figures[("foreign_media.articles", "negative")] == 1


def test_another_citys_users_never_see_the_requests(quzhou, city_user, client_for):
    with in_city("quzhou"):
        interview = InterviewFactory(users=quzhou, issued=True)
    stranger = city_user("hangzhou", username="hz_media_stranger", role="auditor")
    client = client_for("hangzhou", stranger)
    for path in (f"/foreign_media/{interview.pk}/", f"{API}{interview.pk}/"):
        response = client.get(path)
        assert response.status_code == 404 and "SCHMIDT" not in response.content.decode()
    assert "SCHMIDT" not in client.get("/api/v1/foreign_media/journalists/").content.decode()


def test_the_demo_has_every_state_in_every_city_and_a_second_run_adds_nothing(db):
    ensure_demo_data()
    counts = {}
    for code in CITY_CODES:
        with in_city(code):
            counts[code] = InterviewRequest.objects.count()
            states = set(InterviewRequest.objects.values_list("case__state", flat=True))
            # No city's chain sends an interview to the province.
            assert states == set(STATES) - {"escalated"}, code
            assert InterviewRequest.objects.filter(articles__tone="mixed").exists()
    ensure_demo_data()
    for code in CITY_CODES:
        with in_city(code):
            assert InterviewRequest.objects.count() == counts[code]


def test_the_office_is_asked_to_arrange_and_then_to_record_the_article(quzhou):
    users = quzhou
    from apps.registry.modules import registry

    with in_city("quzhou"):
        module = registry.get("foreign_media")
        approved = InterviewFactory(users=users, approved=True)
        past = interview_data(start=TODAY - datetime.timedelta(days=5), journalist_press_card_number="J2-P")
        held = InterviewFactory(users=users, issued=True, data=past)
        tasks = {w.url: w.task for w in module.waiting_for(users["clerk"])}
    assert set(tasks) == {f"/foreign_media/{approved.pk}/", f"/foreign_media/{held.pk}/"}
    assert tasks[f"/foreign_media/{approved.pk}/"] == "安排采访"
