"""The one way to write the audit log. Services call ``record`` inside their transaction,
so the row commits or rolls back with the change it describes."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from apps.audit.models import AuditEntry

# Personal numbers and birth dates never enter the audit log (issue 14): under these keys, at
# any depth, a value is masked (its last two characters kept, enough to tell two apart in a
# diff); the row references the record, which holds the value under its own permission.
SENSITIVE_KEYS = frozenset({
    "passport_number", "passport", "document_number", "birth_date", "holder_birth_date",
    "date_of_birth", "id_number", "identity_number", "id_card_number",
    # Two-factor sign-in: never recorded, masked should a caller pass them.
    "secret", "otp_secret", "otp_code", "recovery_code", "recovery_codes",
})  # fmt: skip


def mask(value: Any) -> Any:
    if value in (None, ""):
        return value
    text = str(value)
    return "•" * max(len(text) - 2, 2) + text[-2:] if len(text) > 4 else "••••"


def _masked(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: mask(item) if key in SENSITIVE_KEYS else _masked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_masked(item) for item in value]
    return value


def _jsonable(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    return _masked(json.loads(json.dumps(values, cls=DjangoJSONEncoder)))


def _repr(obj: models.Model) -> str:
    """How a row names its object: ``audit_repr`` where a model defines one (to leave a
    personal number out), else ``str(obj)``."""
    return str(getattr(obj, "audit_repr", None) or obj)[:200]


def object_type_of(obj: models.Model) -> str:
    return obj._meta.label_lower


def record(
    *,
    actor,
    action: str,
    on_behalf_of: str = "",
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    if obj is not None:
        object_type = object_type or object_type_of(obj)
        object_id = object_id or obj.pk
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor_id=actor.pk if authenticated else None,
        actor_username=actor.get_username() if authenticated else (on_behalf_of or "system"),
        actor_role=getattr(actor, "role", "") if authenticated else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        object_repr=_repr(obj) if obj is not None else "",
        before=_jsonable(before),
        after=_jsonable(after),
    )


def record_views(
    *, actor, action: str, objects: list[models.Model], after: dict[str, Any] | None = None
) -> int:
    """One row per object, as ``record`` writes them, in one INSERT (the chain's trigger
    numbers and hashes each row): for reads that touch a page of records at once."""
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    entries = [
        AuditEntry(
            actor_id=actor.pk if authenticated else None,
            actor_username=actor.get_username() if authenticated else "system",
            actor_role=getattr(actor, "role", "") if authenticated else "",
            action=action,
            object_type=object_type_of(obj),
            object_id=str(obj.pk or ""),
            object_repr=_repr(obj),
            after=_jsonable(after),
        )
        for obj in objects
    ]
    AuditEntry.objects.bulk_create(entries)
    return len(entries)


def changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The before/after pair of only the keys whose values differ."""
    keys = sorted(set(old) | set(new))
    before = {key: old.get(key) for key in keys if old.get(key) != new.get(key)}
    after = {key: new.get(key) for key in keys if old.get(key) != new.get(key)}
    return before, after
