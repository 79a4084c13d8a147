"""Reads of the friendship association (the office's own register: every role with
``friendship.view`` sees all of it)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from apps.friendship.models import Activity, CouncilMember
from apps.registry import search as text_search


def activities(*, q="", kind="", country="", status="", today=None) -> QuerySet[Activity]:
    today = today or timezone.localdate()
    rows = Activity.objects.select_related("report")
    q = (q or "").strip().lower()
    if q:
        rows = text_search.matching(rows, q)
    if kind:
        rows = rows.filter(kind=kind)
    if country:
        rows = rows.filter(country=country.upper())
    if status == "reported":
        rows = rows.filter(report__isnull=False)
    elif status == "awaiting_report":
        rows = rows.filter(report__isnull=True, end__lte=today)
    elif status == "planned":
        rows = rows.filter(report__isnull=True, end__gt=today)
    return rows.order_by("-start", "-pk")


def council(*, current_only=False, today=None) -> QuerySet[CouncilMember]:
    today = today or timezone.localdate()
    rows = CouncilMember.objects.all()
    if current_only:
        rows = rows.filter(since__lte=today).filter(Q(until__isnull=True) | Q(until__gte=today))
    return rows.order_by("position", "since", "pk")
