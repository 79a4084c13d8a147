"""Who sees personal numbers and birth dates (issue 14): passport and permit numbers,
identity numbers, birth dates are shown in full only to holders of
``core.view_personal_data`` (the office's case handlers and a department's own submitter;
not the auditor or the office administrator, unless a profile grants it), and every
response that shows them in full leaves an audit row naming the record (never the value).
Everyone else sees them masked, in pages, the API and exports alike."""

from __future__ import annotations

from typing import Any

from apps.audit import services as audit

PERMISSION = "core.view_personal_data"


def mask(value: Any) -> str:
    """``••••••67``: the last two characters, enough to tell two documents apart."""
    return audit.mask(value) if value not in (None, "") else ""


def allowed(request) -> bool:
    from apps.accounts.access import has_permission

    return request is not None and has_permission(request, PERMISSION)


def reveal(request, obj, value: Any) -> Any:
    """``value`` in full for a permitted ``request`` (its first full view of ``obj`` in this
    request leaves one audit row), masked otherwise."""
    if value in (None, ""):
        return value
    if not allowed(request):
        return mask(value)
    seen = request.__dict__.setdefault("_personal_data_seen", set())
    key = (obj._meta.label_lower, obj.pk) if obj is not None else None
    if key not in seen:
        seen.add(key)
        audit.record(actor=request.user, action="core.view_personal_data", obj=obj,
                     after={"path": request.path[:200]})  # fmt: skip
    return value


class PersonalFieldsMixin:
    """For a serializer's output: ``personal_fields`` shown through ``reveal`` (the
    request comes from the serializer's context)."""

    personal_fields: tuple[str, ...] = ()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        for name in self.personal_fields:
            if name in data:
                shown = reveal(request, instance, data[name])
                # a date masked is no date: null (the schema says the field may be)
                data[name] = None if shown != data[name] and name.endswith("date") else shown
        return data
