"""Reads of a provincial portal: aggregates of the province's own cities, from the public
schema only (no city schema is visited), and its queue of escalated cases."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet, Sum

from apps.provincial.models import EscalatedCase, MonthlyFigure


def queue(province, *, state: str = EscalatedCase.State.PENDING) -> QuerySet[EscalatedCase]:
    return EscalatedCase.objects.filter(province=province, state=state).select_related("city")


def escalation(province, pk: int) -> EscalatedCase | None:
    """An escalated case, only if it belongs to this province."""
    return EscalatedCase.objects.filter(province=province, pk=pk).select_related("city").first()


def totals(province, metric: str, *, since: datetime.date, until: datetime.date) -> dict[str, int]:
    """{key: value} of a metric over the province's cities between two months (inclusive)."""
    rows = (
        MonthlyFigure.objects.filter(province=province, metric=metric, month__gte=since, month__lte=until)
        .values("key")
        .annotate(total=Sum("value"))
        .order_by("-total", "key")
    )
    return {row["key"]: row["total"] for row in rows}


def by_month(province, metric: str, *, since: datetime.date, until: datetime.date) -> list[tuple[str, int]]:
    rows = (
        MonthlyFigure.objects.filter(province=province, metric=metric, month__gte=since, month__lte=until)
        .values("month")
        .annotate(total=Sum("value"))
        .order_by("month")
    )
    return [(f"{row['month']:%Y-%m}", row["total"]) for row in rows]


def by_city(province, metric: str, *, since: datetime.date, until: datetime.date) -> list[tuple[str, int]]:
    rows = (
        MonthlyFigure.objects.filter(province=province, metric=metric, month__gte=since, month__lte=until)
        .values("city__name_zh")
        .annotate(total=Sum("value"))
        .order_by("city__name_zh")
    )
    return [(row["city__name_zh"], row["total"]) for row in rows]
