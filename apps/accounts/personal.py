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
    http = getattr(request, "_request", request)  # DRF's Request wraps Django's
    seen = http.__dict__.setdefault("_personal_data_seen", set())
    key = (obj._meta.label_lower, obj.pk) if obj is not None else None
    if key not in seen:
        seen.add(key)
        if http.__dict__.get("_personal_data_batched"):
            http.__dict__.setdefault("_personal_data_pending", []).append(obj)
        else:  # outside the middleware, or while a streamed export is being sent
            _audit(http, [obj])
    return value


def _audit(request, objects: list) -> None:
    audit.record_views(actor=request.user, action="core.view_personal_data", objects=objects,
                       after={"path": request.path[:200]})  # fmt: skip


class PersonalDataAuditMiddleware:
    """Writes the audit rows of every record a response showed in full in one INSERT,
    once the view is done: a page of 50 invited visitors was 50 INSERTs (47 of its 75 ms,
    ``bench/invitation_register.py``). Rows shown later (a streamed export) are written
    as they are shown."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._personal_data_batched = True
        try:
            return self.get_response(request)
        finally:
            request._personal_data_batched = False
            pending = request.__dict__.pop("_personal_data_pending", [])
            if pending:
                _audit(request, pending)


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
