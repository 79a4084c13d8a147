"""What the receptions module reminds people of each working morning: summaries due after
a visit, gifts received above the threshold not handed in, follow-ups due."""

from __future__ import annotations

import datetime

from django.urls import reverse

from apps.notifications.recipients import dedupe_key
from apps.notifications.services import recipients_with_role
from apps.receptions import levels, selectors, services
from apps.registry.modules import Reminder


def _url(visit) -> str:
    return reverse("receptions:detail", args=[visit.pk], urlconf="waiban.urls_city")


def due_reminders(today: datetime.date) -> list[Reminder]:
    clerks = list(recipients_with_role("clerk"))
    reminders: list[Reminder] = []
    days = levels.settings().get("summary_due_days", 5)
    for visit in selectors.overdue_summaries(today, days):
        reminders.append(
            Reminder(
                recipients=clerks,
                kind="receptions.summary_due",
                subject=f"接待总结待填写：{visit.title}",
                body=f"“{visit.title}”已于{visit.departure:%Y-%m-%d}结束，请填写接待总结和后续事项。",
                url=_url(visit),
                about=visit,
                dedupe_key=dedupe_key("receptions.summary_due", visit, today),
            )
        )
    pending: dict[int, list] = {}
    for gift in selectors.gifts_to_hand_in():
        if services.must_hand_in(gift):
            pending.setdefault(gift.visit_id, []).append(gift)
    for gifts in pending.values():
        visit = gifts[0].visit
        reminders.append(
            Reminder(
                recipients=clerks,
                kind="receptions.gift_hand_in",
                subject=f"受礼待上缴：{visit.title}",
                body="以下受赠礼品价值超过规定标准，请登记上缴：" + "、".join(g.item for g in gifts),
                url=_url(visit),
                about=visit,
                dedupe_key=dedupe_key("receptions.gift_hand_in", visit, today),
            )
        )
    for follow_up in selectors.follow_ups_due(today):
        recipients = [follow_up.owner] if follow_up.owner else clerks
        reminders.append(
            Reminder(
                recipients=recipients,
                kind="receptions.follow_up",
                subject=f"接待后续事项到期：{follow_up.title}",
                body=f"“{follow_up.visit.title}”的后续事项“{follow_up.title}”应于{follow_up.due:%Y-%m-%d}办结。",
                url=_url(follow_up.visit),
                about=follow_up.visit,
                dedupe_key=dedupe_key(f"receptions.follow_up.{follow_up.pk}", follow_up.visit, today),
            )
        )
    return reminders
