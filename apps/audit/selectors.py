"""Reads of the audit log, for the roles allowed to read it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from apps.audit.models import AuditEntry


def audit_entries(
    *, can_read: bool, object_type: str = "", object_id: str = "", action: str = "", actor: str = ""
) -> QuerySet[AuditEntry]:
    """The log of the current schema, newest first, optionally narrowed.

    ``can_read`` is the caller's verdict from ``apps.accounts.access`` ("audit.view").
    """
    if not can_read:
        raise PermissionDenied
    entries = AuditEntry.objects.all()
    if object_type:
        entries = entries.filter(object_type=object_type)
    if object_id:
        entries = entries.filter(object_id=object_id)
    if action:
        entries = entries.filter(action__startswith=action)
    if actor:
        entries = entries.filter(actor_username=actor)
    return entries
