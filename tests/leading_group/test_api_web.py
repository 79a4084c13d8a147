"""The Leading Group office's API and pages: the same inputs and rules (errors on their
field, 400 never 500), the action tables, a department's view, the overdue list, the
supervision sheet; other cities' users and switched-off cities get nothing."""

import datetime

from apps.leading_group.models import Task
from tests.conftest import in_city
from tests.leading_group.helpers import ATTENDANCE, held_meeting, people, reload, task_for

TODAY = datetime.date.today()


def token(client, user) -> dict:
    response = client.post(
        "/api/v1/auth/token/", {"username": user.username, "password": "correct-horse-battery"}
    )
    return {"HTTP_AUTHORIZATION": f"Token {response.json()['token']}"}


def test_the_api_takes_a_meeting_to_a_closed_task(db, client_for):
    with in_city("lanzhou"):
        users = people()
    clerk = client_for("lanzhou", users["clerk"])
    created = clerk.post(
        "/api/v1/leading_group/meetings/",
        {
            "title": "全体会议",
            "kind": "plenary",
            "meeting_date": TODAY.isoformat(),
            "place": "会议室",
            "chair": "张明",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    meeting = created.json()
    pk, version = meeting["id"], meeting["case"]["version"]
    early = clerk.post(
        f"/api/v1/leading_group/meetings/{pk}/add_decision/",
        {"text": "决定"},
        content_type="application/json",
    )
    assert early.status_code == 400 and "筹备中" in str(early.json()["fields"])  # not held: no decisions
    held = clerk.post(
        f"/api/v1/leading_group/meetings/{pk}/hold/",
        {"version": version, "attendance": ATTENDANCE},
        content_type="application/json",
    )
    assert held.status_code == 200, held.content
    assert held.json()["case"]["state"] == "held" and len(held.json()["attendance"]) == 2
    decided = clerk.post(
        f"/api/v1/leading_group/meetings/{pk}/add_decision/",
        {"text": "推进友城交流"},
        content_type="application/json",
    )
    decision = decided.json()["decisions"][0]["id"]
    bad = clerk.post(
        "/api/v1/leading_group/tasks/",
        {"decision": decision, "unit_code": users["submitter"].unit, "title": "任务", "requirement": "要求",
         "deadline": (TODAY - datetime.timedelta(days=3)).isoformat()},
        content_type="application/json",
    )  # fmt: skip
    assert bad.status_code == 400 and "deadline" in bad.json()["fields"]
    task = clerk.post(
        "/api/v1/leading_group/tasks/",
        {"decision": decision, "unit_code": users["submitter"].unit, "title": "任务", "requirement": "要求",
         "working_days": 5},
        content_type="application/json",
    ).json()  # fmt: skip
    department = client_for("lanzhou", users["submitter"])
    listed = department.get("/api/v1/leading_group/tasks/").json()
    assert [t["id"] for t in listed["results"]] == [task["id"]]
    assert department.get("/api/v1/leading_group/meetings/").status_code == 403
    answered = department.post(
        f"/api/v1/leading_group/tasks/{task['id']}/report_done/",
        {"version": task["case"]["version"], "text": "已完成"},
        content_type="application/json",
    )
    assert answered.status_code == 200 and answered.json()["case"]["state"] == "done_reported"
    reviewer = client_for("lanzhou", users["reviewer"])
    closed = reviewer.post(
        f"/api/v1/leading_group/tasks/{task['id']}/close/",
        {"version": answered.json()["case"]["version"]},
        content_type="application/json",
    )
    assert closed.status_code == 200 and closed.json()["case"]["state"] == "closed"
    sheet = clerk.get(f"/api/v1/leading_group/meetings/{pk}/sheet/")
    assert sheet.status_code == 200 and sheet["Content-Type"] == "application/pdf"


def test_another_department_gets_404_on_a_task_and_cannot_answer_it(db, client_for):
    with in_city("hangzhou"):
        users = people()
        task = task_for(users, held_meeting(users))
    other = client_for("hangzhou", users["other_submitter"])
    assert other.get(f"/api/v1/leading_group/tasks/{task.pk}/").status_code == 404
    assert other.get(f"/leading_group/tasks/{task.pk}/").status_code == 404
    response = other.post(
        f"/api/v1/leading_group/tasks/{task.pk}/report_done/",
        {"version": 1, "text": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404
    with in_city("hangzhou"):
        assert reload(task).case.state == "assigned"


def test_a_department_answers_a_task_on_its_page_and_the_office_closes_it(db, client_for):
    with in_city("hangzhou"):
        users = people()
        meeting = held_meeting(users)
        task = task_for(users, meeting)
    department = client_for("hangzhou", users["submitter"])
    page = department.get("/leading_group/tasks/").content.decode()
    assert task.title in page and "督办事项" in page
    blank = department.post(
        f"/leading_group/tasks/{task.pk}/actions/report_done/", {"version": "1", "text": ""}
    )
    assert blank.status_code == 400 and 'id="id_text_error"' in blank.content.decode()
    done = department.post(
        f"/leading_group/tasks/{task.pk}/actions/report_done/", {"version": "1", "text": "已完成"}
    )
    assert done.status_code == 302
    office = client_for("hangzhou", users["reviewer"])
    page = office.get(f"/leading_group/tasks/{task.pk}/").content.decode()
    assert "审核办结" in page and "已完成" in page
    closed = office.post(f"/leading_group/tasks/{task.pk}/actions/close/", {"version": "2"})
    assert closed.status_code == 302
    with in_city("hangzhou"):
        assert reload(task).case.state == "closed"
    meeting_page = office.get(f"/leading_group/meetings/{meeting.pk}/").content.decode()
    assert "已办结" in meeting_page and "督办单" in meeting_page
    sheet = office.get(f"/leading_group/meetings/{meeting.pk}/sheet.pdf")
    assert sheet.status_code == 200 and sheet.content.startswith(b"%PDF")


def test_the_office_pages_render_in_chinese_and_the_overdue_list_exports(db, client_for):
    with in_city("lanzhou"):
        users = people()
        start = TODAY - datetime.timedelta(days=30)
        late = task_for(users, held_meeting(users, on=start), on=start, days=3)
    office = client_for("lanzhou", users["clerk"])
    pages = ["meetings/", "meetings/new/", "tasks/", "key-points/", "agenda/", "tasks/?status=overdue&q=x"]
    for path in [f"/leading_group/{page}" for page in pages]:
        response = office.get(path)
        assert response.status_code == 200, path
    overdue = office.get("/leading_group/tasks/overdue/").content.decode()
    assert late.title in overdue and "已逾期" in overdue
    export = office.get("/leading_group/tasks/overdue/export.xlsx")
    assert export.status_code == 200
    assert office.get("/leading_group/").status_code == 302
    bad = office.post(
        "/leading_group/meetings/new/", {"title": "", "kind": "plenary", "meeting_date": "2026-13-45"}
    )
    assert bad.status_code == 400 and 'id="id_meeting_date_error"' in bad.content.decode()
    point = office.post(
        "/leading_group/key-points/", {"year": str(TODAY.year), "title": "要点一", "text": "", "division": ""}
    )
    assert point.status_code == 302
    with in_city("lanzhou"):
        assert Task.objects.count() == 1


def test_the_module_is_off_where_the_profile_does_not_switch_it_on(db, client_for, city_user):
    clerk = city_user("guangzhou", username="gz_lg_clerk", role="clerk")
    client = client_for("guangzhou", clerk)
    assert client.get("/leading_group/").status_code == 404
    assert client.get("/api/v1/leading_group/tasks/").status_code == 404
    schema = client.get("/api/v1/schema/?format=json").json()
    assert not any(path.startswith("/api/v1/leading_group/") for path in schema["paths"])
    assert "外事工作领导小组办公室" not in client.get("/").content.decode()


def test_another_citys_user_gets_nothing_of_a_citys_meetings_and_tasks(db, client_for):
    with in_city("hangzhou"):
        users = people()
        meeting = held_meeting(users)
        task = task_for(users, meeting)
    with in_city("lanzhou"):
        lz = people()
    lz_clerk = client_for("lanzhou", lz["clerk"])
    assert lz_clerk.get(f"/api/v1/leading_group/tasks/{task.pk}/").status_code == 404
    assert lz_clerk.get(f"/api/v1/leading_group/meetings/{meeting.pk}/").status_code == 404
    assert lz_clerk.get(f"/leading_group/meetings/{meeting.pk}/sheet.pdf").status_code == 404
    # a Lanzhou session on Hangzhou's host is not signed in there
    response = lz_clerk.get(f"/leading_group/tasks/{task.pk}/", HTTP_HOST="hangzhou.localhost")
    assert response.status_code in (302, 403, 404)
    assert task.title not in response.content.decode()


def test_the_director_finds_an_escalated_task_on_the_waiting_page_in_either_language(db, client_for):
    from apps.leading_group import services

    with in_city("hangzhou"):
        users = people()
        start = TODAY - datetime.timedelta(days=40)
        late = task_for(users, held_meeting(users, on=start), on=start, days=3, title="逾期未办的督办事项")
        services.escalate_overdue(TODAY)
    director = client_for("hangzhou", users["director"])
    page = director.get("/waiting/").content.decode()
    assert late.title in page and "逾期督办事项（已报您）" in page
    director.cookies["django_language"] = "en"
    english = director.get(f"/leading_group/tasks/{late.pk}/").content.decode()
    assert "Escalated to the director" in english
    assert 'data-state="assigned">Assigned<' in english  # the state by its name, never its code
