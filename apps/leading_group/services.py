"""Writes of the Leading Group office. Every state change of a meeting or a task goes
through the casework engine; every write is one transaction with its audit row."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.roles import permissions_for_role
from apps.accounts.scoping import can_see_unit, is_unit_bound
from apps.audit import services as audit
from apps.casework import services as casework
from apps.leading_group.models import (
    AgendaItem,
    Attendance,
    Decision,
    KeyPoint,
    Meeting,
    ProgressReport,
    Task,
)
from apps.leading_group.workflow import ANSWERABLE_STATES, OPEN_TASK_STATES
from apps.notifications import services as notifications
from apps.notifications.recipients import unit_submitters
from apps.registry.settings import module_settings
from apps.registry.units import unit_kind
from apps.workdays.calendar import add_working_days, is_working_day, working_days_between

MEETING_WORKFLOW = "leading_group.meeting"
TASK_WORKFLOW = "leading_group.task"


def _require(actor, permission: str) -> None:
    if permission not in permissions_for_role(actor.role, connection.tenant.profile):
        raise PermissionDenied(_("You may not do this."))


def _known_unit(code: str, field: str = "unit_code") -> None:
    known = {unit["code"] for unit in connection.tenant.profile.get("submitting_units") or []}
    if code not in known:
        raise ValidationError({field: [_("Unknown submitting unit.")]})


def _url(name: str, pk: int) -> str:
    from django.urls import reverse

    return reverse(f"leading_group:{name}", args=[pk], urlconf="waiban.urls_city")


def settings() -> dict[str, Any]:
    return module_settings("leading_group")


# --- meetings -------------------------------------------------------------------------

MEETING_FIELDS = ["title", "kind", "meeting_date", "place", "chair", "agenda_deadline"]


def create_meeting(*, actor, data: dict[str, Any]) -> Meeting:
    _require(actor, "leading_group.manage")
    deadline = data.get("agenda_deadline")
    if deadline and deadline > data["meeting_date"]:
        raise ValidationError({"agenda_deadline": [_("Agenda items must be in before the meeting.")]})
    with transaction.atomic():
        case = casework.open_case(actor=actor, workflow_id=MEETING_WORKFLOW, title=data["title"])
        meeting = Meeting.objects.create(case=case, unit_code="", **{f: data.get(f) for f in MEETING_FIELDS})
        meeting.refresh_search_text()
        audit.record(
            actor=actor,
            action="leading_group.create_meeting",
            obj=meeting,
            after={f: data.get(f) for f in MEETING_FIELDS},
        )
    return meeting


def propose_item(*, actor, data: dict[str, Any], today: datetime.date | None = None) -> AgendaItem:
    """A department (or the office) proposes a topic for a meeting in preparation."""
    _require(actor, "leading_group.propose")
    today = today or timezone.localdate()
    data = dict(data)
    if is_unit_bound(actor):
        data["unit_code"] = actor.unit  # a department proposes for itself only
    if data.get("unit_code"):
        _known_unit(data["unit_code"])
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update()
            .select_related("case")
            .filter(pk=getattr(data["meeting"], "pk", data["meeting"]))
            .first()
        )
        if meeting is None or meeting.state != "planned":
            raise ValidationError({"meeting": [_("This meeting no longer takes agenda items.")]})
        if meeting.agenda_deadline and today > meeting.agenda_deadline:
            raise ValidationError(
                {
                    "meeting": [
                        _("Agenda items for this meeting were due by %(date)s.")
                        % {"date": meeting.agenda_deadline.isoformat()}
                    ]
                }
            )
        order = (meeting.agenda_items.aggregate(top=Max("order"))["top"] or 0) + 1
        item = AgendaItem.objects.create(
            meeting=meeting,
            unit_code=data.get("unit_code") or "",
            title=data["title"],
            summary=data["summary"],
            order=order,
            proposed_by=actor,
        )
        audit.record(
            actor=actor,
            action="leading_group.propose_item",
            obj=meeting,
            after={"item": item.pk, "title": item.title, "unit": item.unit_code},
        )
        notifications.notify(
            recipients=notifications.recipients_with_role("clerk"),
            kind="leading_group.agenda_item",
            subject=notifications.in_both(
                lambda: _("Agenda item proposed: %(title)s") % {"title": item.title}
            ),
            body=notifications.in_both(
                lambda: (
                    _("%(unit)s proposes “%(title)s” for “%(meeting)s”.")
                    % {"unit": item.unit_name, "title": item.title, "meeting": meeting.title}
                )
            ),
            url=_url("meeting", meeting.pk),
            about=meeting,
        )
    return item


def review_item(*, actor, record: Meeting, data: dict[str, Any]) -> Meeting:
    """The office puts a proposed topic on the agenda, or not."""
    _require(actor, "leading_group.manage")
    with transaction.atomic():
        item = record.agenda_items.select_for_update().filter(pk=data["item"]).first()
        if item is None:
            raise ValidationError({"item": [_("Not an agenda item of this meeting.")]})
        before = item.status
        item.status = "accepted" if data["accept"] else "declined"
        item.decided_by = actor
        item.save(update_fields=["status", "decided_by"])
        audit.record(
            actor=actor,
            action="leading_group.review_item",
            obj=record,
            before={"item": item.pk, "status": before},
            after={"item": item.pk, "status": item.status},
        )
        if item.unit_code:
            status = item.get_status_display
            notifications.notify(
                recipients=unit_submitters(item.unit_code),
                kind="leading_group.agenda_item",
                subject=notifications.in_both(
                    lambda: _("%(title)s: %(status)s") % {"title": item.title, "status": str(status())}
                ),
                body=notifications.in_both(
                    lambda: (
                        _("Your agenda item for “%(meeting)s”: %(status)s.")
                        % {"meeting": record.title, "status": str(status())}
                    )
                ),
                url="",
                about=record,
            )
    return record


def hold_meeting(
    *, actor, record: Meeting, data: dict[str, Any], today: datetime.date | None = None
) -> Meeting:
    """Records the meeting as held, with who attended."""
    today = today or timezone.localdate()
    if record.meeting_date > today:
        raise ValidationError(
            {
                "attendance": [
                    _("The meeting is on %(date)s; it cannot be recorded as held before.")
                    % {"date": record.meeting_date.isoformat()}
                ]
            }
        )
    rows = data.get("attendance") or []
    if not rows:
        raise ValidationError({"attendance": [_("Record who attended.")]})
    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="hold",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        Attendance.objects.bulk_create(
            Attendance(
                meeting=record,
                order=index,
                **{k: row.get(k, "") for k in ("name", "position", "status", "note")},
            )
            for index, row in enumerate(rows)
        )
        Meeting.objects.filter(pk=record.pk).update(held_at=timezone.now())
        audit.record(
            actor=actor,
            action="leading_group.attendance",
            obj=record,
            after={"attendance": [f"{row['name']} ({row['status']})" for row in rows]},
        )
        from apps.reporting import figures

        figures.count(metric="leading_group.meetings", on=record.meeting_date)
    return record


def issue_minutes(*, actor, record: Meeting, data: dict[str, Any]) -> Meeting:
    minutes = (data.get("minutes") or "").strip()
    if not minutes:
        raise ValidationError({"minutes": [_("Write the minutes.")]})
    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="issue_minutes",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        Meeting.objects.filter(pk=record.pk).update(minutes=minutes, minutes_issued_at=timezone.now())
        audit.record(actor=actor, action="leading_group.minutes", obj=record, after={"minutes": minutes})
    return record


def add_decision(*, actor, record: Meeting, data: dict[str, Any]) -> Meeting:
    """A decision of the meeting: only a meeting that has been held decides anything."""
    _require(actor, "leading_group.manage")
    text = (data.get("text") or "").strip()
    if not text:
        raise ValidationError({"text": [_("Write the decision.")]})
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("case").get(pk=record.pk)
        if not meeting.happened:
            raise ValidationError(
                {"text": [_("This meeting has not been held: it has decided nothing yet.")]}
            )
        number = (meeting.decisions.aggregate(top=Max("number"))["top"] or 0) + 1
        decision = Decision.objects.create(meeting=meeting, number=number, text=text, recorded_by=actor)
        audit.record(
            actor=actor,
            action="leading_group.add_decision",
            obj=meeting,
            after={"number": number, "text": text},
        )
    del decision
    return record


# --- key points -----------------------------------------------------------------------


def create_key_point(*, actor, data: dict[str, Any]) -> KeyPoint:
    _require(actor, "leading_group.manage")
    divisions = {d["code"] for d in connection.tenant.profile.get("divisions") or []}
    if data.get("division") and data["division"] not in divisions:
        raise ValidationError({"division": [_("Unknown division.")]})
    with transaction.atomic():
        number = (KeyPoint.objects.filter(year=data["year"]).aggregate(top=Max("number"))["top"] or 0) + 1
        point = KeyPoint.objects.create(
            year=data["year"],
            number=number,
            title=data["title"],
            text=data.get("text") or "",
            division=data.get("division") or "",
            created_by=actor,
        )
        audit.record(
            actor=actor,
            action="leading_group.create_key_point",
            obj=point,
            after={"year": point.year, "number": number, "title": point.title},
        )
    return point


# --- follow-up tasks ------------------------------------------------------------------


def task_deadline(
    data: dict[str, Any], *, start: datetime.date, not_before: datetime.date | None
) -> datetime.date:
    """The task's deadline: a date given, or so many working days after ``start``; never
    before the meeting (``not_before``) nor today, and on a working day."""
    deadline = data.get("deadline")
    days = data.get("working_days")
    if deadline and days:
        raise ValidationError({"working_days": [_("Give a deadline or a number of working days, not both.")]})
    if not deadline and not days:
        raise ValidationError({"deadline": [_("Give a deadline or a number of working days.")]})
    if days:
        deadline = add_working_days(start, days)
    if not_before and deadline < not_before:
        raise ValidationError(
            {
                "deadline": [
                    _("The deadline %(deadline)s is before the meeting (%(meeting)s).")
                    % {"deadline": deadline.isoformat(), "meeting": not_before.isoformat()}
                ]
            }
        )
    if deadline < start:
        raise ValidationError({"deadline": [_("The deadline is in the past.")]})
    if not is_working_day(deadline):
        raise ValidationError(
            {
                "deadline": [
                    _("%(date)s is not a working day; the next one is %(next)s.")
                    % {"date": deadline.isoformat(), "next": add_working_days(deadline, 1).isoformat()}
                ]
            }
        )
    return deadline


def assign_task(*, actor, data: dict[str, Any], today: datetime.date | None = None) -> Task:
    """A follow-up task for one department, from a decision of a meeting held or from a
    key point of the year's work."""
    _require(actor, "leading_group.manage")
    today = today or timezone.localdate()
    decision, key_point = data.get("decision"), data.get("key_point")
    if bool(decision) == bool(key_point):
        raise ValidationError({"decision": [_("A task follows from one decision or one key point.")]})
    _known_unit(data.get("unit_code") or "")
    meeting = None
    if decision:
        decision = (
            Decision.objects.select_related("meeting__case")
            .filter(pk=getattr(decision, "pk", decision))
            .first()
        )
        if decision is None:
            raise ValidationError({"decision": [_("No such decision.")]})
        meeting = decision.meeting
        if not meeting.happened:
            raise ValidationError({"decision": [_("This meeting has not been held.")]})
    else:
        key_point = KeyPoint.objects.filter(pk=getattr(key_point, "pk", key_point)).first()
        if key_point is None:
            raise ValidationError({"key_point": [_("No such key point.")]})
    deadline = task_deadline(data, start=today, not_before=meeting.meeting_date if meeting else None)
    with transaction.atomic():
        case = casework.open_case(
            actor=actor, workflow_id=TASK_WORKFLOW, title=data["title"], unit_code=data["unit_code"]
        )
        task = Task.objects.create(
            case=case,
            title=data["title"],
            unit_code=data["unit_code"],
            unit_kind=unit_kind(data["unit_code"]),
            decision=decision,
            meeting=meeting,
            key_point=key_point,
            requirement=data["requirement"],
            assigned_on=today,
            deadline=deadline,
        )
        task.refresh_search_text()
        audit.record(
            actor=actor,
            action="leading_group.assign_task",
            obj=task,
            after={
                "unit": task.unit_code,
                "deadline": deadline,
                "decision": decision.pk if decision else None,
                "key_point": key_point.pk if key_point else None,
                "requirement": task.requirement,
            },
        )
        notifications.notify(
            recipients=unit_submitters(task.unit_code),
            kind="leading_group.task_assigned",
            subject=notifications.in_both(lambda: _("Follow-up task: %(title)s") % {"title": task.title}),
            body=notifications.in_both(
                lambda: (
                    _("Your department is to do this by %(date)s and report on it.")
                    % {"date": deadline.isoformat()}
                )
            ),
            url=_url("task", task.pk),
            about=task,
        )
        from apps.reporting import figures

        figures.count(metric="leading_group.tasks", on=today)
    return task


