"""The Leading Group office's rules, through the services: a meeting decides only once
held; a task's deadline is a working day, never before the meeting; a department answers
only its own tasks; the office closes them; overdue tasks are reminded and go up to the
director once; bad input is refused whole."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.audit.models import AuditEntry
from apps.casework.models import Case
from apps.leading_group import selectors, services
from apps.leading_group.models import AgendaItem, Decision, Task
from apps.notifications.models import Notification
from apps.notifications.reminders import send_city_reminders
from apps.reporting.models import MonthlyFigure
from apps.workdays.calendar import add_working_days, is_working_day
from tenants.models import City
from tests.conftest import in_city
from tests.leading_group.helpers import held_meeting, meeting_data, people, reload, task_for

TODAY = datetime.date.today()


def test_a_meeting_decides_nothing_before_it_is_held(db):
    with in_city("hangzhou"):
        users = people()
        meeting = services.create_meeting(actor=users["clerk"], data=meeting_data(meeting_date=TODAY))
        with pytest.raises(ValidationError) as error:
            services.add_decision(actor=users["clerk"], record=meeting, data={"text": "决定"})
        assert "has not been held" in str(error.value) or "尚未召开" in str(error.value)
        assert Decision.objects.count() == 0


def test_a_meeting_in_the_future_cannot_be_recorded_as_held(db):
    with in_city("hangzhou"):
        users = people()
        meeting = services.create_meeting(
            actor=users["clerk"], data=meeting_data(meeting_date=TODAY + datetime.timedelta(days=3))
        )
        with pytest.raises(ValidationError) as error:
            services.hold_meeting(actor=users["clerk"], record=meeting, data={"attendance": []})
        assert "attendance" in error.value.message_dict
        meeting.case.refresh_from_db()
        assert meeting.case.state == "planned"


def test_a_task_deadline_before_the_meeting_is_a_clear_error_and_nothing_is_saved(db):
    with in_city("hangzhou"):
        users = people()
        meeting = held_meeting(users, on=TODAY - datetime.timedelta(days=10))
        cases_before = Case.objects.count()
        with pytest.raises(ValidationError) as error:
            services.assign_task(
                actor=users["clerk"],
                today=TODAY - datetime.timedelta(days=20),
                data={
                    "decision": meeting.decisions.first().pk,
                    "unit_code": users["submitter"].unit,
                    "title": "任务",
                    "requirement": "要求",
                    "deadline": TODAY - datetime.timedelta(days=15),
                },
            )
        assert "before the meeting" in " ".join(
            error.value.message_dict["deadline"]
        ) or "早于会议" in " ".join(error.value.message_dict["deadline"])
        assert Case.objects.count() == cases_before and Task.objects.count() == 0


def test_a_deadline_in_working_days_skips_weekends_and_holidays(db):
    with in_city("lanzhou"):
        users = people()
        meeting = held_meeting(users)
        task = task_for(users, meeting, days=5)
        assert task.deadline == add_working_days(TODAY, 5)
        assert is_working_day(task.deadline)
        saturday = TODAY + datetime.timedelta(days=(5 - TODAY.weekday()) % 7 or 7)
        with pytest.raises(ValidationError) as error:
            services.assign_task(
                actor=users["clerk"],
                data={
                    "decision": meeting.decisions.first().pk,
                    "unit_code": users["submitter"].unit,
                    "title": "任务",
                    "requirement": "要求",
                    "deadline": saturday,
                },
            )
        assert "deadline" in error.value.message_dict


def test_a_department_sees_and_answers_only_its_own_tasks(db):
    with in_city("hangzhou"):
        users = people()
        meeting = held_meeting(users)
        ours = task_for(users, meeting)
        theirs = task_for(users, meeting, unit=users["other_submitter"].unit, title="另一个部门的任务")
        assert list(selectors.tasks_for(users["submitter"])) == [ours]
        assert list(selectors.tasks_for(users["other_submitter"])) == [theirs]
        assert set(selectors.tasks_for(users["clerk"])) == {ours, theirs}
        assert not selectors.meetings_for(users["submitter"]).exists()
        with pytest.raises(PermissionDenied):
            services.report_done(actor=users["submitter"], record=theirs, data={"text": "代答"})
        assert reload(theirs).case.state == "assigned"


def test_two_departments_answer_and_the_office_closes_or_sends_back(db):
    with in_city("lanzhou"):
        users = people()
        meeting = held_meeting(users)
        first = task_for(users, meeting)
        second = task_for(users, meeting, unit=users["other_submitter"].unit, title="第二项")
        services.report_progress(actor=users["submitter"], record=first, data={"text": "正在办理"})
        assert reload(first).case.state == "in_progress"
        services.report_done(actor=users["submitter"], record=reload(first), data={"text": "已办结"})
        services.report_done(actor=users["other_submitter"], record=second, data={"text": "已完成"})
        with pytest.raises(PermissionDenied):  # a department cannot close its own task
            services.close_task(actor=users["submitter"], record=reload(first), data={})
        services.close_task(actor=users["reviewer"], record=reload(first), data={})
        with pytest.raises(ValidationError):  # sending back needs a reason
            services.send_back(actor=users["reviewer"], record=reload(second), data={"comment": ""})
        services.send_back(actor=users["reviewer"], record=reload(second), data={"comment": "请补充材料"})
        assert reload(first).case.state == "closed" and reload(first).closed_at
        assert reload(second).case.state == "in_progress"
        assert [r.done for r in reload(first).reports.all()] == [False, True]
        assert Notification.objects.filter(
            recipient=users["other_submitter"], kind="leading_group.task_sent_back"
        )
        actions = set(AuditEntry.objects.values_list("action", flat=True))
        assert {"leading_group.assign_task", "leading_group.report", "leading_group.task.close"} <= actions


def test_an_overdue_task_is_reminded_and_escalated_to_the_director_once(db):
    with in_city("hangzhou"):
        users = people()
        start = TODAY - datetime.timedelta(days=40)
        meeting = held_meeting(users, on=start)
        late = task_for(users, meeting, days=5, on=start)
        done = task_for(users, meeting, days=5, on=start, title="已办结的任务")
        services.report_done(actor=users["submitter"], record=done, data={"text": "已完成"})
        services.close_task(actor=users["reviewer"], record=reload(done), data={})
    city = City.offices.get(code="hangzhou")
    send_city_reminders(city=city, today=TODAY)
    send_city_reminders(city=city, today=TODAY)
    with in_city("hangzhou"):
        late = reload(late)
        assert late.escalated_at is not None and reload(done).escalated_at is None
        escalations = Notification.objects.filter(kind="leading_group.escalated")
        assert [n.recipient_id for n in escalations] == [users["director"].pk]
        overdue_notes = Notification.objects.filter(kind="leading_group.task_overdue")
        assert {n.recipient_id for n in overdue_notes} == {users["clerk"].pk, users["submitter"].pk}
        assert AuditEntry.objects.filter(action="leading_group.escalate", object_id=str(late.pk)).count() == 1
        waiting = selectors.waiting_for(users["director"])
        assert [item.title for item in waiting] == [late.title]
        assert [t.pk for t in selectors.search_tasks(users["clerk"], status="overdue")] == [late.pk]
    assert MonthlyFigure.objects.get(city=city, metric="leading_group.overdue").value == 1


def test_a_task_is_reminded_to_its_department_before_the_deadline(db):
    with in_city("lanzhou"):
        users = people()
        meeting = held_meeting(users)
        task = task_for(users, meeting, days=2)
    send_city_reminders(city=City.offices.get(code="lanzhou"), today=TODAY)
    with in_city("lanzhou"):
        notes = Notification.objects.filter(kind="leading_group.task_due", subject_id=str(task.pk))
        assert [n.recipient_id for n in notes] == [users["submitter"].pk]
        assert not Notification.objects.filter(kind="leading_group.escalated").exists()


def test_agenda_items_come_from_departments_for_meetings_in_preparation(db):
    with in_city("hangzhou"):
        users = people()
        meeting = services.create_meeting(
            actor=users["clerk"],
            data=meeting_data(meeting_date=TODAY + datetime.timedelta(days=20), agenda_deadline=TODAY),
        )
        item = services.propose_item(
            actor=users["submitter"],
            data={
                "meeting": meeting.pk,
                "unit_code": users["other_submitter"].unit,
                "title": "议题",
                "summary": "说明",
            },
        )
        assert item.unit_code == users["submitter"].unit  # a department proposes for itself
        services.review_item(
            actor=users["division_head"], record=meeting, data={"item": item.pk, "accept": True}
        )
        assert AgendaItem.objects.get(pk=item.pk).status == "accepted"
        with pytest.raises(ValidationError):  # past the agenda deadline
            services.propose_item(
                actor=users["submitter"],
                today=TODAY + datetime.timedelta(days=1),
                data={"meeting": meeting.pk, "title": "迟到的议题", "summary": "说明"},
            )
        assert AgendaItem.objects.count() == 1


def test_key_points_are_tracked_by_the_same_tasks(db):
    with in_city("lanzhou"):
        users = people()
        point = services.create_key_point(
            actor=users["clerk"],
            data={"year": TODAY.year, "title": "深化友城交流", "division": "coordination"},
        )
        task = services.assign_task(
            actor=users["clerk"],
            data={
                "key_point": point.pk,
                "unit_code": users["submitter"].unit,
                "title": "友城合作清单",
                "requirement": "制定清单",
                "working_days": 10,
            },
        )
        assert task.key_point == point and task.meeting is None
        assert list(selectors.tasks_for(users["submitter"])) == [task]
        with pytest.raises(ValidationError):  # one source, not two
            services.assign_task(
                actor=users["clerk"],
                data={
                    "unit_code": users["submitter"].unit,
                    "title": "x",
                    "requirement": "y",
                    "working_days": 3,
                },
            )
