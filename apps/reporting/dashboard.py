"""An office's own figures for its home page: for each module the city's profile switches
on, its declared figures (``Module.figures``) this month and this year, by month, and its
snapshots (what is overdue now).

Read from the city's own counters only (``MonthlyFigure`` rows of ``connection.tenant``, the
same rows the province sums); never another city's. Nothing here names a module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models import Sum

from apps.reporting.models import MonthlyFigure


@dataclass
class Count:
    metric: str
    name: str
    month: int = 0
    year: int = 0
    by_month: list[int] = field(default_factory=list)


@dataclass
class Snapshot:
    metric: str
    name: str
    value: int = 0
    as_of: date | None = None


@dataclass
class ModuleFigures:
    id: str
    name: str
    counts: list[Count]
    snapshots: list[Snapshot]
    months: list[date]

    @property
    def chart(self) -> dict:
        """ECharts data for kit/chart.html: each counted figure by month, this year."""
        return {
            "kind": "bar",
            "title": self.name,
            "labels": [f"{month:%Y-%m}" for month in self.months],
            "series": [{"name": count.name, "data": count.by_month} for count in self.counts],
        }


def visible_modules(profile: dict | None, may_see) -> list:
    """The enabled modules whose figures the user may see: ``may_see(module)``."""
    from apps.registry.modules import registry

    return [module for module in registry.iter_enabled(profile) if module.figures and may_see(module)]


def city_figures(modules, today: date) -> list[ModuleFigures]:
    """The current city's figures of ``modules`` for the year of ``today``."""
    city = connection.tenant
    first = today.replace(month=1, day=1)
    months = [first.replace(month=number) for number in range(1, today.month + 1)]
    this_month = today.replace(day=1)
    metrics = [figure.metric for module in modules for figure in module.figures]
    rows = (
        MonthlyFigure.objects.filter(city_id=city.pk, metric__in=metrics, month__lte=this_month)
        .values("metric", "month")
        .annotate(total=Sum("value"))
    )
    totals: dict[tuple[str, date], int] = {(row["metric"], row["month"]): row["total"] for row in rows}
    result = []
    for module in modules:
        counts, snapshots = [], []
        for figure in module.figures:
            if figure.snapshot:
                latest = max((month for metric, month in totals if metric == figure.metric), default=None)
                value = totals.get((figure.metric, latest), 0) if latest else 0
                snapshots.append(Snapshot(figure.metric, figure.name, value, latest))
            elif not figure.breakdown:  # a total (a breakdown splits the same cases again)
                by_month = [totals.get((figure.metric, month), 0) for month in months]
                counts.append(Count(figure.metric, figure.name, by_month[-1], sum(by_month), by_month))
        result.append(ModuleFigures(module.id, module.name, counts, snapshots, months))
    return result
