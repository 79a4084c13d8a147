"""The one action table of a delegation: the detail page's buttons, the web action
endpoint (``trips:act``) and the API's action endpoints all come from it.

The engine's transitions are actions by themselves (approve, return, reject, withdraw,
release); the table adds the work a transition does besides (submit checks the letter and
the limits, hold records the objection, issue numbers the document, close files the
report) and the actions that are no transition (a letter, an override, an
acknowledgement). ``transition``, ``objection`` and ``report`` keep the API's older names."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from apps.casework import services as casework
from apps.casework.actions import NONE, Action, ActionTable
from apps.trips import serializers as s
from apps.trips import services


def as_id(value) -> int:
    """A posted id, or 404 for anything that is not one (never a 500)."""
    if not (isinstance(value, str) and value.isdigit()):
        raise Http404
    return int(value)


def _submit(*, actor, record, data):
    return services.submit(actor=actor, delegation=record, version=data["version"])


def _hold(*, actor, record, data):
    objection = data.get("objection", data.get("comment", ""))
    return services.record_objection(
        actor=actor, delegation=record, objection=objection, version=data["version"]
    )


def _issue(*, actor, record, data):
    return services.issue_approval_document(actor=actor, delegation=record, version=data["version"])


def _report(*, actor, record, data):
    return services.file_report(
        actor=actor, delegation=record, report=data["report"], outcome=data.get("outcome", ""),
        version=data["version"],
    )  # fmt: skip


def _transition(*, actor, record, data):
    return casework.perform(
        case=record.case,
        name=data["transition"],
        actor=actor,
        comment=data["comment"],
        version=data["version"],
    )


def _override(*, actor, record, data):
    return services.override_limit(
        actor=actor, delegation=record, rule=data["rule"], justification=data["justification"]
    )


def _invitation(*, actor, record, data):
    return services.attach_invitation(actor=actor, delegation=record, uploaded_file=data["file"])


def _acknowledge(*, actor, record, data):
    member = get_object_or_404(record.members.all(), pk=as_id(data["member"]))
    return services.acknowledge_education(actor=actor, member=member)


ACTIONS = ActionTable(
    "trips.delegation",
    [
        Action("submit", run=_submit, style="primary"),
        Action("approve", style="success"),
        Action("reject", style="outline-danger"),
        Action("hold", run=_hold, style="warning"),
        Action("issue", run=_issue, style="primary"),
        Action("close", run=_report, input=s.ReportSerializer, comment=NONE, style="primary"),
        # The API's names from before the table (same input, same answer).
        Action("objection", transition="hold", run=_hold, input=s.ObjectionSerializer, comment=NONE,
               button=False),
        Action("report", transition="close", run=_report, input=s.ReportSerializer, comment=NONE,
               button=False),
        Action("transition", labels={"zh": "审批操作", "en": "Transition"}, permission="trips.view",
               input=s.TransitionInput, run=_transition, button=False),
        # Not transitions: each has its own form on the page.
        Action("override", labels={"zh": "批准突破限制", "en": "Override a limit"},
               permission="trips.override", input=s.OverrideInputSerializer, run=_override, versioned=False,
               button=False),
        Action("invitation", labels={"zh": "上传邀请函", "en": "Upload the invitation letter"},
               permission="trips.submit", input=s.InvitationUploadSerializer, run=_invitation,
               versioned=False, button=False),
        Action("acknowledge", labels={"zh": "登记已受教育", "en": "Record acknowledgement"},
               permission="trips.manage", input=s.AcknowledgeInput, run=_acknowledge, versioned=False,
               button=False, api_path=r"members/(?P<member>\d+)/acknowledge"),
    ],
    view_permission="trips.view",
)  # fmt: skip
