"""One error format for the whole API.

Every error answers ``{"status": 400, "code": "invalid", "message": "...",
"fields": {"field": ["message", ...]}}``; ``fields`` only for validation errors.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class Conflict(exceptions.APIException):
    """The object changed under the caller (e.g. two reviewers on one case)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The object was changed by someone else; reload and try again."
    default_code = "conflict"


def _messages(detail) -> list[str]:
    if isinstance(detail, list):
        return [str(item) for item in detail]
    if isinstance(detail, dict):
        return [f"{key}: {value}" for key, value in detail.items()]
    return [str(detail)]


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    body = {"status": response.status_code, "code": "error", "message": ""}
    if isinstance(exc, exceptions.ValidationError):
        body["code"] = "invalid"
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        body["fields"] = {key: _messages(value) for key, value in detail.items()}
        general = body["fields"].get("non_field_errors")
        body["message"] = " ".join(general) if general else str(_("The request has invalid fields."))
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        body["code"] = codes if isinstance(codes, str) else exc.default_code
        body["message"] = " ".join(_messages(exc.detail))
    return Response(body, status=response.status_code, headers=dict(response.headers))
