"""Reads of a provincial portal: aggregates of the province's own cities, from the public
schema only (no city schema is visited), and its queue of escalated cases."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet, Sum

from apps.reporting.models import EscalatedCase, MonthlyFigure, ProvinceFigure


def queue(province, *, state: str = EscalatedCase.State.PENDING) -> QuerySet[EscalatedCase]:
    return EscalatedCase.objects.filter(province=province, state=state).select_related("city")


def escalation(province, pk: int) -> EscalatedCase | None:
    """An escalated case, only if it belongs to this province."""
    return EscalatedCase.objects.filter(province=province, pk=pk).select_related("city").first()


def _figures(province, city_ids, **filters):
    """The province's sums, or (``city_ids`` given) only those cities' counters."""
    if city_ids is None:
        return ProvinceFigure.objects.filter(province=province, **filters)
    return MonthlyFigure.objects.filter(province=province, city_id__in=city_ids, **filters)


def totals(
    province, metrics: list[str], *, since: datetime.date, until: datetime.date, city_ids=None
) -> dict[str, dict[str, int]]:
    """{metric: {key: value}} summed over the province's cities (or ``city_ids``) between
    two months (inclusive), biggest first; one query on the province's sums, whatever its
    size."""
    rows = (
        _figures(province, city_ids, metric__in=metrics, month__gte=since, month__lte=until)
        .values("metric", "key")
        .annotate(total=Sum("value"))
        .order_by("metric", "-total", "key")
    )
    found: dict[str, dict[str, int]] = {metric: {} for metric in metrics}
    for row in rows:
        found[row["metric"]][row["key"]] = row["total"]
    return found


def by_month(
    province, metric: str, *, since: datetime.date, until: datetime.date, city_ids=None
) -> list[tuple[str, int]]:
    rows = (
        _figures(province, city_ids, metric=metric, month__gte=since, month__lte=until)
        .values("month")
        .annotate(total=Sum("value"))
        .order_by("month")
    )
    return [(f"{row['month']:%Y-%m}", row["total"]) for row in rows]


def years(province) -> list[int]:
    """The years with figures, newest first (the current year always)."""
    from django.utils import timezone

    found = {month.year for month in ProvinceFigure.objects.filter(province=province).dates("month", "year")}
    found.add(timezone.localdate().year)
    return sorted(found, reverse=True)


def latest_by_city(province, metrics: list[str], *, until: datetime.date | None = None) -> list[dict]:
    """The latest snapshot (up to the month ``until``, if given) of each metric for each
    city of the province (figures that are set, not added, e.g. overdue items):
    [{"city_id", "city": name, "month": date, metric: value}], by city name. Cities without any
    snapshot are left out."""
    figures = MonthlyFigure.objects.filter(province=province, metric__in=metrics, key="")
    if until is not None:
        figures = figures.filter(month__lte=until)
    rows = (
        figures.order_by("city_id", "metric", "-month")
        .distinct("city_id", "metric")
        .values("city_id", "city__name_zh", "metric", "month", "value")
    )
    cities: dict[int, dict] = {}
    for row in rows:
        city = cities.setdefault(
            row["city_id"], {"city_id": row["city_id"], "city": row["city__name_zh"], "month": row["month"]}
        )
        city[row["metric"]] = row["value"]
        city["month"] = max(city["month"], row["month"])
    return sorted(cities.values(), key=lambda city: city["city"])


def totals_by_city(
    province, metrics: list[str], *, since: datetime.date, until: datetime.date
) -> dict[int, dict[str, int]]:
    """{city id: {metric: total over every key}} between two months (inclusive)."""
    rows = (
        MonthlyFigure.objects.filter(
            province=province, metric__in=metrics, month__gte=since, month__lte=until
        )
        .values("city_id", "metric")
        .annotate(total=Sum("value"))
    )
    result: dict[int, dict[str, int]] = {}
    for row in rows:
        result.setdefault(row["city_id"], {})[row["metric"]] = row["total"]
    return result


def reviewer_name(username: str) -> str:
    """A provincial reviewer's display name (their account name if none is recorded)."""
    if not username:
        return ""
    from apps.accounts.models import User

    user = User.objects.filter(username=username).first()
    return str(user) if user else username
