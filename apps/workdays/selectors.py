"""Reads of the working-day calendar for pages (the counting itself: ``calendar``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from apps.workdays.models import CalendarYear


@dataclass(frozen=True)
class LoadedYear:
    year: int
    holidays: int
    make_up_days: int
    source: str
    loaded_at: datetime


def loaded_years() -> list[LoadedYear]:
    """Every loaded year, newest first (public data: any operator may see it all)."""
    return [
        LoadedYear(
            year=row.year,
            holidays=len(row.holidays),
            make_up_days=len(row.workdays),
            source=row.source,
            loaded_at=row.loaded_at,
        )
        for row in CalendarYear.objects.order_by("-year")
    ]
