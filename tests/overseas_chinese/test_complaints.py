"""Complaints (侨务信访) end to end: intake by the office and by the public (tracking code),
acceptance and handling deadlines in working days, one extension only, transfer to the
department (which sees only its own), reply, satisfaction, reopening; the public tracking
page reveals nothing else and is rate-limited."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client

from apps.overseas_chinese import selectors, services
from apps.overseas_chinese.models import Complaint
from apps.workdays.calendar import add_working_days
from tests.conftest import in_city
from tests.overseas_chinese.helpers import ComplaintFactory, api_client, complaint_data, people, post

API = "/api/v1/overseas_chinese/complaints/"


@pytest.fixture
def hangzhou(db):
    cache.clear()
    with in_city("hangzhou"):
        return people()


def test_a_complaint_from_intake_to_reply_with_deadlines_in_working_days(hangzhou):
    users = hangzhou
    clerk = api_client("hangzhou", users["clerk"])
    created = post(clerk, API, complaint_data(channel="phone", received_on=datetime.date.today().isoformat()))
    assert created.status_code == 201, created.content
    body = created.json()
    today = datetime.date.today()
    with in_city("hangzhou"):
        assert body["accept_due"] == add_working_days(today, 15).isoformat()
    assert body["due_on"] == body["accept_due"] and body["case"]["state"] == "received"
    url = f"{API}{body['id']}/"
    accepted = post(clerk, f"{url}accept/", {"version": body["case"]["version"]})
    assert accepted.status_code == 200, accepted.content
    with in_city("hangzhou"):
        assert accepted.json()["handle_due"] == add_working_days(today, 60).isoformat()
    assert accepted.json()["due_on"] == accepted.json()["handle_due"]
    unit = users["submitter"].unit
    transferred = post(
        clerk,
        f"{url}transfer/",
        {"version": accepted.json()["case"]["version"], "unit_code": unit, "instructions": "请核实"},
    )
    assert transferred.status_code == 200, transferred.content
    assert transferred.json()["case"]["state"] == "transferred"
    department = api_client("hangzhou", users["submitter"])
    other = api_client("hangzhou", users["other_unit"])
    assert other.get(url).status_code == 404  # another department does not see it
    assert [c["id"] for c in other.get(API).json()["results"]] == []
    mine = department.get(url).json()
    assert "answer" in mine["case"]["actions"]
    answered = post(department, f"{url}answer/", {"version": mine["case"]["version"], "answer": "已协调解决"})
    assert answered.status_code == 200, answered.content
    assert answered.json()["case"]["state"] == "accepted"
    replied = post(
        clerk, f"{url}reply/", {"version": answered.json()["case"]["version"], "reply": "问题已解决。"}
    )
    assert replied.status_code == 200 and replied.json()["case"]["state"] == "replied"
    assert replied.json()["due_on"] is None
    closed = post(
        clerk, f"{url}close/", {"version": replied.json()["case"]["version"], "satisfaction": "basically"}
    )
    assert closed.status_code == 200 and closed.json()["satisfaction"] == "basically"
    reopened = post(clerk, f"{url}reopen/", {"version": closed.json()["case"]["version"], "comment": ""})
    assert reopened.status_code == 400 and "comment" in reopened.json()["fields"]
    reopened = post(
        clerk, f"{url}reopen/", {"version": closed.json()["case"]["version"], "comment": "投诉人不满意"}
    )
    assert reopened.status_code == 200 and reopened.json()["case"]["state"] == "accepted"
    assert reopened.json()["reopened"] == 1
    history = [e["transition"] for e in clerk.get(f"{url}history/").json()]
    assert history == ["open", "accept", "transfer", "answer", "reply", "close", "reopen"]


def test_a_second_extension_is_a_clear_error_and_changes_nothing(hangzhou):
    users = hangzhou
    with in_city("hangzhou"):
        complaint = ComplaintFactory(users=users, accepted=True)
        first_due = complaint.handle_due
    clerk = api_client("hangzhou", users["clerk"])
    url = f"{API}{complaint.pk}/extend/"
    assert "reason" in post(clerk, url, {"reason": ""}).json()["fields"]
    first = post(clerk, url, {"reason": "涉及多个部门"})
    assert first.status_code == 200, first.content
    with in_city("hangzhou"):
        assert first.json()["handle_due"] == add_working_days(first_due, 30).isoformat()
    second = post(clerk, url, {"reason": "还需要时间"})
    assert second.status_code == 400
    assert "已延期一次" in second.json()["fields"]["reason"][0]
    with in_city("hangzhou"):
        fresh = Complaint.objects.get(pk=complaint.pk)
        assert fresh.extension_reason == "涉及多个部门"
        assert fresh.handle_due == add_working_days(first_due, 30)


def test_not_accepted_needs_reasons_and_the_complainant_sees_them(hangzhou, client):
    users = hangzhou
    with in_city("hangzhou"):
        complaint = ComplaintFactory(users=users)
    clerk = api_client("hangzhou", users["clerk"])
    version = clerk.get(f"{API}{complaint.pk}/").json()["case"]["version"]
    assert post(clerk, f"{API}{complaint.pk}/decline/", {"version": version}).status_code == 400
    declined = post(clerk, f"{API}{complaint.pk}/decline/", {"version": version, "comment": "不属于本办职责"})
    assert declined.status_code == 200 and declined.json()["case"]["state"] == "not_accepted"
    tracked = post(
        Client(HTTP_HOST="hangzhou.localhost"),
        "/api/v1/overseas_chinese/track/",
        {"code": complaint.tracking_code},
    )
    assert tracked.json()["decision_reason"] == "不属于本办职责" and tracked.json()["state"] == "not_accepted"


def test_the_public_complains_without_signing_in_and_follows_it_with_the_code(hangzhou):
    public = Client(HTTP_HOST="hangzhou.localhost")
    sent = post(
        public,
        "/api/v1/overseas_chinese/complain/",
        {
            "subject": "hkm_investment",
            "title": "港资企业税收优惠未兑现",
            "complainant_name": "何先生",
            "complainant_phone": "85291234567",
            "details": "承诺的优惠两年未兑现。",
        },
    )
    assert sent.status_code == 201, sent.content
    code = sent.json()["code"]
    assert len(code) == 16 and code.isalnum()
    tracked = post(public, "/api/v1/overseas_chinese/track/", {"code": code.lower()})
    assert tracked.status_code == 200
    body = tracked.json()
    assert body["state"] == "received" and body["title"] == "港资企业税收优惠未兑现"
    assert "何先生" not in tracked.content.decode() and "85291234567" not in tracked.content.decode()
    with in_city("hangzhou"):
        complaint = Complaint.objects.get(tracking_code=code)
        assert complaint.channel == "online" and complaint.case.submitted_by is None
    # the office's reply, then the complainant sees it and rates it on the page
    users = hangzhou
    with in_city("hangzhou"):
        services.accept_complaint(actor=users["clerk"], record=complaint, data={})
        services.reply_complaint(actor=users["clerk"], record=complaint, data={"reply": "已督促兑现。"})
    assert post(public, "/api/v1/overseas_chinese/track/", {"code": code}).json()["reply"] == "已督促兑现。"
    page = public.post(
        "/overseas_chinese/track/", {"code": code, "satisfaction": "satisfied", "note": "谢谢"}
    )
    assert page.status_code == 200 and "已督促兑现。" in page.content.decode()
    with in_city("hangzhou"):
        assert Complaint.objects.get(pk=complaint.pk).satisfaction == "satisfied"


def test_codes_of_other_complaints_and_guesses_reveal_nothing_and_lookups_are_limited(hangzhou):
    users = hangzhou
    with in_city("hangzhou"):
        mine = ComplaintFactory(users=users)
        theirs = ComplaintFactory(users=users, data=complaint_data(title="别人的投诉：秘密内容"))
    public = Client(HTTP_HOST="hangzhou.localhost", REMOTE_ADDR="10.0.0.7")
    near = mine.tracking_code[:-1] + ("A" if mine.tracking_code[-1] != "A" else "B")
    for guess in (near, "", "' OR 1=1 --", theirs.tracking_code[:8]):
        response = post(public, "/api/v1/overseas_chinese/track/", {"code": guess})
        assert response.status_code in (400, 404)
        assert "秘密" not in response.content.decode()
    page = public.post("/overseas_chinese/track/", {"code": near})
    assert (
        page.status_code == 404
        and "秘密" not in page.content.decode()
        and "祖屋" not in page.content.decode()
    )
    # the same answer for a code of another city (Quzhou's complaint looked up on Hangzhou)
    with in_city("quzhou"):
        quzhou = ComplaintFactory(users=people())
    assert post(public, "/api/v1/overseas_chinese/track/", {"code": quzhou.tracking_code}).status_code == 404
    # the limit (20 an hour by default) refuses further lookups, even of a right code
    statuses = [
        post(public, "/api/v1/overseas_chinese/track/", {"code": mine.tracking_code}).status_code
        for _ in range(20)
    ]
    assert statuses[-1] == 429 and 200 in statuses
    assert public.post("/overseas_chinese/track/", {"code": mine.tracking_code}).status_code == 429
    # another address is not held back
    other = Client(HTTP_HOST="hangzhou.localhost", REMOTE_ADDR="10.0.0.8")
    assert post(other, "/api/v1/overseas_chinese/track/", {"code": mine.tracking_code}).status_code == 200


def test_the_deadline_filter_lists_overdue_and_due_soon_complaints(hangzhou):
    users = hangzhou
    today = datetime.date.today()
    with in_city("hangzhou"):
        old = services.receive_complaint(
            actor=users["clerk"], data=complaint_data(received_on=today - datetime.timedelta(days=60))
        )
        fresh = ComplaintFactory(users=users)
        done = ComplaintFactory(users=users, replied=True)
        overdue = set(selectors.complaints(users["clerk"], deadline="overdue").values_list("pk", flat=True))
        assert overdue == {old.pk}
        open_ = set(selectors.complaints(users["clerk"], deadline="open").values_list("pk", flat=True))
        assert {old.pk, fresh.pk} <= open_ and done.pk not in open_
    clerk = api_client("hangzhou", users["clerk"])
    listed = clerk.get(API, {"deadline": "overdue"}).json()
    assert [c["id"] for c in listed["results"]] == [old.pk] and listed["results"][0]["overdue"] is True
    assert clerk.get(API, {"deadline": "soonish"}).status_code == 400


def test_bad_input_is_a_field_error_and_nothing_is_saved(hangzhou):
    users = hangzhou
    clerk = api_client("hangzhou", users["clerk"])
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    response = post(clerk, API, complaint_data(channel="online", received_on=future, title=""))
    assert response.status_code == 400
    assert {"channel", "title"} <= set(response.json()["fields"])
    response = post(clerk, API, complaint_data(received_on=future))
    assert response.status_code == 400 and "received_on" in response.json()["fields"]
    public = Client(HTTP_HOST="hangzhou.localhost")
    response = post(
        public, "/api/v1/overseas_chinese/complain/", {"title": "x" * 300, "complainant_email": "nope"}
    )
    assert response.status_code == 400
    assert {"title", "complainant_email", "details", "subject"} <= set(response.json()["fields"])
    with in_city("hangzhou"):
        assert Complaint.objects.count() == 0
    with in_city("hangzhou"):
        complaint = ComplaintFactory(users=users, accepted=True)
    response = post(clerk, f"{API}{complaint.pk}/transfer/", {"version": 99, "unit_code": "nowhere"})
    assert response.status_code == 400 and "unit_code" in response.json()["fields"]


def test_a_department_cannot_accept_or_reply_and_an_auditor_cannot_act(hangzhou):
    users = hangzhou
    with in_city("hangzhou"):
        complaint = ComplaintFactory(users=users, transferred=True)
    department = api_client("hangzhou", users["submitter"])
    version = department.get(f"{API}{complaint.pk}/").json()["case"]["version"]
    assert post(
        department, f"{API}{complaint.pk}/reply/", {"version": version, "reply": "x"}
    ).status_code in (400, 403)
    assert post(department, f"{API}{complaint.pk}/extend/", {"reason": "x"}).status_code == 403
    assert post(department, API, complaint_data()).status_code == 403


def test_online_complaints_are_limited_per_address(hangzhou):
    public = Client(HTTP_HOST="hangzhou.localhost", REMOTE_ADDR="10.0.0.9")
    data = {
        "subject": "rights",
        "title": "祖屋",
        "complainant_name": "林",
        "complainant_phone": "138",
        "details": "占用",
    }
    statuses = [post(public, "/api/v1/overseas_chinese/complain/", data).status_code for _ in range(11)]
    assert statuses == [201] * 10 + [429]
    assert public.post("/overseas_chinese/complain/", data).status_code == 429
    with in_city("hangzhou"):
        assert Complaint.objects.count() == 10


def test_reminders_name_complaints_due_and_leave_the_overdue_count_for_the_province(hangzhou):
    from apps.overseas_chinese.module import OverseasChineseModule
    from apps.reporting.models import MonthlyFigure

    users = hangzhou
    today = datetime.date.today()
    with in_city("hangzhou"):
        old = services.receive_complaint(
            actor=users["clerk"], data=complaint_data(received_on=today - datetime.timedelta(days=60))
        )
        ComplaintFactory(users=users)  # due in 15 working days: not yet
        reminders = list(OverseasChineseModule().due_reminders(today))
        assert [r.about.pk for r in reminders] == [old.pk]
        assert users["clerk"] in reminders[0].recipients and "已逾期" in reminders[0].subject["zh"]
    with in_city("public"):
        snapshot = MonthlyFigure.objects.get(
            city__code="hangzhou", metric="overseas_chinese.complaints_overdue"
        )
        assert snapshot.value == 1
