"""What the donations module reminds people of each working morning, and the snapshot it
leaves for the province: donations in use whose progress report or completion is past
due go to the clerks and the recipient unit's submitters, their number to the province."""

from __future__ import annotations

import datetime

from django.urls import reverse

from apps.donations import selectors
from apps.notifications.recipients import clerks_and_unit, dedupe_key
from apps.notifications.services import recipients_with_role
from apps.registry.modules import Reminder

OVERDUE_METRIC = "donations.use_overdue"


def due_reminders(today: datetime.date) -> list[Reminder]:
    from apps.reporting import figures

    overdue = list(selectors.overdue(today).order_by("next_report_due", "pk"))
    figures.set_figure(metric=OVERDUE_METRIC, on=today, value=len(overdue))
    clerks = list(recipients_with_role("clerk"))
    reminders = []
    for donation in overdue:
        due = min(d for d in (donation.next_report_due, donation.use_due) if d is not None)
        reminders.append(
            Reminder(
                recipients=clerks_and_unit(donation.unit_code, clerks=clerks),
                kind="donations.use_report_overdue",
                subject=f"捐赠使用情况报告逾期：{donation.title}",
                body=(
                    f"“{donation.title}”（{donation.unit_name}）的使用情况报告应于{due:%Y-%m-%d}前提交，"
                    "现已逾期，请尽快报告使用进展或办理结项。"
                ),
                url=reverse("donations:detail", args=[donation.pk], urlconf="waiban.urls_city"),
                about=donation,
                dedupe_key=dedupe_key("donations.use_report_overdue", donation, today),
            )
        )
    return reminders
