"""Actions on the secretariat's own records (members, meetings, resolutions, projects),
which are not casework cases: one table per kind of record gives the detail page's forms,
the web endpoint (POST <pk>/do/<name>/) and the API's POST <records>/{id}/<name>/, with
one input serializer for both, as the kit's ActionTable does for cases."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action as drf_action

from apps.accounts.access import PermissionRequiredMixin
from apps.accounts.roles import permissions_for_role
from apps.casework.actions import ERROR_RESPONSE
from apps.casework.inputs import WebInput, validated
from apps.registry.i18n import label


@dataclass(frozen=True)
class Op:
    name: str
    labels: dict[str, str]
    input: type
    run: Callable[..., Any]  # run(actor=, record=, data=) -> record
    permission: str
    when: Callable[[Any], bool] | None = None  # offered only when true (the record's state)
    style: str = "outline-primary"
    initial: Callable[[Any], dict[str, Any]] | None = None  # the form's values from the record

    @property
    def title(self) -> str:
        return label(self.labels, self.name)


class OpTable:
    def __init__(self, *ops: Op):
        self.ops = {op.name: op for op in ops}

    def __iter__(self):
        return iter(self.ops.values())

    def get(self, name: str) -> Op | None:
        return self.ops.get(name)

    def allowed(self, op: Op, actor) -> bool:
        return op.permission in permissions_for_role(getattr(actor, "role", ""), connection.tenant.profile)

    def available(self, record, actor) -> list[Op]:
        return [op for op in self if self.allowed(op, actor) and (op.when is None or op.when(record))]

    def perform(self, op: Op, *, record, actor, data: dict[str, Any]):
        if not self.allowed(op, actor):
            raise PermissionDenied(_("You may not do this."))
        if op.when is not None and not op.when(record):
            raise ValidationError(_("“%(action)s” is not possible now.") % {"action": op.title})
        op.run(actor=actor, record=record, data=data)
        return type(record).objects.get(pk=record.pk)


class RecordPage(PermissionRequiredMixin, TemplateView):
    """A record's page (GET <pk>/) with a form per available op, and the ops (POST
    <pk>/do/<name>/): errors on their field under the op's form (400), never half-saved."""

    table: OpTable
    action_url_name = ""
    detail_url_name = ""

    def get_record(self, pk):
        raise NotImplementedError

    def extra_context_for(self, record) -> dict[str, Any]:
        return {}

    def op_forms(self, record, bound=None) -> list[dict[str, Any]]:
        forms = []
        for op in self.table.available(record, self.request.user):
            if bound and bound[0] == op.name:
                web = bound[1]
            else:
                initial = op.initial(record) if op.initial else None
                web = WebInput(op.input, initial=initial, context={"request": self.request})
            forms.append(
                {
                    "name": op.name,
                    "label": op.title,
                    "input": web,
                    "variant": op.style,
                    "url": reverse(self.action_url_name, args=[record.pk, op.name]),
                }
            )
        return forms

    def get_context_data(self, pk, bound=None, **kwargs):
        record = self.get_record(pk)
        return {
            **super().get_context_data(**kwargs),
            "record": record,
            "ops": self.op_forms(record, bound),
            **self.extra_context_for(record),
        }

    def post(self, request, pk, name):
        record = self.get_record(pk)
        op = self.table.get(name)
        if op is None:
            raise Http404
        web = WebInput(op.input, data=request.POST, context={"request": request})
        status = 400
        if web.is_valid():
            try:
                self.table.perform(op, record=record, actor=request.user, data=web.validated_data)
            except ValidationError as error:
                web.add_errors(error)
            except PermissionDenied as error:
                messages.error(request, str(error))
                status = 403
            else:
                messages.success(request, _("Done: %(action)s.") % {"action": op.title})
                return redirect(self.detail_url_name, record.pk)
        if status == 400:
            messages.error(request, _("“%(action)s” was not done; see below.") % {"action": op.title})
        return self.render_to_response(self.get_context_data(pk=pk, bound=(op.name, web)), status=status)


class OpsViewSetMixin:
    """Adds ``POST <records>/{id}/<name>/`` for each op of ``op_table`` to a viewset."""

    op_table: OpTable
    record_serializer_class: type

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        table = cls.__dict__.get("op_table")
        if table is None:
            return
        permissions = dict(getattr(cls, "required_permissions", {}) or {})
        for op in table:
            method_name = f"op_{op.name}"
            setattr(cls, method_name, _api_method(table, op, method_name, cls.record_serializer_class))
            permissions[method_name] = op.permission
        cls.required_permissions = permissions


def _api_method(table: OpTable, op: Op, method_name: str, response_serializer):
    from rest_framework.response import Response

    def handler(self, request, pk=None):
        record = self.get_object()
        data = validated(op.input, request.data, context={"request": request})
        record = table.perform(op, record=record, actor=request.user, data=data)
        fresh = self.get_queryset().get(pk=record.pk)
        return Response(response_serializer(fresh, context={"request": request}).data)

    handler.__name__ = method_name
    handler.__doc__ = f"{op.labels.get('en', op.name)} ({op.labels.get('zh', '')})"
    handler = extend_schema(
        request=op.input,
        responses={200: response_serializer, 400: ERROR_RESPONSE, 403: ERROR_RESPONSE},
        summary=op.labels.get("en", op.name),
    )(handler)
    return drf_action(detail=True, methods=["post"], url_path=op.name, url_name=op.name)(handler)
