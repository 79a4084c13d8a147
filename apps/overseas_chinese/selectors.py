"""Reads of the overseas Chinese affairs module: only what the actor may see. Restricted
records are read only through ``restricted_for``, which gives nothing to an actor
without ``overseas_chinese.restricted``: no list, no count, no record."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from apps.accounts.roles import permissions_for_role
from apps.overseas_chinese.models import (
    Complaint,
    IdentityConfirmation,
    Organisation,
    Person,
    RestrictedMatter,
    Settlement,
    SettlementTask,
)
from apps.registry import search as text_search
from apps.workdays.calendar import add_working_days


def may(actor, permission: str) -> bool:
    role = getattr(actor, "role", None)
    return bool(role) and permission in permissions_for_role(role, connection.tenant.profile)


def people(actor, *, q="", kind="", country="") -> QuerySet[Person]:
    if not may(actor, "overseas_chinese.view_people"):
        return Person.objects.none()
    queryset = Person.objects.all()
    q = (q or "").strip().lower()
    if q:
        queryset = text_search.matching(queryset, q)
    if kind:
        queryset = queryset.filter(kind=kind)
    if country:
        queryset = queryset.filter(country=country.upper())
    return queryset.order_by("name", "pk")


def organisations(actor, *, q="") -> QuerySet[Organisation]:
    if not may(actor, "overseas_chinese.view_people"):
        return Organisation.objects.none()
    queryset = Organisation.objects.all()
    if q:
        queryset = text_search.matching(queryset, q)
    return queryset.order_by("name", "pk")


def identities_for(actor) -> QuerySet[IdentityConfirmation]:
    return IdentityConfirmation.objects.visible_to(actor)


def identities(actor, *, q="", state="", overdue=False, today=None) -> QuerySet[IdentityConfirmation]:
    queryset = identities_for(actor).matching(q)
    if state:
        queryset = queryset.filter(case__state=state)
    if overdue:
        queryset = queryset.filter(case__state="in_review", due_on__lt=today or timezone.localdate())
    return queryset.order_by("-created_at", "-pk")


def complaints_for(actor) -> QuerySet[Complaint]:
    """The office's handlers see every complaint; a department only those transferred to it."""
    return Complaint.objects.visible_to(actor)


def complaints(
    actor, *, q="", state="", deadline="", channel="", subject="", today: datetime.date | None = None
) -> QuerySet[Complaint]:
    today = today or timezone.localdate()
    queryset = complaints_for(actor).matching(q)
    if state:
        queryset = queryset.filter(case__state=state)
    if channel:
        queryset = queryset.filter(channel=channel)
    if subject:
        queryset = queryset.filter(subject=subject)
    if deadline == "overdue":
        return queryset.filter(is_open=True, due_on__lt=today).order_by("due_on", "id")
    if deadline == "due_soon":
        soon = add_working_days(today, 5)
        return queryset.filter(is_open=True, due_on__gte=today, due_on__lte=soon).order_by("due_on", "id")
    if deadline == "open":
        return queryset.filter(is_open=True).order_by("due_on", "id")
    if deadline == "extended":
        queryset = queryset.filter(extended=True)
    return queryset.order_by("-received_on", "-id")


def by_tracking_code(code: str) -> Complaint | None:
    if not code:
        return None
    return Complaint.objects.select_related("case").filter(tracking_code=code).first()


def settlements(actor, *, state="") -> QuerySet[Settlement]:
    if not may(actor, "overseas_chinese.view_settlements"):
        return Settlement.objects.none()
    queryset = Settlement.objects.select_related("person")
    if state:
        queryset = queryset.filter(state=state)
    return queryset.order_by("-arrived_on", "-pk")


def tasks_for(actor) -> QuerySet[SettlementTask]:
    """A department's own settlement tasks (the office's handlers: all of them)."""
    from apps.accounts.scoping import scope_to_unit

    if may(actor, "overseas_chinese.view_settlements"):
        queryset = SettlementTask.objects.all()
    elif may(actor, "overseas_chinese.answer_tasks"):
        queryset = scope_to_unit(SettlementTask.objects.all(), actor)
    else:
        return SettlementTask.objects.none()
    return queryset.select_related("settlement__person").order_by("replied_on", "due_on", "pk")


def restricted_for(actor, *, kind="", q="") -> QuerySet[RestrictedMatter]:
    if not may(actor, "overseas_chinese.restricted"):
        return RestrictedMatter.objects.none()
    queryset = RestrictedMatter.objects.all()
    if kind:
        queryset = queryset.filter(kind=kind)
    if q:
        queryset = text_search.matching(queryset, q)
    return queryset.order_by("-occurred_on", "-pk")


def overview(actor, today=None) -> dict:
    """The module's home: counts of what the actor may see (restricted ones only with the
    permission; otherwise they are not in the dictionary at all)."""
    today = today or timezone.localdate()
    counts = {}
    if may(actor, "overseas_chinese.view_complaints"):
        mine = complaints_for(actor)
        counts["complaints_open"] = mine.filter(is_open=True).count()
        counts["complaints_overdue"] = mine.filter(is_open=True, due_on__lt=today).count()
    if may(actor, "overseas_chinese.view_people"):
        counts["people"] = Person.objects.count()
        counts["organisations"] = Organisation.objects.count()
    if may(actor, "overseas_chinese.view_identity"):
        counts["identities_in_review"] = identities_for(actor).filter(case__state="in_review").count()
    if may(actor, "overseas_chinese.view_settlements"):
        counts["settlements_open"] = Settlement.objects.filter(state="open").count()
    if may(actor, "overseas_chinese.answer_tasks") or may(actor, "overseas_chinese.view_settlements"):
        counts["tasks_open"] = tasks_for(actor).filter(replied_on__isnull=True).count()
    if may(actor, "overseas_chinese.restricted"):
        counts["restricted_open"] = restricted_for(actor).filter(state="open").count()
    return counts


def waiting_for(actor, limit: int = 50) -> list:
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from apps.accounts.scoping import is_unit_bound
    from apps.casework.selectors import WaitingItem

    items = []
    if may(actor, "overseas_chinese.handle_complaints"):
        for complaint in (
            complaints_for(actor).filter(case__state="received").order_by("due_on", "id")[:limit]
        ):
            items.append(
                WaitingItem(
                    task=_("Decide whether to accept the complaint"),
                    title=complaint.title,
                    url=reverse("overseas_chinese:complaint", args=[complaint.pk]),
                    since=complaint.received_on,
                    due=complaint.due_on,
                )
            )
    if is_unit_bound(actor) and may(actor, "overseas_chinese.answer_transfers"):
        for complaint in (
            complaints_for(actor).filter(case__state="transferred").order_by("due_on", "id")[:limit]
        ):
            items.append(
                WaitingItem(
                    task=_("Reply to the transferred complaint"),
                    title=complaint.title,
                    url=reverse("overseas_chinese:complaint", args=[complaint.pk]),
                    since=complaint.received_on,
                    due=complaint.transferred_due or complaint.due_on,
                )
            )
    if is_unit_bound(actor) and may(actor, "overseas_chinese.answer_tasks"):
        for task in tasks_for(actor).filter(replied_on__isnull=True, settlement__state="open")[:limit]:
            items.append(
                WaitingItem(
                    task=_("Answer the settlement task"),
                    title=f"{task.need_label} · {task.settlement.person.name}",
                    url=reverse("overseas_chinese:tasks"),
                    since=task.created_at,
                    due=task.due_on,
                )
            )
    return items
