"""What the overseas NGOs module reminds the office of each working morning: representative
offices' plans and reports due within ``remind_before_days`` and those late (daily, to the
clerks), and the number of those late for the province."""

from __future__ import annotations

import datetime

from django.urls import reverse

from apps.notifications.recipients import dedupe_key, due_phrase
from apps.notifications.services import recipients_with_role
from apps.overseas_ngos import selectors, services
from apps.registry.modules import Reminder

LATE_METRIC = "overseas_ngos.annual_late"


def due_reminders(today: datetime.date) -> list[Reminder]:
    from apps.reporting import figures

    late = selectors.late(None, today)
    figures.set_figure(metric=LATE_METRIC, on=today, value=len(late))
    horizon = today + datetime.timedelta(days=services.settings().get("remind_before_days", 15))
    rows = [
        row
        for row in selectors.current_cycle(None, today)
        if row.late or (row.document is None and today <= row.due <= horizon)
    ]
    clerks = list(recipients_with_role("clerk"))
    reminders = []
    for row in rows:
        kind = "overseas_ngos.annual_late" if row.late else "overseas_ngos.annual_due"
        name = f"{row.organisation.name_zh}{row.year}年度{'工作计划' if row.kind == 'plan' else '工作报告'}"
        reminders.append(
            Reminder(
                recipients=clerks,
                kind=kind,
                subject=f"{'逾期未报' if row.late else '即将到期'}：{name}",
                body=f"{name}{due_phrase(row.due, today)}，请督促该代表机构报送。",
                url=reverse(
                    "overseas_ngos:organisation", args=[row.organisation.pk], urlconf="waiban.urls_city"
                ),
                about=row.organisation,
                dedupe_key=dedupe_key(f"{kind}.{row.kind}.{row.year}", row.organisation, today),
            )
        )
    return reminders
