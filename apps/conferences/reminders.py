"""What the conferences module reminds people of each working morning, and the snapshot it
leaves for the province: outcome reports due within 3 working days or overdue go to the
clerks and the organiser's submitters; the number overdue goes to the province."""

from __future__ import annotations

import datetime

from django.urls import reverse

from apps.conferences import selectors
from apps.conferences.models import Conference
from apps.notifications.recipients import clerks_and_unit, dedupe_key, due_phrase
from apps.notifications.services import recipients_with_role
from apps.registry.modules import Reminder

REPORT_WORKING_DAYS = 3
OVERDUE_METRIC = "conferences.overdue_reports"


def report_reminders(today: datetime.date) -> list[Reminder]:
    from apps.workdays.calendar import add_working_days

    horizon = add_working_days(today, REPORT_WORKING_DAYS)
    clerks = list(recipients_with_role("clerk"))
    due = Conference.objects.filter(case__state="issued", report_due__isnull=False, report_due__lte=horizon)
    reminders = []
    for conference in due.order_by("report_due", "pk"):
        when = due_phrase(conference.report_due, today)
        reminders.append(
            Reminder(
                recipients=clerks_and_unit(conference.unit_code, clerks=clerks),
                kind="conferences.report_due",
                subject=f"活动总结{when}：{conference.title}",
                body=(
                    f"“{conference.title}”（{conference.unit_name}）已于{conference.end:%Y-%m-%d}结束，"
                    f"活动总结{when}，请按时报送。"
                ),
                url=reverse("conferences:detail", args=[conference.pk], urlconf="waiban.urls_city"),
                about=conference,
                dedupe_key=dedupe_key("conferences.report_due", conference, today),
            )
        )
    return reminders


def record_overdue_figure(today: datetime.date) -> int:
    from apps.reporting import figures

    count = selectors.overdue(Conference.objects.all(), today).count()
    figures.set_figure(metric=OVERDUE_METRIC, on=today, value=count)
    return count


def due_reminders(today: datetime.date) -> list[Reminder]:
    record_overdue_figure(today)
    return report_reminders(today)
