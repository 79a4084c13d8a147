"""Writes the working-day calendar (public schema) from a validated calendar file.

One transaction per file: every year of it is applied, or none. A year whose holidays
and make-up days are those already stored is left alone (no write, no audit row), so
loading the same file again changes nothing; each year that is created or changed gets
one audit row in the public schema's log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction

from apps.audit import services as audit
from apps.workdays import calendar, loader
from apps.workdays.models import CalendarYear

# The calendar shipped with the code; `setup_platform` loads it.
SHIPPED_CALENDAR = Path(__file__).resolve().parent / "data" / "cn-working-calendar.yaml"
SOURCE_MAX_LENGTH = CalendarYear._meta.get_field("source").max_length


@dataclass
class CalendarLoadResult:
    file: str
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def lines(self) -> list[str]:
        """What changed (or would change, for a dry run), one line per year."""
        prefix = "would be " if self.dry_run else ""
        lines = []
        for label, years in (("created", self.created), ("updated", self.updated)):
            lines += [f"{year}: {prefix}{label}" for year in years]
        lines += [f"{year}: unchanged" for year in self.unchanged]
        return lines


def load_calendar(*, path: Path | str, actor=None, dry_run: bool = False) -> CalendarLoadResult:
    """Loads the calendar file at ``path``; raises ``ProfileError`` (nothing written) when
    the file has any problem."""
    return apply_calendar(calendar_file=loader.load(path), actor=actor, dry_run=dry_run)


def apply_calendar(
    *, calendar_file: loader.CalendarFile, actor=None, dry_run: bool = False
) -> CalendarLoadResult:
    """Creates or updates one ``CalendarYear`` per year of a validated file."""
    try:
        return _apply(calendar_file=calendar_file, actor=actor, dry_run=dry_run)
    except BaseException:
        # A copy read inside the rolled-back transaction must not outlive it.
        calendar.forget()
        raise


@transaction.atomic
def _apply(*, calendar_file: loader.CalendarFile, actor, dry_run: bool) -> CalendarLoadResult:
    connection.set_schema_to_public()
    result = CalendarLoadResult(file=calendar_file.file, dry_run=dry_run)
    existing = {
        row.year: row
        for row in CalendarYear.objects.select_for_update().filter(year__in=list(calendar_file.years))
    }
    for year, data in calendar_file.years.items():
        row = existing.get(year)
        if row is not None and row.holidays == data.holidays and row.workdays == data.workdays:
            result.unchanged.append(year)
            continue
        (result.created if row is None else result.updated).append(year)
        if dry_run:
            continue
        before = (
            None
            if row is None
            else {"holidays": row.holidays, "workdays": row.workdays, "source": row.source}
        )
        row = row or CalendarYear(year=year)
        row.holidays, row.workdays = data.holidays, data.workdays
        row.source = calendar_file.file[-SOURCE_MAX_LENGTH:]
        row.save()
        audit.record(
            actor=actor,
            action="platform.load_working_calendar",
            obj=row,
            before=before,
            after={"holidays": row.holidays, "workdays": row.workdays, "source": row.source},
        )
    if result.changed and not dry_run:
        transaction.on_commit(calendar.forget)
    return result
