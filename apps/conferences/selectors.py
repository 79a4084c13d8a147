"""Reads of the conferences module: only what the actor may see (unit scoping)."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.conferences.models import Conference
from apps.conferences.workflow import SCHEDULED_STATES
from apps.registry.modules import CalendarEntry


def conferences_for(actor) -> QuerySet[Conference]:
    return Conference.objects.visible_to(actor)


def overdue(queryset: QuerySet[Conference], today: datetime.date) -> QuerySet[Conference]:
    return queryset.filter(case__state="issued", report_due__lt=today)


def search(
    actor, *, q="", state="", unit="", scale="", overdue_only=False, today=None
) -> QuerySet[Conference]:
    queryset = conferences_for(actor).matching(q)
    if state:
        queryset = queryset.filter(case__state=state)
    if unit:
        queryset = queryset.filter(unit_code=unit)
    if scale:
        queryset = queryset.filter(scale=scale)
    if overdue_only:
        queryset = overdue(queryset, today or timezone.localdate())
    return queryset.order_by("-start", "-pk")


def documents_of(conference: Conference):
    from apps.documents.models import Document

    return Document.objects.filter(subject_type="conferences.conference", subject_id=str(conference.pk)).only(
        "id", "kind", "number", "title", "created_at"
    )


def waiting_queries(actor) -> list:
    """What the module asks of ``actor`` beyond approval steps: returned applications to
    change, approvals to issue, outcome reports to file (one query each)."""
    from django.db import connection

    from apps.accounts.roles import permissions_for_role
    from apps.casework.selectors import WaitingQuery

    granted = permissions_for_role(actor.role, connection.tenant.profile)
    mine = conferences_for(actor).only("pk", "title", "start", "end", "report_due", "case__state")

    def detail(conference) -> str:
        return reverse("conferences:detail", args=[conference.pk])

    rows = []
    if "conferences.submit" in granted:
        returned = mine.filter(case__state="returned").order_by("start")
        rows.append(WaitingQuery(_("Change and resubmit the application"), returned, "start", detail))
    if "conferences.issue" in granted:
        approved = mine.filter(case__state="approved").order_by("start")
        rows.append(WaitingQuery(_("Issue the approval"), approved, "start", detail))
    if "conferences.report" in granted:
        held = mine.filter(case__state="issued", end__lte=timezone.localdate()).order_by("report_due")
        rows.append(WaitingQuery(_("File the outcome report"), held, "report_due", detail))
    return rows


def calendar_entries(start: datetime.date, end: datetime.date, actor=None) -> list[CalendarEntry]:
    """Approved conferences overlapping [start, end): one all-day entry each (one query,
    on the ``end, start`` index)."""
    queryset = Conference.objects.all() if actor is None else conferences_for(actor)
    rows = (
        queryset.filter(case__state__in=SCHEDULED_STATES, start__lt=end, end__gte=start)
        .order_by("start", "pk")
        .values_list(
            "pk", "title", "start", "end", "venue", "division", "office_leader_id", "foreign_participants"
        )
    )
    entries = []
    for pk, title, first, last, venue, division, leader, foreign in rows:
        entries.append(
            CalendarEntry(
                uid=f"conferences:conference:{pk}",
                kind="conference",
                title=title,
                start=first,
                end=last + datetime.timedelta(days=1),
                location=venue,
                description=_("%(n)d foreign participants") % {"n": foreign},
                url=f"/conferences/{pk}/",
                people=(leader,) if leader else (),
                division=division,
                resources=(f"venue:{' '.join(venue.split()).lower()}",) if venue else (),
            )
        )
    return entries
