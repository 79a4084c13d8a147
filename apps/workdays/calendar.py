"""Chinese working days: what every deadline counts. The read side other modules call.

A day is a working day when it is a make-up working day (调休上班) of its year, or when
it is Monday to Friday and not a public holiday of its year. A year whose calendar has
not been loaded (``manage.py load_working_calendar``, or the operators' page) counts
Monday to Friday only: ``is_official(year)`` says which.

The loaded years are kept in each process (a few hundred dates) so no call costs a
query. The copy is dropped when this process saves or deletes a ``CalendarYear``
(signals connected in ``WorkdaysConfig.ready``) and is reread after ``CACHE_SECONDS`` at
the latest, so a calendar loaded by another process (another worker, the management
command) is seen everywhere without a restart.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

CACHE_SECONDS = 300.0


@dataclass(frozen=True)
class _Year:
    off: frozenset[date]  # public holidays
    on: frozenset[date]  # make-up working days


@dataclass(frozen=True)
class _Loaded:
    years: dict[int, _Year]
    loaded_at: float


_lock = threading.Lock()
_loaded: _Loaded | None = None


def _load() -> _Loaded:
    from apps.workdays.models import CalendarYear

    years = {row.year: _Year(off=row.off_days(), on=row.make_up_days()) for row in CalendarYear.objects.all()}
    return _Loaded(years=years, loaded_at=time.monotonic())


def _years() -> dict[int, _Year]:
    global _loaded
    loaded = _loaded
    if loaded is None or time.monotonic() - loaded.loaded_at >= CACHE_SECONDS:
        with _lock:
            loaded = _loaded = _load()
    return loaded.years


def forget(**_kwargs) -> None:
    """Drops this process's copy of the calendar; the next call rereads it."""
    global _loaded
    _loaded = None


def is_official(year: int) -> bool:
    """True when the official calendar of ``year`` is loaded (otherwise: Monday-Friday)."""
    return year in _years()


def is_working_day(day: date) -> bool:
    year = _years().get(day.year)
    if year is not None:
        if day in year.on:
            return True
        if day in year.off:
            return False
    return day.weekday() < 5


def add_working_days(start: date, days: int) -> date:
    """The day on which ``days`` working days after ``start`` have been counted.

    ``start`` itself is never counted (a request received on ``start`` with a 5-working-day
    deadline is due on the 5th working day after it), so for ``days >= 1`` the result is
    the ``days``-th working day strictly after ``start``, whatever ``start`` is.
    ``days == 0`` gives ``start`` when it is a working day, otherwise the first working day
    after it. ``working_days_between(start, add_working_days(start, n)) == n`` for n >= 1.
    Raises ``ValueError`` for a negative ``days``.
    """
    if days < 0:
        raise ValueError("days must be 0 or more")
    day = start
    if days == 0:
        while not is_working_day(day):
            day += timedelta(days=1)
        return day
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days lie after ``start``, up to and including ``end``.

    ``start`` is not counted, ``end`` is; 0 when ``end`` is not after ``start``.
    """
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


def unofficial_years(today: date | None = None) -> list[int]:
    """This year and next year (Asia/Shanghai), those whose calendar is not loaded."""
    today = today or timezone.localdate()
    return [year for year in (today.year, today.year + 1) if not is_official(year)]
