"""One action table per module: what can be done to a record, from which the detail page's
buttons, the web action endpoint and the API's action endpoints are all derived.

    ACTIONS = ActionTable("receptions.visit", [
        Action("submit", run=services.submit, style="primary"),      # an engine transition
        Action("issue", run=services.issue_letters, style="primary"),
        Action("override", labels={...}, permission="receptions.override",
               input=OverrideInput, run=services.override_rule, comment="none",
               states=("draft", "returned")),                        # not a transition
    ])

Every transition of the workflow is an action (its labels, its comment rule; performed by
``apps.casework.services.perform``) unless the table lists it with its own ``run``; province
transitions are left to the provincial portal. An action that is not a transition names its
permission and the states it is offered in. ``run(actor=, record=, data=)`` gets the
validated input (``version`` and ``comment`` included) and returns the record.

Buttons shown = ``table.available(record, actor)``: the actions the user may perform now.
The web (``CaseRecordView``) and API (``ActionsViewSetMixin``) use the same input serializer:
field errors land on the same field; a stale version is a message keeping what was typed
(web) or HTTP 409 (API).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action as drf_action
from rest_framework.response import Response

from apps.accounts.access import PermissionRequiredMixin
from apps.accounts.roles import permissions_for_role, role_label
from apps.casework import services as casework
from apps.casework.inputs import WebInput, validated
from apps.casework.services import StaleCase
from apps.casework.workflows import PROVINCE_KINDS, Workflow, get_workflow
from apps.registry.i18n import label

NONE, OPTIONAL, REQUIRED = "none", "optional", "required"


@dataclass(frozen=True)
class Action:
    name: str
    labels: dict[str, str] = field(default_factory=dict)
    permission: str = ""  # actions that are not transitions; transitions: the engine decides
    input: type[serializers.Serializer] | None = None
    run: Callable[..., Any] | None = None  # run(actor=, record=, data=) -> record
    comment: str = ""  # none | optional | required ("" = the transition's rule, else none)
    style: str = "secondary"  # the button: primary | secondary | danger | warning
    confirm: dict[str, str] | None = None  # a question to confirm before posting
    transition: str = ""  # the engine transition (default: the action's name, if the workflow has it)
    states: tuple[str, ...] = ()  # where a non-transition action is offered (empty: everywhere)
    when: Callable[[Any, Any], bool] | None = None  # a further condition (record, actor)
    versioned: bool = True
    button: bool = True  # False: not among the detail page's buttons (a form of its own, or API only)
    api_path: str = ""  # the API's url_path (default: the name); its URL kwargs join the input

    @property
    def title(self) -> str:
        return label(self.labels, self.name)

    @property
    def confirm_text(self) -> str:
        return label(self.confirm, "") if self.confirm else ""


def _camel(text: str) -> str:
    return "".join(part.title() for part in text.replace(".", "_").split("_"))


class ActionTable:
    def __init__(self, workflow_id: str, actions: Iterable[Action] = (), *, view_permission: str = ""):
        self.workflow_id = workflow_id
        self.view_permission = view_permission
        self._declared = list(actions)
        self._actions: dict[str, Action] | None = None
        self._serializers: dict[str, type[serializers.Serializer]] = {}

    @property
    def workflow(self) -> Workflow:
        return get_workflow(self.workflow_id)

    def _resolve(self) -> dict[str, Action]:
        if self._actions is not None:
            return self._actions
        workflow = self.workflow
        resolved: dict[str, Action] = {}
        declared = {action.name: action for action in self._declared}
        for transition in workflow.transitions:
            if transition.kind in PROVINCE_KINDS:
                continue
            action = declared.get(transition.name) or Action(transition.name)
            resolved[transition.name] = self._for_transition(action, transition)
        for action in self._declared:
            if action.name in resolved:
                continue
            if action.transition:
                resolved[action.name] = self._for_transition(action, workflow.transition(action.transition))
            else:
                if not action.permission or action.run is None:
                    raise ValueError(f"{self.workflow_id}: action {action.name!r} needs a permission and run")
                resolved[action.name] = replace(action, comment=action.comment or NONE)
        self._actions = resolved
        return resolved

    @staticmethod
    def _for_transition(action: Action, transition) -> Action:
        if transition is None:
            raise ValueError(f"action {action.name!r} names no transition of its workflow")
        comment = action.comment or (REQUIRED if transition.comment_required else OPTIONAL)
        return replace(
            action,
            transition=transition.name,
            labels=action.labels or transition.labels,
            comment=comment,
            style=action.style
            if action.style != "secondary"
            else ("danger" if transition.kind in ("reject",) else "secondary"),
        )

    def __iter__(self) -> Iterator[Action]:
        return iter(self._resolve().values())

    def get(self, name: str) -> Action | None:
        return self._resolve().get(name)

    # --- who may do what now --------------------------------------------------------

    def refusal(self, action: Action, record, actor) -> str | None:
        """Why ``actor`` may not perform ``action`` on ``record`` now ("state",
        "permission"), or None."""
        case = record.case
        if action.transition:
            workflow = self.workflow
            reason = casework.allowed(workflow, workflow.transition(action.transition), case, actor)
            if reason:
                return reason
        else:
            if action.states and case.state not in action.states:
                return "state"
            if actor is None or not actor.is_authenticated:
                return "permission"
            if action.permission not in permissions_for_role(actor.role, connection.tenant.profile):
                return "permission"
        if action.when is not None and not action.when(record, actor):
            return "state"
        return None

    def available(self, record, actor) -> list[Action]:
        return [action for action in self if self.refusal(action, record, actor) is None]

    def buttons(self, record, actor) -> list[Action]:
        return [action for action in self.available(record, actor) if action.button]

    # --- input ------------------------------------------------------------------------

    def input_serializer(self, action: Action) -> type[serializers.Serializer]:
        """The action's input: its own fields, plus ``version`` and ``comment``."""
        if action.name in self._serializers:
            return self._serializers[action.name]
        attrs: dict[str, Any] = {}
        if action.versioned:
            attrs["version"] = serializers.IntegerField(
                min_value=1, help_text="the case's version as read (409 if it changed since)"
            )
        if action.comment in (OPTIONAL, REQUIRED):
            attrs["comment"] = serializers.CharField(
                label=_("Comment"),
                required=action.comment == REQUIRED,
                allow_blank=action.comment != REQUIRED,
                default="" if action.comment != REQUIRED else serializers.empty,
                style={"base_template": "textarea.html"},
            )
        base = action.input or serializers.Serializer
        name = f"{_camel(self.workflow_id)}{_camel(action.name)}Action"
        serializer_class = type(name, (base,), attrs)
        self._serializers[action.name] = serializer_class
        return serializer_class

    # --- doing it ---------------------------------------------------------------------

    def perform(self, action: Action, *, record, actor, data: dict[str, Any]):
        """Runs ``action`` (input already validated); returns the record as it now is."""
        if not action.transition:
            reason = self.refusal(action, record, actor)
            if reason == "permission":
                raise PermissionDenied(_("You may not do this at this step."))
            if reason == "state":
                raise ValidationError(
                    _("“%(action)s” is not possible while the case is “%(state)s”.")
                    % {"action": action.title, "state": record.state_label},
                    code="transition_not_allowed",
                )
        elif action.when is not None and not action.when(record, actor):
            raise ValidationError(_("“%(action)s” is not possible now.") % {"action": action.title})
        if action.run is not None:
            result = action.run(actor=actor, record=record, data=data)
        else:
            casework.perform(
                case=record.case,
                name=action.transition,
                actor=actor,
                comment=data.get("comment", ""),
                version=data.get("version"),
            )
            result = None
        del result  # the record is read again: the run may have changed it and its case
        if hasattr(type(record), "objects"):
            return type(record).objects.select_related("case").get(pk=record.pk)
        record.case.refresh_from_db()
        return record


