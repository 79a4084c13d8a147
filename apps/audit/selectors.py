"""Reads of the audit log, for the roles allowed to read it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from apps.audit.models import AuditEntry


def audit_entries(
    *,
    can_read: bool,
    granted: frozenset[str] = frozenset(),
    object_type: str = "",
    object_id: str = "",
    action: str = "",
    actor: str = "",
) -> QuerySet[AuditEntry]:
    """The log of the current schema, newest first, optionally narrowed.

    ``can_read`` is the caller's verdict from ``apps.accounts.access`` ("audit.view");
    ``granted`` the caller's permissions: rows about a module's ``restricted_objects`` are
    left out unless it holds their permission (their existence is not known without it).
    """
    if not can_read:
        raise PermissionDenied
    entries = AuditEntry.objects.all()
    hidden = hidden_object_types(granted)
    if hidden:
        entries = entries.exclude(object_type__in=hidden)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if object_id:
        entries = entries.filter(object_id=object_id)
    if action:
        entries = entries.filter(action__startswith=action)
    if actor:
        entries = entries.filter(actor_username=actor)
    return entries


def hidden_object_types(granted: frozenset[str]) -> list[str]:
    """The object types whose rows a reader holding ``granted`` may not see."""
    from apps.registry.modules import registry

    return sorted(
        object_type
        for module in registry
        for object_type, permission in module.restricted_objects.items()
        if permission not in granted
    )
