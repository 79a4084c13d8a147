"""The daily run: complaints whose deadline is near or past (to the complaint handlers),
settlement tasks past their deadline (to the department), and the province's snapshot of
overdue complaints."""

from __future__ import annotations

import datetime

from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.notifications.recipients import dedupe_key, due_phrase, unit_submitters
from apps.notifications.services import in_both, recipients_with_role
from apps.overseas_chinese.models import Complaint, IdentityConfirmation, SettlementTask
from apps.registry.modules import Reminder
from apps.reporting import figures
from apps.workdays.calendar import add_working_days


def due_reminders(today: datetime.date) -> list[Reminder]:
    reminders: list[Reminder] = []
    soon = add_working_days(today, 3)
    handlers = list(recipients_with_role("clerk")) + list(recipients_with_role("division_head"))
    open_complaints = Complaint.objects.filter(is_open=True, due_on__isnull=False)
    for complaint in open_complaints.filter(due_on__lte=soon).select_related("case").order_by("due_on")[:200]:
        due = complaint.due_on
        reminders.append(
            Reminder(
                recipients=handlers,
                kind="overseas_chinese.complaint_due",
                subject=in_both(
                    lambda c=complaint, d=due: (
                        _("Complaint %(when)s: %(title)s") % {"when": due_phrase(d, today), "title": c.title}
                    )
                ),
                body=in_both(lambda c=complaint: _("Received on %(date)s.") % {"date": c.received_on}),
                url=reverse("overseas_chinese:complaint", args=[complaint.pk]),
                about=complaint,
                dedupe_key=dedupe_key("overseas_chinese.complaint_due", complaint, today),
            )
        )
    in_review = IdentityConfirmation.objects.filter(case__state="in_review", due_on__lte=soon).select_related(
        "case"
    )
    for record in in_review.order_by("due_on")[:200]:
        role = record.case.current_role
        if not role:
            continue
        reminders.append(
            Reminder(
                recipients=list(recipients_with_role(role)),
                kind="overseas_chinese.identity_due",
                subject=in_both(
                    lambda r=record: (
                        _("Identity confirmation %(when)s: %(title)s")
                        % {"when": due_phrase(r.due_on, today), "title": r.title}
                    )
                ),
                body=in_both(lambda: _("The statutory deadline is counted in working days.")),
                url=reverse("overseas_chinese:identity", args=[record.pk]),
                about=record,
                dedupe_key=dedupe_key("overseas_chinese.identity_due", record, today),
            )
        )
    for task in SettlementTask.objects.filter(
        replied_on__isnull=True, due_on__lt=today, settlement__state="open"
    ):
        reminders.append(
            Reminder(
                recipients=unit_submitters(task.unit_code),
                kind="overseas_chinese.task_overdue",
                subject=in_both(
                    lambda t=task: _("Settlement task overdue: %(need)s") % {"need": t.need_label}
                ),
                body=task.request,
                url=reverse("overseas_chinese:tasks"),
                about=task,
                dedupe_key=dedupe_key("overseas_chinese.task_overdue", task, today),
            )
        )
    if getattr(connection.tenant, "province_id", None):
        figures.set_figure(
            metric="overseas_chinese.complaints_overdue",
            on=today,
            value=open_complaints.filter(due_on__lt=today).count(),
        )
    return reminders