# --- web ------------------------------------------------------------------------------


class CaseRecordView(PermissionRequiredMixin, TemplateView):
    """A record's page (GET <pk>/) and its actions (POST <pk>/actions/<name>/).

    Subclasses set ``model``, ``table``, ``template_name``, ``required_permissions`` (the
    view permission for GET and POST; each action then checks its own) and
    ``detail_url_name``; ``extra_context_for(record)`` adds their own."""

    model = None
    table: ActionTable
    detail_url_name = ""
    # A refused action: the page again with the action's form and its errors (400), or
    # (True) back to the page with the reasons as messages, when the forms show no errors.
    refusal_redirects = False

    def get_record(self, pk):
        return get_object_or_404(self.model.objects.visible_to(self.request.user), pk=pk)

    def extra_context_for(self, record) -> dict[str, Any]:
        return {}

    def action_forms(self, record, bound: tuple[str, WebInput] | None = None):
        forms = []
        for action in self.table.buttons(record, self.request.user):
            if bound and bound[0] == action.name:
                web = bound[1]
            else:
                initial = {"version": record.case.version}
                web = WebInput(
                    self.table.input_serializer(action), initial=initial, context={"request": self.request}
                )
            forms.append((action, web))
        return forms

    def get_context_data(self, pk, bound=None, **kwargs):
        record = self.get_record(pk)
        case = record.case
        awaiting = record.awaiting_role
        return {
            **super().get_context_data(**kwargs),
            "record": record,
            "case": case,
            "state_label": record.state_label,
            "awaiting": role_label(awaiting) if awaiting else None,
            "actions": self.action_forms(record, bound),
            "events": case.events.select_related("case"),
            **self.extra_context_for(record),
        }

    def post(self, request, pk, name=None):
        """``name`` from the URL, or (one endpoint for all buttons) posted as ``action``."""
        record = self.get_record(pk)
        action = self.table.get(name or request.POST.get("action", ""))
        if action is None:
            raise Http404
        web = WebInput(
            self.table.input_serializer(action),
            data=request.POST,
            files=request.FILES,
            context={"request": request},
        )
        status = 400
        if web.is_valid():
            try:
                self.table.perform(action, record=record, actor=request.user, data=web.validated_data)
            except StaleCase:
                messages.error(
                    request, _("Someone else acted on this case first. Here is its current state.")
                )
                status = 409
                web = self._rebound(action, record, web)
            except ValidationError as error:
                web.add_errors(error)
                for message in self.refusal_messages(action, web):
                    messages.error(request, message)
            except PermissionDenied as error:
                messages.error(request, str(error) or _("You may not do this."))
                status = 403
            else:
                messages.success(request, self.done_message(action))
                return redirect(self.detail_url_name, record.pk)
        else:
            for message in self.refusal_messages(action, web):
                messages.error(request, message)
        if status == 400 and self.refusal_redirects:
            return redirect(self.detail_url_name, record.pk)
        context = self.get_context_data(pk=pk, bound=(action.name, web))
        return self.render_to_response(context, status=status)

    def done_message(self, action: Action) -> str:
        return _("Done: %(action)s.") % {"action": action.title}

    def refusal_messages(self, action: Action, web: WebInput) -> list[str]:
        """What the page says on top when the service refused the action (its reasons are on
        the action's form)."""
        return [_("“%(action)s” was not done; see below.") % {"action": action.title}]

    def _rebound(self, action, record, web: WebInput) -> WebInput:
        """The form again with what was typed, at the case's current version."""
        fresh = type(record).objects.select_related("case").get(pk=record.pk)
        data = web.data.copy()
        data["version"] = str(fresh.case.version)
        rebound = WebInput(web.serializer_class, data=data, files=web.files, context=web.context)
        rebound.form.full_clean()
        return rebound


