"""Limits on what a request may carry (issue 14): hostile input fails with a 400 that says
why, as JSON on the API, before it reaches a view or the database.

- NUL bytes in the query string or a form field: PostgreSQL cannot store or compare them
  (psycopg2 raises), and no office text contains one.
- JSON nested deeper than ``MAX_JSON_DEPTH``: no API body is deeper than a few levels; the
  parser would otherwise recurse until Python's limit.
- Page sizes: ``?limit=`` is capped at ``MAX_PAGE_SIZE`` rows.
Request bodies are capped by Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE`` and file uploads by
the documents app's own limit (settings).
"""

from __future__ import annotations

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import JSONParser

MAX_JSON_DEPTH = 32
MAX_PAGE_SIZE = 200


def _has_nul(query_dict) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in query_dict.lists()
    )


def refusal(request, message: str):
    if request.path.startswith("/api/"):
        return JsonResponse({"status": 400, "code": "invalid", "message": message}, status=400)
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


class RequestLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET):
            return refusal(request, _("The address contains a NUL character; remove it and try again."))
        form = request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data")
        if request.method == "POST" and form and _has_nul(request.POST):
            return refusal(request, _("A field contains a NUL character; remove it and try again."))
        return self.get_response(request)


def _depth(value, limit: int) -> int:
    """Nesting depth of a decoded JSON value, iteratively (stops past ``limit``)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if deepest > limit:
                return deepest
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


class LimitedJSONParser(JSONParser):
    """DRF's JSON parser, refusing bodies nested deeper than ``MAX_JSON_DEPTH`` with a 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            data = None
            too_deep = True
        else:
            too_deep = _depth(data, MAX_JSON_DEPTH) > MAX_JSON_DEPTH
        if too_deep:
            raise ParseError(
                _("The JSON body is nested more than %(n)d levels deep.") % {"n": MAX_JSON_DEPTH}
            )
        return data


class CappedLimitOffsetPagination(LimitOffsetPagination):
    """``?limit=&offset=`` with at most ``MAX_PAGE_SIZE`` rows per page."""

    max_limit = MAX_PAGE_SIZE
