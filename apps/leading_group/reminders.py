"""What the Leading Group office reminds people of each working morning: a task's
department before its deadline (``remind_before_working_days``) and every day once it is
overdue (with the clerks); overdue tasks go up to the director once
(``services.escalate_overdue``); the number overdue goes to the province."""

from __future__ import annotations

import datetime

from django.urls import reverse

from apps.leading_group import selectors, services
from apps.leading_group.models import Task
from apps.leading_group.workflow import ANSWERABLE_STATES
from apps.notifications.recipients import clerks_and_unit, dedupe_key, due_phrase, unit_submitters
from apps.notifications.services import recipients_with_role
from apps.registry.modules import Reminder
from apps.workdays.calendar import add_working_days

OVERDUE_METRIC = "leading_group.overdue"


def _url(task: Task) -> str:
    return reverse("leading_group:task", args=[task.pk], urlconf="waiban.urls_city")


def due_reminders(today: datetime.date) -> list[Reminder]:
    from apps.reporting import figures

    escalated = services.escalate_overdue(today)
    figures.set_figure(
        metric=OVERDUE_METRIC, on=today, value=selectors.overdue(Task.objects.all(), today).count()
    )
    horizon = add_working_days(today, services.settings().get("remind_before_working_days", 3))
    clerks = list(recipients_with_role("clerk"))
    reminders = []
    tasks = Task.objects.select_related("case").filter(
        case__state__in=ANSWERABLE_STATES, deadline__lte=horizon
    )
    for task in tasks.order_by("deadline", "pk"):
        late = task.deadline < today
        recipients = (
            clerks_and_unit(task.unit_code, clerks=clerks) if late else unit_submitters(task.unit_code)
        )
        if not recipients:
            recipients = clerks
        kind = "leading_group.task_overdue" if late else "leading_group.task_due"
        reminders.append(
            Reminder(
                recipients=recipients,
                kind=kind,
                subject=f"督办事项{'已逾期' if late else '即将到期'}：{task.title}",
                body=(
                    f"“{task.title}”（{task.unit_name}）{due_phrase(task.deadline, today)}，"
                    "请及时报送办理情况。"
                ),
                url=_url(task),
                about=task,
                dedupe_key=dedupe_key(kind, task, today),
            )
        )
    del escalated  # notified by the service itself (once per task)
    return reminders