def _answer(*, actor, record: Task, data: dict[str, Any], done: bool) -> Task:
    if not can_see_unit(actor, record.unit_code):
        raise PermissionDenied(_("You may not do this."))
    text = (data.get("text") or "").strip()
    if not text:
        raise ValidationError({"text": [_("Write the report.")]})
    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="report_done" if done else "report_progress",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        report = ProgressReport.objects.create(task=record, text=text, done=done, reported_by=actor)
        audit.record(
            actor=actor,
            action="leading_group.report",
            obj=record,
            after={"report": report.pk, "done": done, "text": text},
        )
    return record


def report_progress(*, actor, record: Task, data: dict[str, Any]) -> Task:
    return _answer(actor=actor, record=record, data=data, done=False)


def report_done(*, actor, record: Task, data: dict[str, Any]) -> Task:
    return _answer(actor=actor, record=record, data=data, done=True)


def send_back(*, actor, record: Task, data: dict[str, Any]) -> Task:
    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="send_back",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        notifications.notify(
            recipients=unit_submitters(record.unit_code),
            kind="leading_group.task_sent_back",
            subject=notifications.in_both(lambda: _("Not done yet: %(title)s") % {"title": record.title}),
            body=notifications.in_both(lambda: data.get("comment", "")),
            url=_url("task", record.pk),
            about=record,
        )
    return record


