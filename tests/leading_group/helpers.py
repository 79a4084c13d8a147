"""Building leading-group meetings and tasks for the tests: users of each role (two
departments' submitters), a meeting held with decisions, tasks through the services."""

from __future__ import annotations

import datetime

from django.db import connection

from apps.leading_group import services
from apps.leading_group.models import Meeting, Task
from apps.workdays.calendar import add_working_days
from tests.factories import UserFactory

ROLES = ["clerk", "reviewer", "division_head", "director", "office_admin", "auditor"]


def units() -> list[str]:
    return [u["code"] for u in connection.tenant.profile["submitting_units"]]


def people() -> dict:
    code = connection.tenant.schema_name[:2]
    first, second = units()[:2]
    users = {role: UserFactory(username=f"{code}_lg_{role}", role=role, unit="") for role in ROLES}
    users["submitter"] = UserFactory(username=f"{code}_lg_dept_a", role="submitter", unit=first)
    users["other_submitter"] = UserFactory(username=f"{code}_lg_dept_b", role="submitter", unit=second)
    return users


def meeting_data(**fields) -> dict:
    data = {
        "title": "外事工作领导小组全体会议",
        "kind": "plenary",
        "meeting_date": datetime.date.today(),
        "place": "市政府第一会议室",
        "chair": "张明",
        "agenda_deadline": None,
    }
    data.update(fields)
    return data


ATTENDANCE = [
    {"name": "张明", "position": "组长", "status": "present", "note": ""},
    {"name": "赵丽", "position": "成员", "status": "absent", "note": "出差"},
]


def held_meeting(users, *, on=None, decisions=("推进友城交流合作。",)) -> Meeting:
    meeting = services.create_meeting(
        actor=users["clerk"], data=meeting_data(meeting_date=on or datetime.date.today())
    )
    services.hold_meeting(actor=users["clerk"], record=meeting, data={"attendance": ATTENDANCE})
    for text in decisions:
        services.add_decision(actor=users["clerk"], record=meeting, data={"text": text})
    return Meeting.objects.select_related("case").get(pk=meeting.pk)


def task_for(users, meeting, *, unit=None, days=5, on=None, title="报送友城交流计划") -> Task:
    return services.assign_task(
        actor=users["clerk"],
        today=on,
        data={
            "decision": meeting.decisions.first().pk,
            "unit_code": unit or users["submitter"].unit,
            "title": title,
            "requirement": "报送计划。",
            "working_days": days,
        },
    )


def reload(task: Task) -> Task:
    return Task.objects.select_related("case").get(pk=task.pk)


def next_working_day(day: datetime.date) -> datetime.date:
    return add_working_days(day - datetime.timedelta(days=1), 1)
