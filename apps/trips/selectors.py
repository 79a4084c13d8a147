"""Reads of the trips module: only what the actor may see."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from apps.trips import limits
from apps.trips.models import Delegation, Destination, TravelDocument


def delegations_for(actor) -> QuerySet[Delegation]:
    """A department submitter sees its own unit's delegations; the office sees all."""
    return Delegation.objects.visible_to(actor)


def search(
    actor,
    *,
    q: str = "",
    state: str = "",
    kind: str = "",
    unit: str = "",
    country: str = "",
    departs_from: datetime.date | None = None,
    departs_until: datetime.date | None = None,
) -> QuerySet[Delegation]:
    queryset = delegations_for(actor)
    queryset = queryset.matching(q)  # title, inviter or a member's name: one column, no join
    if state:
        queryset = queryset.in_state(state)
    if kind:
        queryset = queryset.filter(kind=kind)
    if unit:
        queryset = queryset.filter(unit_code=unit)
    if country:
        going = Destination.objects.filter(country=country.upper()).values("delegation_id")
        queryset = queryset.filter(pk__in=going)
    if departs_from:
        queryset = queryset.filter(departure__gte=departs_from)
    if departs_until:
        queryset = queryset.filter(departure__lte=departs_until)
    return queryset.order_by("-departure", "-pk")


def abroad_between(actor, start: datetime.date, end: datetime.date) -> QuerySet[Delegation]:
    """Approved delegations away at some time between start and end (the calendar)."""
    return (
        delegations_for(actor)
        .filter(case__state__in=["approved", "issued", "closed"], departure__lte=end, return_date__gte=start)
        .prefetch_related("destinations")
        .order_by("departure")
    )


def overdue_travel_documents(today: datetime.date | None = None) -> QuerySet[TravelDocument]:
    today = today or timezone.localdate()
    return TravelDocument.objects.filter(status=TravelDocument.Status.ISSUED, due_back__lt=today).order_by(
        "due_back"
    )


def custody_ledger(
    *, q: str = "", overdue_only: bool = False, today: datetime.date | None = None
) -> QuerySet[TravelDocument]:
    """The office's travel-document ledger (trips.manage sees it whole): searched by the
    holder's name or the document number, optionally only the overdue ones."""
    from django.db.models import Q

    ledger = overdue_travel_documents(today) if overdue_only else TravelDocument.objects.all()
    if q := (q or "").strip():
        ledger = ledger.filter(Q(holder_name__icontains=q) | Q(number__icontains=q.upper()))
    return ledger.select_related("issued_for")


def overdue_reports(actor, today: datetime.date | None = None) -> QuerySet[Delegation]:
    today = today or timezone.localdate()
    return delegations_for(actor).filter(case__state="issued", report_due__lt=today).order_by("report_due")


def travel_document_warnings(delegation: Delegation, today: datetime.date | None = None) -> list[dict]:
    """Members whose travel document is overdue but not (yet) long enough to block the
    application (``limits.breaches`` blocks beyond ``passport_overdue_block_days``):
    ``[{"rule", "rule_label", "message"}]``, for the form, the detail page and the API."""
    from django.utils.translation import gettext as _

    from apps.trips.validation import rule_label

    today = today or timezone.localdate()
    block_days = limits.effective_limits().get("passport_overdue_block_days")
    warnings = []
    for member in delegation.members.all():
        overdue = TravelDocument.objects.filter(
            holder_name=member.name,
            holder_birth_date=member.birth_date,
            status=TravelDocument.Status.ISSUED,
            due_back__lt=today,
        )
        if block_days:
            overdue = overdue.filter(due_back__gte=today - datetime.timedelta(days=block_days))
        for document in overdue.order_by("due_back"):
            warnings.append(
                {
                    "rule": "travel_document_overdue",
                    "rule_label": rule_label("travel_document_overdue"),
                    "message": _(
                        "%(name)s has not returned %(number)s, due back on %(due)s (%(days)d days late)."
                    )
                    % {
                        "name": member.name,
                        "number": document.number,
                        "due": document.due_back.isoformat(),
                        "days": (today - document.due_back).days,
                    },
                }
            )
    return warnings


