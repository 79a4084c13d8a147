"""Unit scoping: a department submitter sees (and downloads) only its own unit's cases,
records and attachments; the office's own roles see the whole city.

Every module asks these two functions instead of testing ``user.role == "submitter"``::

    queryset = scope_to_unit(Delegation.objects.all(), actor)              # lists, detail
    if not can_see_unit(actor, document.unit_code): raise PermissionDenied  # one object
"""

from __future__ import annotations

from django.db.models import QuerySet

# Roles whose view is limited to the unit they belong to (``User.unit``).
UNIT_BOUND_ROLES = frozenset({"submitter"})


def is_unit_bound(actor) -> bool:
    return getattr(actor, "role", None) in UNIT_BOUND_ROLES


def scope_to_unit(queryset: QuerySet, actor, *, field: str = "unit_code") -> QuerySet:
    """``queryset`` limited to what ``actor`` may see: its own unit's rows for a unit-bound
    role (none at all when it has no unit), everything for the office's roles."""
    if not is_unit_bound(actor):
        return queryset
    unit = getattr(actor, "unit", "") or ""
    if not unit:
        return queryset.none()
    return queryset.filter(**{field: unit})


def can_see_unit(actor, unit_code: str | None) -> bool:
    """Whether ``actor`` may see a thing that belongs to ``unit_code``."""
    if not is_unit_bound(actor):
        return True
    unit = getattr(actor, "unit", "") or ""
    return bool(unit) and unit == (unit_code or "")
