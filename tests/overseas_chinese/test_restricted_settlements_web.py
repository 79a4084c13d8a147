"""Restricted records (emergencies, Taiwan-related items) exist only for those with the
permission: not in lists, counts, the module's home or the office's home. Settling: a
department sees and answers only its own tasks; the settlement closes when all replied.
The pages in Chinese; the module is off (404, absent) in the other cities; demo data."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client

from apps.overseas_chinese import selectors, services
from apps.overseas_chinese.models import Complaint, IdentityConfirmation, RestrictedMatter, Settlement
from tests.conftest import in_city
from tests.overseas_chinese.helpers import (
    ComplaintFactory,
    IdentityFactory,
    api_client,
    people,
    person_data,
    post,
    web_client,
)

TAIWAN = "台胞投资座谈会-机密标题"


@pytest.fixture
def hangzhou(db):
    cache.clear()
    with in_city("hangzhou"):
        users = people()
        services.create_restricted(
            actor=users["director"],
            data={
                "kind": "taiwan",
                "title": TAIWAN,
                "occurred_on": datetime.date.today(),
                "place": "",
                "people_involved": "",
                "summary": "座谈",
                "actions_taken": "",
            },
        )
        services.create_restricted(
            actor=users["division_head"],
            data={
                "kind": "emergency",
                "title": "侨胞受灾",
                "occurred_on": datetime.date.today(),
                "place": "",
                "people_involved": "",
                "summary": "台风",
                "actions_taken": "",
            },
        )
    return users


def test_without_the_permission_taiwan_items_and_their_counts_do_not_exist(hangzhou):
    users = hangzhou
    for role in ("clerk", "reviewer", "submitter", "auditor", "office_admin"):
        api = api_client("hangzhou", users[role])
        assert api.get("/api/v1/overseas_chinese/restricted/").status_code == 403
        assert api.get("/api/v1/overseas_chinese/restricted/?kind=taiwan").status_code == 403
        web = web_client("hangzhou", users[role])
        for path in ("/overseas_chinese/", "/", "/overseas_chinese/complaints/", "/inbox/"):
            body = web.get(path).content.decode()
            assert TAIWAN not in body and "涉台" not in body and "restricted_open" not in body, (role, path)
        with in_city("hangzhou"):
            assert "restricted_open" not in selectors.overview(users[role])
            assert selectors.restricted_for(users[role]).count() == 0
        if role in ("clerk", "reviewer"):
            overview = api.get("/api/v1/overseas_chinese/overview/").json()
            assert "restricted_open" not in overview
    director = api_client("hangzhou", users["director"])
    listed = director.get("/api/v1/overseas_chinese/restricted/?kind=taiwan").json()
    assert [r["title"] for r in listed["results"]] == [TAIWAN]
    assert director.get("/api/v1/overseas_chinese/overview/").json()["restricted_open"] == 2
    page = web_client("hangzhou", users["director"]).get("/overseas_chinese/").content.decode()
    assert "涉侨突发事件和涉台事务" in page


def test_a_department_sees_and_answers_only_its_own_tasks_and_the_settlement_closes(hangzhou):
    users = hangzhou
    today = datetime.date.today()
    with in_city("hangzhou"):
        person = services.create_person(actor=users["clerk"], data=person_data())
    clerk = api_client("hangzhou", users["clerk"])
    created = post(
        clerk,
        "/api/v1/overseas_chinese/settlements/",
        {"person": person.pk, "arrived_on": today.isoformat(), "needs": ["housing", "employment"]},
    )
    assert created.status_code == 201, created.content
    url = f"/api/v1/overseas_chinese/settlements/{created.json()['id']}/"
    mine = post(
        clerk,
        f"{url}tasks/",
        {
            "need": "housing",
            "unit_code": users["submitter"].unit,
            "request": "请协调公租房",
            "due_on": (today + datetime.timedelta(days=7)).isoformat(),
        },
    )
    theirs = post(
        clerk,
        f"{url}tasks/",
        {
            "need": "employment",
            "unit_code": users["other_unit"].unit,
            "request": "请推荐岗位",
            "due_on": (today + datetime.timedelta(days=7)).isoformat(),
        },
    )
    assert mine.status_code == theirs.status_code == 201
    late = post(
        clerk,
        f"{url}tasks/",
        {
            "need": "employment",
            "unit_code": "nowhere",
            "request": "x",
            "due_on": (today - datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert late.status_code == 400 and {"unit_code", "due_on"} <= set(late.json()["fields"])
    department = api_client("hangzhou", users["submitter"])
    assert [t["id"] for t in department.get("/api/v1/overseas_chinese/tasks/").json()["results"]] == [
        mine.json()["id"]
    ]
    assert (
        post(
            department, f"/api/v1/overseas_chinese/tasks/{theirs.json()['id']}/reply/", {"reply": "x"}
        ).status_code
        == 404
    )
    assert post(clerk, f"{url}close/", {}).status_code == 400  # unanswered tasks
    assert (
        post(
            department, f"/api/v1/overseas_chinese/tasks/{mine.json()['id']}/reply/", {"reply": "已安排"}
        ).status_code
        == 200
    )
    other = web_client("hangzhou", users["other_unit"])
    page = other.get("/overseas_chinese/tasks/").content.decode()
    assert "请推荐岗位" in page and "请协调公租房" not in page
    answered = other.post("/overseas_chinese/tasks/", {"task": theirs.json()["id"], "reply": "已推荐"})
    assert answered.status_code == 302
    closed = post(clerk, f"{url}close/", {})
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    assert department.get(url).status_code == 403  # a department does not read the settlement itself


def test_the_pages_in_chinese_and_form_errors_under_their_fields(hangzhou):
    users = hangzhou
    with in_city("hangzhou"):
        complaint = ComplaintFactory(users=users, accepted=True)
        record = IdentityFactory(users=users, submitted=True)
    clerk = web_client("hangzhou", users["clerk"])
    for path, text in [
        ("/overseas_chinese/", "侨益保护和侨务信访"),
        ("/overseas_chinese/complaints/?deadline=overdue", "侨益保护和侨务信访"),
        (f"/overseas_chinese/complaints/{complaint.pk}/", "延长办理期限"),
        ("/overseas_chinese/identity/", "归侨侨眷身份确认"),
        (f"/overseas_chinese/identity/{record.pk}/", "证明材料"),
        ("/overseas_chinese/people/", "侨界人士和侨团侨企"),
        ("/overseas_chinese/settlements/", "归侨回国定居安置"),
        ("/overseas_chinese/complaints/new/", "登记信访投诉"),
        ("/overseas_chinese/identity/new/", "归侨侨眷身份确认申请"),
        ("/overseas_chinese/people/new/", "信息收集依据"),
    ]:
        response = clerk.get(path)
        assert response.status_code == 200, path
        assert text in response.content.decode(), path
    bad = clerk.post("/overseas_chinese/complaints/new/", {"channel": "letter", "title": ""})
    assert bad.status_code == 400 and "invalid-feedback" in bad.content.decode()
    twice = clerk.post(f"/overseas_chinese/complaints/{complaint.pk}/actions/extend/", {"reason": "调查"})
    assert twice.status_code == 302
    again = clerk.post(f"/overseas_chinese/complaints/{complaint.pk}/actions/extend/", {"reason": "再调查"})
    assert again.status_code == 400 and "不能再次延期" in again.content.decode()
    public = Client(HTTP_HOST="hangzhou.localhost")
    form = public.get("/overseas_chinese/complain/")
    assert form.status_code == 200 and "提交投诉" in form.content.decode()
    sent = public.post(
        "/overseas_chinese/complain/",
        {
            "subject": "rights",
            "title": "祖屋",
            "complainant_name": "林",
            "complainant_phone": "138",
            "details": "占用",
        },
    )
    assert sent.status_code == 200 and "查询码" in sent.content.decode()
    assert public.post("/overseas_chinese/complain/", {"title": ""}).status_code == 400
    # no sign-in: the office's pages stay closed
    assert public.get("/overseas_chinese/complaints/").status_code == 302


def test_the_module_is_off_in_guangzhou_guiyang_and_lanzhou(hangzhou, client):
    gz = people_in("guangzhou")
    for code in ("guangzhou", "guiyang", "lanzhou"):
        host = f"{code}.localhost"
        for path in (
            "/overseas_chinese/",
            "/overseas_chinese/complain/",
            "/overseas_chinese/track/",
            "/api/v1/overseas_chinese/complaints/",
            "/api/v1/overseas_chinese/complain/",
        ):
            assert client.get(path, HTTP_HOST=host).status_code == 404, (code, path)
    gz_client = web_client("guangzhou", gz)
    schema = gz_client.get("/api/v1/schema/?format=json").json()
    assert not any(path.startswith("/api/v1/overseas_chinese/") for path in schema["paths"])
    assert "侨务工作" not in gz_client.get("/").content.decode()
    hz = web_client("hangzhou", hangzhou["clerk"])
    assert "侨务工作" in hz.get("/").content.decode()
    assert "/api/v1/overseas_chinese/complaints/" in hz.get("/api/v1/schema/?format=json").json()["paths"]


def people_in(code):
    from tests.factories import UserFactory

    with in_city(code):
        return UserFactory(username=f"{code}_oc_clerk", role="clerk")


def test_demo_data_in_every_state_and_idempotent(db):
    from apps.overseas_chinese.module import OverseasChineseModule

    with in_city("quzhou"):
        _demo_users()
        assert OverseasChineseModule().ensure_demo()
        states = set(Complaint.objects.values_list("case__state", flat=True))
        assert states == {"received", "accepted", "transferred", "not_accepted", "replied", "closed"}
        assert Complaint.objects.filter(extended=True).exists()
        assert Complaint.objects.filter(is_open=True, due_on__lt=datetime.date.today()).exists()
        assert set(IdentityConfirmation.objects.values_list("case__state", flat=True)) >= {
            "draft",
            "in_review",
            "returned",
            "rejected",
            "approved",
            "issued",
        }
        assert set(Settlement.objects.values_list("state", flat=True)) == {"open", "closed"}
        assert set(RestrictedMatter.objects.values_list("kind", flat=True)) == {"emergency", "taiwan"}
        count = Complaint.objects.count()
        assert OverseasChineseModule().ensure_demo() == []
        assert Complaint.objects.count() == count


def _demo_users():
    from django.db import connection

    from tests.factories import UserFactory

    unit = connection.tenant.profile["submitting_units"][0]["code"]
    for role in ("submitter", "clerk", "reviewer", "division_head", "director"):
        UserFactory(username=role, role=role, unit=unit if role == "submitter" else "")


def test_waiting_lists_and_the_provinces_figures(hangzhou):
    from apps.casework.selectors import waiting_for
    from apps.reporting.models import MonthlyFigure

    users = hangzhou
    with in_city("hangzhou"):
        fresh = ComplaintFactory(users=users)
        transferred = ComplaintFactory(users=users, transferred=True)
        from django.db import connection

        profile = connection.tenant.profile
        clerk_tasks = [item.url for item in waiting_for(users["clerk"], profile)["tasks"]]
        assert f"/overseas_chinese/complaints/{fresh.pk}/" in clerk_tasks
        unit_tasks = [item.url for item in waiting_for(users["submitter"], profile)["tasks"]]
        assert unit_tasks == [f"/overseas_chinese/complaints/{transferred.pk}/"]
        assert waiting_for(users["other_unit"], profile)["tasks"] == []
        director_tasks = waiting_for(users["director"], profile)["tasks"]
        assert not any(TAIWAN in item.title for item in director_tasks)
    with in_city("public"):
        counted = MonthlyFigure.objects.filter(city__code="hangzhou", metric="overseas_chinese.complaints")
        assert sum(f.value for f in counted) == 2
        assert not MonthlyFigure.objects.filter(metric__startswith="overseas_chinese.restricted").exists()


def test_pages_in_english_when_the_user_switches(hangzhou):
    users = hangzhou
    with in_city("hangzhou"):
        complaint = ComplaintFactory(users=users, accepted=True)
        services.create_person(actor=users["clerk"], data=person_data())
    clerk = web_client("hangzhou", users["clerk"])
    clerk.cookies["django_language"] = "en"
    page = clerk.get(f"/overseas_chinese/complaints/{complaint.pk}/").content.decode()
    assert "Accepted (in hand)" in page and "Extend the deadline" in page and "Rights and property" in page
    people_page = clerk.get("/overseas_chinese/people/").content.decode()
    assert "Returned overseas Chinese" in people_page and "Indonesia" in people_page
    public = Client(HTTP_HOST="hangzhou.localhost")
    public.cookies["django_language"] = "en"
    assert "Send the complaint" in public.get("/overseas_chinese/complain/").content.decode()


def test_the_audit_log_does_not_show_restricted_records_to_readers_without_the_permission(hangzhou):
    from apps.audit import selectors as audit_selectors

    users = hangzhou
    for role in ("auditor", "office_admin"):
        api = api_client("hangzhou", users[role])
        rows = api.get("/api/v1/audit/?action=overseas_chinese.restricted").json()["results"]
        assert rows == []
        listed = api.get("/api/v1/audit/?object_type=overseas_chinese.restrictedmatter").json()["results"]
        assert listed == []
        page = web_client("hangzhou", users[role]).get("/audit/").content.decode()
        assert "restrictedmatter" not in page and TAIWAN not in page
    with in_city("hangzhou"):
        everything = audit_selectors.audit_entries(
            can_read=True, granted=frozenset({"overseas_chinese.restricted"})
        )
        assert everything.filter(object_type="overseas_chinese.restrictedmatter").count() == 2
        assert not any(TAIWAN in str(e.after) + e.object_repr for e in everything)
