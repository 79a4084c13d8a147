"""What the consulates module reminds the clerks of each working morning: answers to notes
verbales and requests due within ``deadline_notice_days`` or overdue (daily until answered),
national-day invitations not yet answered ahead of the reception (once); and the number of
overdue answers for the province."""

from __future__ import annotations

import datetime

from django.urls import reverse

from apps.consulates import selectors
from apps.consulates.models import LiaisonEntry, NationalDay
from apps.notifications.recipients import dedupe_key, due_phrase
from apps.notifications.services import recipients_with_role
from apps.registry.modules import Reminder
from apps.registry.settings import module_settings


def answer_reminders(today: datetime.date, clerks) -> list[Reminder]:
    days = module_settings("consulates")["deadline_notice_days"]
    horizon = today + datetime.timedelta(days=days)
    rows = LiaisonEntry.objects.select_related("partner").filter(
        deadline__isnull=False, answered_on__isnull=True, deadline__lte=horizon
    )
    url = reverse("consulates:liaison", urlconf="waiban.urls_city")
    return [
        Reminder(
            recipients=clerks,
            kind="consulates.answer_due",
            subject=f"{e.partner.name_zh}{e.kind_label}答复{due_phrase(e.deadline, today)}",
            body=f"{e.partner.name_zh}于{e.date:%Y-%m-%d}的{e.kind_label}“{e.subject}”须于{e.deadline:%Y-%m-%d}前答复。",
            url=f"{url}?status=open",
            about=e,
            dedupe_key=dedupe_key("consulates.answer_due", e, today),
        )
        for e in rows
    ]


def national_day_reminders(today: datetime.date, clerks) -> list[Reminder]:
    days = module_settings("consulates")["national_day_notice_days"]
    rows = NationalDay.objects.select_related("partner").filter(
        response="pending", date__gte=today, date__lte=today + datetime.timedelta(days=days)
    )
    url = reverse("consulates:national_days", urlconf="waiban.urls_city")
    return [
        Reminder(
            recipients=clerks,
            kind="consulates.national_day",
            subject=f"国庆招待会邀请待答复：{d.partner.name_zh}",
            body=f"{d.partner.name_zh}将于{d.date:%Y-%m-%d}举行“{d.title}”，请确定出席人员并答复。",
            url=url,
            about=d,
            dedupe_key=f"consulates.national_day:{d.pk}",
        )
        for d in rows
    ]


def due_reminders(today: datetime.date) -> list[Reminder]:
    from apps.reporting import figures

    figures.set_figure(
        metric="consulates.overdue",
        on=today,
        value=selectors.overdue(LiaisonEntry.objects.all(), today).count(),
    )
    clerks = list(recipients_with_role("clerk"))
    return [*answer_reminders(today, clerks), *national_day_reminders(today, clerks)]
