"""Reads of the Leading Group office: only what the actor may see. A department's
submitter sees its own unit's tasks and agenda items, never the meetings or another
department's tasks (``apps.accounts.scoping``)."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.roles import permissions_for_role
from apps.accounts.scoping import is_unit_bound, scope_to_unit
from apps.casework.selectors import WaitingItem
from apps.leading_group.models import AgendaItem, KeyPoint, Meeting, Task
from apps.leading_group.workflow import ANSWERABLE_STATES, OPEN_TASK_STATES


def _holds(actor, permission: str) -> bool:
    return permission in permissions_for_role(getattr(actor, "role", ""), connection.tenant.profile)


def meetings_for(actor) -> QuerySet[Meeting]:
    """The office's meetings (a unit-bound submitter sees none: they are the office's)."""
    if is_unit_bound(actor) or not _holds(actor, "leading_group.oversee"):
        return Meeting.objects.none()
    return Meeting.objects.select_related("case")


def search_meetings(actor, *, q="", state="", year=None) -> QuerySet[Meeting]:
    queryset = meetings_for(actor).matching(q)
    if state:
        queryset = queryset.filter(case__state=state)
    if year:
        queryset = queryset.filter(meeting_date__year=year)
    return queryset.order_by("-meeting_date", "-pk")


def open_for_agenda(today: datetime.date | None = None) -> QuerySet[Meeting]:
    """Meetings in preparation still taking agenda items (title and date are all a
    department sees of them)."""
    today = today or timezone.localdate()
    queryset = Meeting.objects.select_related("case").filter(case__state="planned", meeting_date__gte=today)
    return queryset.exclude(agenda_deadline__lt=today).order_by("meeting_date", "pk")


def agenda_items_for(actor) -> QuerySet[AgendaItem]:
    return scope_to_unit(AgendaItem.objects.select_related("meeting"), actor).order_by("-proposed_at", "-pk")


def tasks_for(actor) -> QuerySet[Task]:
    return Task.objects.visible_to(actor).select_related("decision", "meeting", "key_point")


def search_tasks(
    actor, *, q="", state="", unit="", status="", meeting=None, key_point=None, today=None
) -> QuerySet[Task]:
    """``status``: open, overdue (past the deadline, not closed), escalated, closed."""
    today = today or timezone.localdate()
    queryset = tasks_for(actor).matching(q)
    if state:
        queryset = queryset.filter(case__state=state)
    if unit:
        queryset = queryset.filter(unit_code=unit)
    if meeting:
        queryset = queryset.filter(meeting_id=meeting)
    if key_point:
        queryset = queryset.filter(key_point_id=key_point)
    if status == "open":
        queryset = queryset.filter(case__state__in=OPEN_TASK_STATES)
    elif status == "overdue":
        queryset = overdue(queryset, today)
    elif status == "escalated":
        queryset = queryset.filter(case__state__in=OPEN_TASK_STATES, escalated_at__isnull=False)
    elif status == "closed":
        queryset = queryset.filter(case__state="closed")
    return queryset.order_by("deadline", "pk")


def overdue(queryset: QuerySet[Task], today: datetime.date) -> QuerySet[Task]:
    return queryset.filter(case__state__in=OPEN_TASK_STATES, deadline__lt=today)


def key_points_for(actor, *, year: int | None = None) -> QuerySet[KeyPoint]:
    if is_unit_bound(actor) or not _holds(actor, "leading_group.oversee"):
        return KeyPoint.objects.none()
    queryset = KeyPoint.objects.prefetch_related("tasks__case")
    return queryset.filter(year=year) if year else queryset


def supervision_rows(meeting: Meeting) -> list[dict]:
    """The supervision sheet (督办单) of a meeting: each decision with its tasks."""
    rows = []
    tasks = list(meeting.tasks.select_related("case").prefetch_related("reports").order_by("pk"))
    for decision in meeting.decisions.all():
        rows.append({"decision": decision, "tasks": [t for t in tasks if t.decision_id == decision.pk]})
    return rows


def waiting_for(actor) -> list[WaitingItem]:
    """A department: its open tasks to answer; the office: tasks reported done, to check;
    the director: overdue tasks escalated to them."""
    items: list[WaitingItem] = []
    if not getattr(actor, "is_authenticated", False):
        return items

    def url(task: Task) -> str:
        return reverse("leading_group:task", args=[task.pk], urlconf="waiban.urls_city")

    if is_unit_bound(actor) and _holds(actor, "leading_group.answer"):
        for task in tasks_for(actor).filter(case__state__in=ANSWERABLE_STATES).order_by("deadline")[:50]:
            items.append(
                WaitingItem(
                    task=_("Answer the follow-up task"),
                    title=task.title,
                    url=url(task),
                    since=task.assigned_on,
                    due=task.deadline,
                )
            )
        return items
    if _holds(actor, "leading_group.close"):
        for task in tasks_for(actor).filter(case__state="done_reported").order_by("deadline")[:50]:
            items.append(
                WaitingItem(
                    task=_("Check and close the follow-up task"),
                    title=task.title,
                    url=url(task),
                    since=task.assigned_on,
                    due=task.deadline,
                )
            )
    if actor.role == "director":
        escalated = tasks_for(actor).filter(case__state__in=OPEN_TASK_STATES, escalated_at__isnull=False)
        for task in escalated.order_by("deadline")[:50]:
            items.append(
                WaitingItem(
                    task=_("Overdue follow-up task escalated to you"),
                    title=task.title,
                    url=url(task),
                    since=task.escalated_at,
                    due=task.deadline,
                )
            )
    return items


def division_label(code: str) -> str:
    from apps.registry.i18n import label

    for division in connection.tenant.profile.get("divisions") or []:
        if division["code"] == code:
            return label(division["names"], code)
    return code
