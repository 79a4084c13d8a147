"""The casework engine: every change of a case's state goes through ``perform``.

One call = one transaction: the case row is locked, the transition checked (state, role
or permission, version), the case moved, its history and the audit log written, the
next people notified (after commit) and, when the chain says so, the case put in the
provincial FAO's queue. Two reviewers acting on the same version: the first wins, the
second gets ``StaleCase`` (HTTP 409), never a double step.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.roles import CITY_ROLES, permissions_for_role
from apps.audit import services as audit
from apps.casework.chains import resolve_chain
from apps.casework.models import Case, CaseEvent
from apps.casework.summary import both
from apps.casework.workflows import (
    APPROVE,
    MOVE,
    PROVINCE_APPROVE,
    PROVINCE_KINDS,
    REJECT,
    RETURN,
    STEP_KINDS,
    SUBMIT,
    Transition,
    Workflow,
    get_workflow,
)
from apps.registry.i18n import label
from apps.registry.modules import registry
from apps.reporting import escalations


class StaleCase(Exception):
    """The case changed since the caller read it (another reviewer acted first)."""


@dataclass(frozen=True)
class ProvinceActor:
    """A provincial FAO user deciding an escalated case (lives in the public schema)."""

    username: str
    display_name: str
    province_code: str
    office_name: str


def open_case(
    *, actor, workflow_id: str, title: str, unit_code: str = "", facts: dict[str, Any] | None = None
) -> Case:
    """Opens a case in its workflow's initial state. ``actor`` None: opened by the public
    without signing in (e.g. an online complaint); the history says so by an empty name."""
    workflow = get_workflow(workflow_id)
    case = Case.objects.create(
        workflow=workflow.id,
        title=title,
        state=workflow.initial,
        unit_code=unit_code,
        submitted_by=actor,
        facts=facts or {},
    )
    CaseEvent.objects.create(
        case=case,
        actor=actor,
        actor_name=str(actor) if actor is not None else "",
        actor_role=getattr(actor, "role", ""),
        transition="open",
        from_state="",
        to_state=case.state,
    )
    audit.record(actor=actor, action=f"{workflow.id}.open", obj=case, after={"state": case.state})
    return case


def allowed(workflow: Workflow, transition: Transition, case: Case, actor=None, province=None) -> str | None:
    """Why ``actor`` may not perform ``transition`` on ``case`` now, or None if they may."""
    if case.state not in workflow.sources_of(transition):
        return "state"
    if transition.kind in PROVINCE_KINDS:
        city_province = getattr(connection.tenant, "province", None)
        if province is None or city_province is None or city_province.code != province.province_code:
            return "permission"
        return None
    if actor is None or not actor.is_authenticated:
        return "permission"
    if transition.kind in STEP_KINDS:
        if actor.role != case.current_role:
            return "permission"
        return "author" if is_author(case, actor, workflow) else None
    granted = permissions_for_role(actor.role, connection.tenant.profile)
    return None if transition.permission in granted else "permission"


def is_author(case: Case, actor, workflow: Workflow | None = None) -> bool:
    """Whether ``actor`` created or submitted ``case``: its author never decides any step of
    it, whatever role they hold (separation of duties)."""
    if case.submitted_by_id == actor.pk:
        return True
    workflow = workflow or get_workflow(case.workflow)
    return case.events.filter(actor_id=actor.pk, step__isnull=True, to_state=workflow.review_state).exists()


def transitions_for(case: Case, actor) -> list[Transition]:
    """The transitions ``actor`` may perform on ``case`` now (for buttons and the API)."""
    workflow = get_workflow(case.workflow)
    return [t for t in workflow.transitions if allowed(workflow, t, case, actor) is None]


def _refuse(reason: str, workflow: Workflow, transition: Transition, case: Case):
    if reason == "state":
        raise ValidationError(
            _("“%(action)s” is not possible while the case is “%(state)s”.")
            % {
                "action": label(transition.labels, transition.name),
                "state": label(workflow.states[case.state], case.state),
            },
            code="transition_not_allowed",
        )
    if reason == "author":
        raise PermissionDenied(_("You created or submitted this case: another colleague must decide it."))
    raise PermissionDenied(_("You may not do this at this step."))


def _hooks(workflow: Workflow):
    return import_module(workflow.hooks) if workflow.hooks else None


def perform(
    *,
    case: Case,
    name: str,
    actor=None,
    province: ProvinceActor | None = None,
    comment: str = "",
    version: int | None = None,
) -> Case:
    """Performs transition ``name`` on ``case``; returns the case as it now is."""
    workflow = get_workflow(case.workflow)
    transition = workflow.transition(name)
    if transition is None:
        raise ValidationError(_("Unknown action “%(name)s”.") % {"name": name}, code="unknown_transition")
    comment = (comment or "").strip()
    if transition.comment_required and not comment:
        raise ValidationError({"comment": [_("A comment is required for this action.")]})
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if version is not None and locked.version != version:
            raise StaleCase(f"case {locked.pk} is at version {locked.version}, not {version}")
        reason = allowed(workflow, transition, locked, actor, province)
        if reason:
            _refuse(reason, workflow, transition, locked)
        from_state, from_step = locked.state, locked.step
        _move(workflow, transition, locked)
        locked.version += 1
        locked.save()
        _record(workflow, transition, locked, from_state, from_step, actor, province, comment)
        hooks = _hooks(workflow)
        if hooks is not None and hasattr(hooks, "after_transition"):
            hooks.after_transition(case=locked, transition=transition, from_state=from_state, actor=actor)
        if locked.state == workflow.escalated_state and from_state != locked.state:
            escalations.receive_escalation(case=locked, workflow=workflow, summary=_summary(workflow, locked))
        _notify(workflow, locked, transition, from_state)
    case.refresh_from_db()
    return case


def _summary(workflow: Workflow, case: Case) -> dict[str, Any]:
    """The module's summary for the province, with the city's approval history added."""
    module = registry.get(workflow.id.split(".", 1)[0])
    summary = dict(module.escalation_summary(case) or {}) if module is not None else {}
    summary["history"] = [
        {
            "at": event.occurred_at.isoformat(),
            "who": event.actor_name,
            "role": both(CITY_ROLES.get(event.actor_role), event.actor_role),
            "action": both(
                (
                    workflow.transition(event.transition).labels
                    if workflow.transition(event.transition)
                    else None
                )
                or ({"zh": "创建", "en": "Created"} if event.transition == "open" else None),
                event.transition,
            ),
            "to": both(workflow.states.get(event.to_state), event.to_state),
            "comment": event.comment,
        }
        for event in case.events.order_by("occurred_at", "pk")
    ]
    return summary


def _move(workflow: Workflow, transition: Transition, case: Case) -> None:
    now = timezone.now()
    if transition.kind == SUBMIT:
        chain = resolve_chain(connection.tenant.profile, workflow.chain_key, case.facts)
        case.chain, case.escalate, case.step = list(chain.steps), chain.escalate, 0
        case.state, case.submitted_at = workflow.review_state, now
    elif transition.kind == APPROVE:
        case.step += 1
        if case.step >= len(case.chain):
            case.state = workflow.escalated_state if case.escalate else transition.target
            if case.state != workflow.escalated_state:
                case.decided_at = now
    elif transition.kind in (RETURN, REJECT):
        case.state, case.step = transition.target, 0
        if transition.kind == REJECT:
            case.decided_at = now
    elif transition.kind in PROVINCE_KINDS:
        case.state, case.decided_at = transition.target, now
    else:  # MOVE
        case.state = transition.target


def _record(workflow, transition, case, from_state, from_step, actor, province, comment) -> None:
    event = CaseEvent(
        case=case,
        transition=transition.name,
        from_state=from_state,
        to_state=case.state,
        step=from_step if transition.kind in STEP_KINDS else None,
        comment=comment,
    )
    if province is not None:
        event.actor_name = province.display_name or province.username
        event.actor_role = "province_reviewer"
        event.actor_org = province.office_name
    else:
        event.actor, event.actor_name, event.actor_role = actor, str(actor), actor.role
    event.save()
    audit.record(
        actor=actor,
        on_behalf_of=f"{province.province_code}:{province.username}" if province else "",
        action=f"{workflow.id}.{transition.name}",
        obj=case,
        before={"state": from_state, "step": from_step},
        after={"state": case.state, "step": case.step, "comment": comment},
    )


def _notify(workflow: Workflow, case: Case, transition: Transition, from_state: str) -> None:
    """Tells the next step's role (or the author) in both languages; the "to review"
    notices of the step the case has left are marked done for everyone who got them."""
    from apps.notifications import services as notifications

    notifications.mark_done(about=case, kind="case.assigned")
    url = case_url(workflow, case)
    if case.state == workflow.review_state and case.current_role:
        notifications.notify(
            recipients=notifications.recipients_with_role(case.current_role),
            kind="case.assigned",
            subject=notifications.in_both(lambda: _("To review: %(title)s") % {"title": case.title}),
            body=notifications.in_both(lambda: _("Case #%(id)s awaits your decision.") % {"id": case.pk}),
            url=url,
            about=case,
        )
    elif case.submitted_by_id and case.state != from_state:

        def state() -> str:
            return label(workflow.states[case.state], case.state)

        notifications.notify(
            recipients=[case.submitted_by],
            kind="case.changed",
            subject=notifications.in_both(
                lambda: _("%(title)s: %(state)s") % {"title": case.title, "state": state()}
            ),
            body=notifications.in_both(
                lambda: _("Case #%(id)s is now “%(state)s”.") % {"id": case.pk, "state": state()}
            ),
            url=url,
            about=case,
        )


def case_url(workflow: Workflow, case: Case) -> str:
    """The path of the case's page (``workflow.detail_url_name`` takes the case's id)."""
    if not workflow.detail_url_name:
        return ""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(workflow.detail_url_name, args=[case.pk], urlconf="waiban.urls_city")
    except NoReverseMatch:
        return ""


__all__ = [
    "MOVE",
    "PROVINCE_APPROVE",
    "ProvinceActor",
    "StaleCase",
    "open_case",
    "perform",
    "transitions_for",
]
