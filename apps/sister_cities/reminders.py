"""What the sister-cities module reminds people of each working morning, and the snapshot it
leaves for the province: agreement renewals and round anniversaries ahead of time (once
each), dormant relationships (no exchange for the profile's ``dormant_years``, once a year)."""

from __future__ import annotations

import datetime

from django.urls import reverse

from apps.notifications.recipients import clerks_and_unit
from apps.notifications.services import recipients_with_role
from apps.registry.modules import Reminder
from apps.registry.settings import module_settings
from apps.sister_cities import selectors
from apps.sister_cities.models import Relationship

DORMANT_METRIC = "sister_cities.dormant"


def _url(relationship: Relationship) -> str:
    return reverse("sister_cities:detail", args=[relationship.pk], urlconf="waiban.urls_city")


def _anniversary(signed_on: datetime.date, year: int) -> datetime.date:
    try:
        return signed_on.replace(year=year)
    except ValueError:  # signed on 29 February
        return signed_on.replace(year=year, day=28)


def renewal_reminders(today: datetime.date, clerks) -> list[Reminder]:
    days = module_settings("sister_cities")["renewal_notice_days"]
    horizon = today + datetime.timedelta(days=days)
    rows = Relationship.objects.select_related("partner", "case").filter(
        case__state="signed", term_end__isnull=False, term_end__gte=today, term_end__lte=horizon
    )
    return [
        Reminder(
            recipients=clerks_and_unit(r.unit_code, clerks=clerks),
            kind="sister_cities.renewal",
            subject=f"友城协议即将到期：{r.partner.name_zh}",
            body=f"与{r.partner.name_zh}的友好城市协议将于{r.term_end:%Y-%m-%d}到期，请及早商议续签。",
            url=_url(r),
            about=r,
            dedupe_key=f"sister_cities.renewal:{r.pk}:{r.term_end.isoformat()}",
        )
        for r in rows
    ]


def anniversary_reminders(today: datetime.date, clerks) -> list[Reminder]:
    settings = module_settings("sister_cities")
    every, days = settings["anniversary_every_years"], settings["anniversary_notice_days"]
    horizon = today + datetime.timedelta(days=days)
    reminders = []
    rows = Relationship.objects.select_related("partner", "case").filter(
        case__state="signed", signed_on__isnull=False
    )
    for r in rows:
        for year in {today.year, horizon.year}:
            years = year - r.signed_on.year
            day = _anniversary(r.signed_on, year)
            if years <= 0 or years % every or not (today <= day <= horizon):
                continue
            reminders.append(
                Reminder(
                    recipients=clerks_and_unit(r.unit_code, clerks=clerks),
                    kind="sister_cities.anniversary",
                    subject=f"友城结好{years}周年：{r.partner.name_zh}",
                    body=f"{day:%Y-%m-%d}是与{r.partner.name_zh}缔结友好关系{years}周年，请及早策划纪念活动。",
                    url=_url(r),
                    about=r,
                    dedupe_key=f"sister_cities.anniversary:{r.pk}:{year}",
                )
            )
    return reminders


def dormant_reminders(today: datetime.date, clerks) -> list[Reminder]:
    rows = selectors.dormant_relationships(Relationship.objects.select_related("partner"), today)
    years = module_settings("sister_cities")["dormant_years"]
    return [
        Reminder(
            recipients=clerks,
            kind="sister_cities.dormant",
            subject=f"友城长期无交流：{r.partner.name_zh}",
            body=f"与{r.partner.name_zh}的友好关系已{years}年以上没有交流记录，请研究恢复往来。",
            url=_url(r),
            about=r,
            dedupe_key=f"sister_cities.dormant:{r.pk}:{today.year}",
        )
        for r in rows
    ]


def record_dormant_figure(today: datetime.date) -> int:
    from apps.reporting import figures

    count = selectors.dormant_relationships(Relationship.objects.all(), today).count()
    figures.set_figure(metric=DORMANT_METRIC, on=today, value=count)
    return count


def due_reminders(today: datetime.date) -> list[Reminder]:
    record_dormant_figure(today)
    clerks = list(recipients_with_role("clerk"))
    return [
        *renewal_reminders(today, clerks),
        *anniversary_reminders(today, clerks),
        *dormant_reminders(today, clerks),
    ]