def waiting_queries(actor, today: datetime.date | None = None) -> list:
    """What the trips module asks of ``actor`` (its part of the "waiting for me" list and
    badge), by its permissions and, for a submitter, its own unit: applications returned
    for changes, pre-departure education to record, approval documents ready to issue,
    post-trip reports to file, travel documents overdue. One query each."""
    from django.db import connection
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from apps.accounts.roles import permissions_for_role
    from apps.casework.selectors import WaitingQuery

    today = today or timezone.localdate()
    granted = permissions_for_role(actor.role, connection.tenant.profile)
    mine = delegations_for(actor)

    def detail(delegation: Delegation) -> str:
        return reverse("trips:detail", args=[delegation.pk])

    rows: list[WaitingQuery] = []
    if "trips.submit" in granted:
        returned = mine.filter(case__state="returned").order_by("departure")
        rows.append(WaitingQuery(_("Change and resubmit the application"), returned, "departure", detail))
    if "trips.manage" in granted:
        pending = mine.filter(case__state="approved", members__education_acknowledged_at__isnull=True)
        pending = pending.distinct().order_by("departure")
        rows.append(WaitingQuery(_("Record the pre-departure education"), pending, "departure", detail))
    if "trips.issue" in granted:
        ready = (
            mine.filter(case__state="approved", notice_until__lt=today)
            .exclude(members__education_acknowledged_at__isnull=True)
            .order_by("departure")
        )
        rows.append(WaitingQuery(_("Issue the approval document"), ready, "departure", detail))
    if "trips.report" in granted:
        back = mine.filter(case__state="issued", return_date__lte=today).order_by("report_due")
        rows.append(WaitingQuery(_("File the post-trip report"), back, "report_due", detail))
    if "trips.manage" in granted:
        rows.append(
            WaitingQuery(
                _("Have the travel document returned"),
                overdue_travel_documents(today),
                "due_back",
                url=lambda document: reverse("trips:custody") + "?overdue=1",
                title=lambda document: f"{document.holder_name} {document.number}",
            )
        )
    return rows


def calendar_entries(start: datetime.date, end: datetime.date, actor=None) -> list:
    """Departures and returns of approved delegations in [start, end): two all-day entries
    per delegation, from one query (no members' document numbers or birth dates)."""
    from django.db.models import Q

    from apps.registry import countries
    from apps.registry.modules import CalendarEntry

    queryset = Delegation.objects.all() if actor is None else delegations_for(actor)
    rows = (
        queryset.filter(case__state__in=["approved", "issued", "closed"])
        .filter(Q(departure__gte=start, departure__lt=end) | Q(return_date__gte=start, return_date__lt=end))
        .prefetch_related("destinations")
        .only("pk", "title", "departure", "return_date", "case__state")
        .order_by("departure", "pk")
    )
    entries = []
    one_day = datetime.timedelta(days=1)
    for delegation in rows:
        places = "、".join(countries.name(d.country) for d in delegation.destinations.all())
        url = f"/trips/{delegation.pk}/"
        dates = f"{delegation.departure:%Y-%m-%d} – {delegation.return_date:%Y-%m-%d}"
        for kind, day in (("trip_departure", delegation.departure), ("trip_return", delegation.return_date)):
            if start <= day < end:
                entries.append(
                    CalendarEntry(
                        uid=f"trips:delegation:{delegation.pk}:{kind.split('_')[1]}",
                        kind=kind,
                        title=delegation.title,
                        start=day,
                        end=day + one_day,
                        location=places,
                        description=f"{dates} {places}",
                        url=url,
                    )
                )
    return entries
