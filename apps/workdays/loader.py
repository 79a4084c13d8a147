"""Reads and validates a working-day calendar file. Nothing is written here.

The file maps each year to its public holidays and make-up working days, as published
by the General Office of the State Council (see ``data/cn-working-calendar.yaml``)::

    2026:
      holidays:
        - {name: 春节 Spring Festival, from: 2026-02-15, to: 2026-02-23}
      workdays: [2026-02-14, 2026-02-28]

Every problem is reported, one line each, naming the file and the path inside it
(the same ``Problem``/``ProfileError`` as office profiles)::

    cn-working-calendar.yaml: 2026.holidays[1]: from 2026-02-23 is after to 2026-02-15

Every date of a year's entry lies in that year. A notice whose holiday starts in
December of the year before (2024's New Year: 2023-12-30 to 2024-01-01) is written as
two entries, the December days under the earlier year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from city_profiles.loader import Problem, ProfileError, display_path

FIRST_YEAR, LAST_YEAR = 2000, 2100
YEAR_KEYS = ("holidays", "workdays")
HOLIDAY_KEYS = ("name", "from", "to")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class YearCalendar:
    year: int
    holidays: list[dict[str, str]]  # [{"name", "from", "to"}], dates as ISO text, file order
    workdays: list[str]  # ISO dates, sorted


@dataclass(frozen=True)
class CalendarFile:
    file: str
    years: dict[int, YearCalendar] = field(default_factory=dict)


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps dates as text (checked here, with a path, rather than failing
    inside PyYAML on 2026-02-30) and refuses a key given twice (a second ``2026:`` would
    otherwise silently replace the first)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, list | dict):
                continue  # reported as a wrong key by the validation
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _parse_yaml(name: str, text: str) -> tuple[Any, list[Problem]]:
    try:
        return yaml.load(text, Loader=_Loader), []  # noqa: S506 (_Loader is a SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return None, [Problem(name, where, f"not valid YAML: {reason}")]


def _type_name(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__


def _unknown_keys(name: str, path: str, value: dict, known: tuple[str, ...]) -> list[Problem]:
    extra = [key for key in value if key not in known]
    if not extra:
        return []
    return [
        Problem(
            name,
            path,
            "unknown key(s): " + ", ".join(repr(key) for key in extra) + f" (expected: {', '.join(known)})",
        )
    ]


def _date(name: str, path: str, value: Any, year: int, problems: list[Problem]) -> date | None:
    """The date at ``path``, or None after adding its problem."""
    if not isinstance(value, str) or not ISO_DATE.match(value):
        shown = repr(value) if isinstance(value, str) else _type_name(value)
        problems.append(Problem(name, path, f"expected a date YYYY-MM-DD, got {shown}"))
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        problems.append(Problem(name, path, f"{value} is not a date of the calendar"))
        return None
    if day.year != year:
        problems.append(Problem(name, path, f"{value} is outside {year}"))
        return None
    return day


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def _validate_year(name: str, year: int, entry: Any) -> tuple[YearCalendar | None, list[Problem]]:
    problems: list[Problem] = []
    if not isinstance(entry, dict):
        return None, [
            Problem(name, str(year), f"expected a mapping of holidays and workdays, got {_type_name(entry)}")
        ]
    problems += _unknown_keys(name, str(year), entry, YEAR_KEYS)
    for key in YEAR_KEYS:
        if key not in entry:
            problems.append(Problem(name, f"{year}.{key}", "is required"))
        elif not isinstance(entry[key], list):
            problems.append(Problem(name, f"{year}.{key}", f"expected a list, got {_type_name(entry[key])}"))

    holidays: list[dict[str, str]] = []
    off: dict[date, int] = {}  # day -> index of its holiday
    raw_holidays = entry.get("holidays") if isinstance(entry.get("holidays"), list) else []
    if "holidays" in entry and isinstance(entry["holidays"], list) and not raw_holidays:
        problems.append(Problem(name, f"{year}.holidays", "no holidays listed"))
    for index, holiday in enumerate(raw_holidays):
        path = f"{year}.holidays[{index}]"
        if not isinstance(holiday, dict):
            problems.append(
                Problem(name, path, f"expected a mapping of name, from, to, got {_type_name(holiday)}")
            )
            continue
        problems += _unknown_keys(name, path, holiday, HOLIDAY_KEYS)
        missing = [key for key in HOLIDAY_KEYS if key not in holiday]
        for key in missing:
            problems.append(Problem(name, f"{path}.{key}", "is required"))
        title = holiday.get("name")
        if "name" in holiday and (not isinstance(title, str) or not title.strip()):
            problems.append(Problem(name, f"{path}.name", f"expected a name, got {_type_name(title)}"))
        first = _date(name, f"{path}.from", holiday["from"], year, problems) if "from" in holiday else None
        last = _date(name, f"{path}.to", holiday["to"], year, problems) if "to" in holiday else None
        if first is None or last is None:
            continue
        if first > last:
            problems.append(Problem(name, path, f"from {first} is after to {last}"))
            continue
        for day in _days(first, last):
            if day in off:
                problems.append(Problem(name, path, f"{day} is also in holidays[{off[day]}]"))
                break
            off[day] = index
        if isinstance(title, str) and title.strip():
            holidays.append({"name": title.strip(), "from": first.isoformat(), "to": last.isoformat()})

    workdays: set[date] = set()
    raw_workdays = entry.get("workdays") if isinstance(entry.get("workdays"), list) else []
    for index, value in enumerate(raw_workdays):
        path = f"{year}.workdays[{index}]"
        day = _date(name, path, value, year, problems)
        if day is None:
            continue
        if day in workdays:
            problems.append(Problem(name, path, f"{day} is listed twice"))
        elif day in off:
            problems.append(
                Problem(
                    name, path, f"{day} is both a make-up working day and a holiday (holidays[{off[day]}])"
                )
            )
        elif day.weekday() < 5:
            problems.append(
                Problem(
                    name,
                    path,
                    f"{day} is a {WEEKDAY_NAMES[day.weekday()]}; "
                    "a make-up working day is a Saturday or Sunday",
                )
            )
        workdays.add(day)

    if problems:
        return None, problems
    return YearCalendar(year=year, holidays=holidays, workdays=sorted(d.isoformat() for d in workdays)), []


def validate(name: str, data: Any) -> tuple[CalendarFile | None, list[Problem]]:
    """The calendar in ``data`` (parsed YAML), or every problem with it."""
    if not isinstance(data, dict):
        return None, [Problem(name, "", f"expected a mapping of years, got {_type_name(data)}")]
    if not data:
        return None, [Problem(name, "", "no years in the file")]
    problems: list[Problem] = []
    years: dict[int, YearCalendar] = {}
    for key, entry in data.items():
        if isinstance(key, bool) or not isinstance(key, int) or not FIRST_YEAR <= key <= LAST_YEAR:
            problems.append(
                Problem(
                    name,
                    str(key),
                    f"a year must be a whole number from {FIRST_YEAR} to {LAST_YEAR}, got {key!r}",
                )
            )
            continue
        calendar, year_problems = _validate_year(name, key, entry)
        problems += year_problems
        if calendar is not None:
            years[key] = calendar
    if problems:
        return None, problems
    return CalendarFile(file=name, years=dict(sorted(years.items()))), []


def parse(text: str | bytes, *, name: str) -> CalendarFile:
    """The calendar in ``text``; raises ``ProfileError`` with every problem."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise ProfileError([Problem(name, "", "not UTF-8 text")]) from None
    data, problems = _parse_yaml(name, text)
    if not problems:
        calendar, problems = validate(name, data)
    if problems:
        raise ProfileError(problems)
    return calendar


def load(path: Path | str) -> CalendarFile:
    """The calendar in the file at ``path``; raises ``ProfileError`` with every problem."""
    name = display_path(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ProfileError([Problem(name, "", "file not found")]) from None
    except IsADirectoryError:
        raise ProfileError([Problem(name, "", "is a directory, not a file")]) from None
    return parse(raw, name=name)
