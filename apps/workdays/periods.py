"""Half-year reporting periods (offices report to the province twice a year)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

MIN_YEAR, MAX_YEAR = 2000, 2100


def parse_period(year, half) -> tuple[int, int]:
    """(year, half) from request input; ValidationError naming the field otherwise."""
    errors: dict[str, list[str]] = {}
    try:
        year = int(str(year).strip())
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError
    except (TypeError, ValueError):
        errors["year"] = [_("Give a year between %(min)d and %(max)d.") % {"min": MIN_YEAR, "max": MAX_YEAR}]
    try:
        half = int(str(half).strip())
        if half not in (1, 2):
            raise ValueError
    except (TypeError, ValueError):
        errors["half"] = [_("The half-year is 1 or 2.")]
    if errors:
        raise ValidationError(errors)
    return year, half


def current_period(today: datetime.date | None = None) -> tuple[int, int]:
    today = today or timezone.localdate()
    return today.year, 1 if today.month <= 6 else 2


def half_year(year: int, half: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of the half-year."""
    if half == 1:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    return datetime.date(year, 7, 1), datetime.date(year, 12, 31)


def period_from_query(params, today: datetime.date | None = None) -> tuple[int, int]:
    """The half-year a request asks for (``?year=&half=``), the current one where absent;
    ValidationError naming the bad field."""
    default_year, default_half = current_period(today)
    return parse_period(params.get("year") or str(default_year), params.get("half") or str(default_half))


def month_from_query(value: str | None, today: datetime.date | None = None) -> datetime.date:
    """The first day of the month a request asks for (``?month=YYYY-MM``), this month when
    absent, malformed or outside MIN_YEAR..MAX_YEAR (a month view never overflows a date)."""
    today = today or timezone.localdate()
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        if MIN_YEAR <= year <= MAX_YEAR:
            return datetime.date(year, month, 1)
    except ValueError:
        pass
    return today.replace(day=1)
