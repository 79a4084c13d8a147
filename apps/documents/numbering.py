"""Document numbers: each office's prefix and template (its profile's ``numbering:``) and
one gap-free series per kind and year.

``issue_number`` runs inside the caller's transaction and locks the series row until that
transaction ends, so two callers never get the same number, and a caller that rolls back
gives its number back (the next caller gets it): no gaps, no duplicates.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import connection

from apps.documents.models import NumberSeries

NUMBERING_TIME_ZONE = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class IssuedNumber:
    kind: str
    year: int
    number: int
    text: str  # e.g. 穗外办批〔2026〕12号


def current_year() -> int:
    return datetime.datetime.now(NUMBERING_TIME_ZONE).year


def numbering_rule(profile: dict | None, kind: str) -> dict:
    rules = (profile or {}).get("numbering") or {}
    rule = rules.get(kind)
    if not rule or "prefix" not in rule or "template" not in rule:
        known = ", ".join(sorted(rules)) or "none"
        raise ValueError(
            f"No document numbering for kind {kind!r}: the office profile has no "
            f"numbering.{kind} (with prefix and template); kinds it numbers: {known}"
        )
    return rule


def _next_in_series(kind: str, year: int) -> int:
    table = connection.ops.quote_name(NumberSeries._meta.db_table)
    with connection.cursor() as cursor:
        # Creates the series on first use; a concurrent creator waits on the unique index.
        cursor.execute(
            f"INSERT INTO {table} (kind, year, last_number) VALUES (%s, %s, 0) "  # noqa: S608 (table name from the model)
            "ON CONFLICT (kind, year) DO NOTHING",
            [kind, year],
        )
        cursor.execute(
            f"UPDATE {table} SET last_number = last_number + 1 "  # noqa: S608
            "WHERE kind = %s AND year = %s RETURNING last_number",
            [kind, year],
        )
        return cursor.fetchone()[0]


def issue_number(*, kind: str, profile: dict, year: int | None = None) -> IssuedNumber:
    """The next number of ``kind`` for ``year`` (default: this year in Asia/Shanghai),
    formatted by the profile's template. Call it inside ``transaction.atomic()``, in the
    city's schema: the row lock it takes is held until the caller commits or rolls back."""
    if not connection.in_atomic_block:
        raise RuntimeError("issue_number must run inside the caller's transaction (transaction.atomic)")
    rule = numbering_rule(profile, kind)
    year = year if year is not None else current_year()
    number = _next_in_series(kind, year)
    text = rule["template"].format(prefix=rule["prefix"], year=year, number=number)
    return IssuedNumber(kind=kind, year=year, number=number, text=text)