# --- API ------------------------------------------------------------------------------

ERROR_RESPONSE = OpenApiResponse(description="{status, code, message, fields}: see the API's error format")


class ActionsViewSetMixin:
    """Adds ``POST <records>/{id}/<name>/`` for each action of ``action_table`` to a
    viewset (with its input in the OpenAPI document); ``record_response(record)`` answers."""

    action_table: ActionTable
    record_serializer_class: type[serializers.Serializer]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        table = cls.__dict__.get("action_table")
        if table is None:
            return
        permissions = dict(getattr(cls, "required_permissions", {}) or {})
        for action in table:
            method_name = f"act_{action.name}"
            setattr(cls, method_name, _api_method(table, action, method_name, cls.record_serializer_class))
            permissions[method_name] = table.view_permission
        cls.required_permissions = permissions

    def record_response(self, record, status: int = 200) -> Response:
        fresh = self.get_queryset().get(pk=record.pk)
        return Response(
            self.record_serializer_class(fresh, context={"request": self.request}).data, status=status
        )


def _api_method(table: ActionTable, action: Action, method_name: str, response_serializer):
    from apps.casework.api import conflict_on_stale

    serializer_class = table.input_serializer(action)

    def handler(self, request, pk=None, **kwargs):
        record = self.get_object()
        payload = {**request.data, **kwargs} if kwargs else request.data
        data = validated(serializer_class, payload, context={"request": request})
        with conflict_on_stale():
            record = table.perform(action, record=record, actor=request.user, data=data)
        return self.record_response(record)

    handler.__name__ = method_name
    handler.__doc__ = f"{action.labels.get('en', action.name)} ({action.labels.get('zh', '')})"
    has_file = any(isinstance(f, serializers.FileField) for f in serializer_class().fields.values())
    handler = extend_schema(
        request={"multipart/form-data": serializer_class} if has_file else serializer_class,
        responses={200: response_serializer, 400: ERROR_RESPONSE, 403: ERROR_RESPONSE, 409: ERROR_RESPONSE},
        summary=action.labels.get("en", action.name),
    )(handler)
    return drf_action(
        detail=True, methods=["post"], url_path=action.api_path or action.name, url_name=action.name
    )(handler)