def close_task(*, actor, record: Task, data: dict[str, Any]) -> Task:
    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="close",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        Task.objects.filter(pk=record.pk).update(closed_at=timezone.now())
        notifications.mark_done(about=record, kind="leading_group.escalated")
        notifications.notify(
            recipients=unit_submitters(record.unit_code),
            kind="leading_group.task_closed",
            subject=notifications.in_both(lambda: _("Task closed: %(title)s") % {"title": record.title}),
            body=notifications.in_both(lambda: _("The office has closed this follow-up task.")),
            url=_url("task", record.pk),
            about=record,
        )
        from apps.reporting import figures

        figures.count(metric="leading_group.tasks_closed", on=timezone.localdate())
    return record


def escalate_overdue(today: datetime.date) -> list[Task]:
    """Overdue tasks (``escalate_after_working_days`` working days past the deadline, still
    open) go up to the office's director, once each: marked, audited, notified."""
    after = settings().get("escalate_after_working_days", 1)
    escalated = []
    with transaction.atomic():
        candidates = (
            Task.objects.select_for_update()
            .filter(case__state__in=OPEN_TASK_STATES, deadline__lt=today, escalated_at__isnull=True)
            .order_by("deadline", "pk")
        )
        directors = list(notifications.recipients_with_role("director"))
        for task in candidates:
            late = working_days_between(task.deadline, today)
            if late < after:
                continue
            task.escalated_at = timezone.now()
            task.save(update_fields=["escalated_at"])
            audit.record(
                actor=None,
                action="leading_group.escalate",
                obj=task,
                after={"deadline": task.deadline, "working_days_late": late},
            )
            notifications.notify(
                recipients=directors,
                kind="leading_group.escalated",
                subject=notifications.in_both(
                    lambda t=task: _("Overdue task: %(title)s") % {"title": t.title}
                ),
                body=notifications.in_both(
                    lambda t=task, n=late: (
                        _("%(unit)s has not completed it: due by %(date)s, %(days)s working days late.")
                        % {"unit": t.unit_name, "date": t.deadline.isoformat(), "days": n}
                    )
                ),
                url=_url("task", task.pk),
                about=task,
                dedupe_key=f"leading_group.escalated:{task.pk}",
            )
            escalated.append(task)
    return escalated


__all__ = ["ANSWERABLE_STATES"]
