"""Reads of the receptions module: only what the actor may see (unit scoping); the
programme's conflicts; the module's entries on the foreign-affairs calendar."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.receptions.models import Participant, ProgrammeItem, Registration, Visit

CANCELLED = ("rejected", "withdrawn")


def visits_for(actor) -> QuerySet[Visit]:
    return Visit.objects.visible_to(actor)


def registrations_for(actor) -> QuerySet[Registration]:
    return Registration.objects.visible_to(actor)


def search(actor, *, q="", state="", unit="", country="") -> QuerySet[Visit]:
    queryset = visits_for(actor).matching(q)
    if state:
        queryset = queryset.filter(case__state=state)
    if unit:
        queryset = queryset.filter(unit_code=unit)
    if country:
        queryset = queryset.filter(country=country.upper())
    return queryset.order_by("-arrival", "-pk")


def search_registrations(actor, *, q="", state="", unit="") -> QuerySet[Registration]:
    queryset = registrations_for(actor).matching(q)
    if state:
        queryset = queryset.filter(case__state=state)
    if unit:
        queryset = queryset.filter(unit_code=unit)
    return queryset.order_by("-arrival", "-pk")


def ordered(visit: Visit, side: str) -> list[Participant]:
    """One side's members in order of precedence, then its interpreters."""
    people = [p for p in visit.participants.all() if p.side == side]
    members = sorted(
        (p for p in people if p.role != "interpreter"), key=lambda p: (p.precedence or 10_000, p.order)
    )
    return members + [p for p in people if p.role == "interpreter"]


@dataclass(frozen=True)
class Conflict:
    item_id: int
    kind: str  # "venue" | "person" | "dates"
    message: str


def conflicts(visit: Visit) -> dict[int, list[Conflict]]:
    """For each programme item of ``visit``: the same leader, interpreter or venue booked
    at an overlapping time (this visit or another one of the city), or an item outside
    the visit's dates."""
    items = list(visit.items.prefetch_related("participants"))
    if not items:
        return {}
    found: dict[int, list[Conflict]] = defaultdict(list)
    tz = timezone.get_current_timezone()
    for item in items:
        start_day, end_day = item.start.astimezone(tz).date(), item.end.astimezone(tz).date()
        if start_day < visit.arrival or end_day > visit.departure:
            found[item.pk].append(Conflict(item.pk, "dates", _("Outside the visit's dates.")))
    first, last = min(i.start for i in items), max(i.end for i in items)
    others = list(
        ProgrammeItem.objects.filter(start__lt=last, end__gt=first)
        .exclude(visit__case__state__in=CANCELLED)
        .select_related("visit")
        .prefetch_related("participants")
    )
    for item in items:
        mine = {p.conflict_key(): p for p in item.participants.all() if p.side == "host"}
        for other in others:
            if other.pk == item.pk or not (other.start < item.end and item.start < other.end):
                continue
            where = other.title if other.visit_id == visit.pk else f"{other.visit.title} · {other.title}"
            if item.venue_key and item.venue_key == other.venue_key:
                found[item.pk].append(
                    Conflict(
                        item.pk,
                        "venue",
                        _("%(venue)s is also booked for %(other)s.") % {"venue": item.venue, "other": where},
                    )
                )
            theirs = {p.conflict_key() for p in other.participants.all() if p.side == "host"}
            for key in sorted(set(mine) & theirs):
                person = mine[key]
                message = (
                    _("Interpreter %(name)s is also at %(other)s.")
                    if person.role == "interpreter"
                    else _("%(name)s is also at %(other)s.")
                )
                found[item.pk].append(
                    Conflict(item.pk, "person", message % {"name": person.both_names, "other": where})
                )
    return dict(found)


def documents_of(visit: Visit):
    from apps.documents.models import Document

    return Document.objects.filter(subject_type="receptions.visit", subject_id=str(visit.pk)).only(
        "id", "kind", "number", "title", "created_at"
    )


