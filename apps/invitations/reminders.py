"""What the invitations module reminds people of each working morning, and the snapshot
it leaves for the province: visitors whose planned exit has passed with no exit reported
go to the clerks and the inviting unit's submitters, and their number to the province."""

from __future__ import annotations

import datetime

from django.urls import reverse

from apps.invitations import selectors
from apps.invitations.models import Invitee
from apps.notifications.recipients import clerks_and_unit, dedupe_key
from apps.notifications.services import recipients_with_role
from apps.registry.modules import Reminder

OVERSTAYING_METRIC = "invitations.overstaying"


def overstaying_reminders(today: datetime.date) -> list[Reminder]:
    clerks = list(recipients_with_role("clerk"))
    visitors = (
        selectors.overstaying(Invitee.objects.all(), today)
        .select_related("invitation")
        .order_by("planned_exit", "pk")
    )
    by_invitation: dict[int, list[Invitee]] = {}
    for visitor in visitors:
        by_invitation.setdefault(visitor.invitation_id, []).append(visitor)
    reminders = []
    for guests in by_invitation.values():
        invitation = guests[0].invitation
        names = "、".join(g.name_latin for g in guests)
        reminders.append(
            Reminder(
                recipients=clerks_and_unit(invitation.unit_code, clerks=clerks),
                kind="invitations.overstaying",
                subject=f"来访人员逾期未报离境：{invitation.title}",
                body=(
                    f"“{invitation.title}”（{invitation.unit_name}）的来访人员{names}计划于"
                    f"{invitation.departure:%Y-%m-%d}离境，尚未登记离境情况，请核实并登记。"
                ),
                url=reverse("invitations:detail", args=[invitation.pk], urlconf="waiban.urls_city"),
                about=invitation,
                dedupe_key=dedupe_key("invitations.overstaying", invitation, today),
            )
        )
    return reminders


def record_overstaying_figure(today: datetime.date) -> int:
    from apps.reporting import figures

    count = selectors.overstaying(Invitee.objects.all(), today).count()
    figures.set_figure(metric=OVERSTAYING_METRIC, on=today, value=count)
    return count


def due_reminders(today: datetime.date) -> list[Reminder]:
    record_overstaying_figure(today)
    return overstaying_reminders(today)
