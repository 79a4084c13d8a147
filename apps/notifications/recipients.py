"""Helpers for a module's reminders: who gets them, their de-duplication key, and how a
due date reads ("已逾期（应于2026-05-01前）", "今天到期", "将于…到期")."""

from __future__ import annotations

import datetime
from typing import Any

from apps.accounts.models import User
from apps.notifications.services import recipients_with_role


def unit_submitters(unit_code: str) -> list[User]:
    """The active submitters of one unit (``User.unit``)."""
    if not unit_code:
        return []
    return list(User.objects.filter(role="submitter", unit=unit_code, is_active=True))


def clerks_and_unit(unit_code: str, *, clerks: list[User] | None = None) -> list[User]:
    """The office's clerks and the unit's submitters (pass ``clerks`` to read them once)."""
    clerks = list(recipients_with_role("clerk")) if clerks is None else clerks
    return [*clerks, *unit_submitters(unit_code)]


def dedupe_key(kind: str, about: Any, today: datetime.date) -> str:
    """``<kind>:<object id>:<day>``: a second run on the same day sends nothing new."""
    object_id = getattr(about, "pk", about)
    return f"{kind}:{object_id}:{today.isoformat()}"


def due_phrase(due: datetime.date, today: datetime.date) -> str:
    if due < today:
        return f"已逾期（应于{due:%Y-%m-%d}前）"
    if due == today:
        return "今天到期"
    return f"将于{due:%Y-%m-%d}到期"