def calendar_entries(start: datetime.date, end: datetime.date, actor=None):
    """Programme items and visits between ``start`` and ``end`` (end exclusive)."""
    from django.urls import reverse

    from apps.registry.modules import CalendarEntry

    visits = Visit.objects.select_related("case") if actor is None else visits_for(actor)
    visits = visits.exclude(case__state__in=CANCELLED)
    tz = timezone.get_current_timezone()
    start_at = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    end_at = datetime.datetime.combine(end, datetime.time.min, tzinfo=tz)
    entries = []
    for visit in visits.filter(arrival__lt=end, departure__gte=start).only(
        "id", "title", "arrival", "departure", "division", "purpose", "case"
    ):
        entries.append(
            CalendarEntry(
                uid=f"receptions:visit:{visit.pk}",
                kind="reception_visit",
                title=visit.title,
                start=visit.arrival,
                end=visit.departure + datetime.timedelta(days=1),
                description=visit.purpose[:500],
                url=reverse("receptions:detail", args=[visit.pk], urlconf="waiban.urls_city"),
                division=visit.division,
            )
        )
    items = (
        ProgrammeItem.objects.filter(visit__in=visits, start__lt=end_at, end__gt=start_at)
        .select_related("visit")
        .prefetch_related("participants")
        .order_by("start", "pk")
    )
    for item in items:
        hosts = [p for p in item.participants.all() if p.side == "host"]
        resources = [f"venue:{item.venue_key}"] if item.venue_key else []
        resources += [
            f"{'interpreter' if p.role == 'interpreter' else 'person'}:{p.conflict_key()}" for p in hosts
        ]
        entries.append(
            CalendarEntry(
                uid=f"receptions:item:{item.pk}",
                kind="reception_item",
                title=f"{item.title}（{item.visit.title}）",
                start=item.start,
                end=item.end,
                location=item.venue,
                description=", ".join(p.both_names for p in item.participants.all()),
                url=reverse("receptions:detail", args=[item.visit_id], urlconf="waiban.urls_city"),
                people=tuple(sorted({p.user_id for p in hosts if p.user_id})),
                division=item.visit.division,
                resources=tuple(resources),
            )
        )
    return entries


def overdue_summaries(today: datetime.date, days: int) -> QuerySet[Visit]:
    return Visit.objects.select_related("case").filter(
        case__state="approved", departure__lt=today - datetime.timedelta(days=days)
    )


def gifts_to_hand_in():
    from apps.receptions.models import Gift

    return Gift.objects.filter(direction="received", handed_in=False).select_related("visit")


def follow_ups_due(today: datetime.date):
    from apps.receptions.models import FollowUp

    return FollowUp.objects.filter(done_at__isnull=True, due__lte=today).select_related("visit", "owner")


def waiting_for(actor) -> list:
    """The user's part of "waiting for me": follow-ups they own, not done; for those who
    plan receptions, visits over whose summary is not written yet."""
    from django.urls import reverse

    from apps.accounts.roles import permissions_for_role
    from apps.casework.selectors import WaitingItem
    from apps.receptions.models import FollowUp

    if not getattr(actor, "is_authenticated", False):
        return []
    items = []
    for follow_up in FollowUp.objects.filter(owner=actor, done_at__isnull=True).select_related("visit"):
        items.append(
            WaitingItem(
                task=_("Follow-up: %(task)s") % {"task": follow_up.title},
                title=follow_up.visit.title,
                url=reverse("receptions:detail", args=[follow_up.visit_id], urlconf="waiban.urls_city"),
                due=follow_up.due,
            )
        )
    from django.db import connection

    if "receptions.plan" in permissions_for_role(actor.role, connection.tenant.profile):
        for visit in visits_for(actor).filter(case__state="approved", departure__lt=timezone.localdate()):
            items.append(
                WaitingItem(
                    task=_("Write the visit's summary"),
                    title=visit.title,
                    url=reverse("receptions:detail", args=[visit.pk], urlconf="waiban.urls_city"),
                    since=visit.departure,
                )
            )
    return items
