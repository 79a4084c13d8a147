"""Reads of cases: what waits for a user (their decisions and the modules' tasks)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.db.models import CharField, Exists, F, Func, OuterRef, QuerySet

from apps.accounts.scoping import scope_to_unit
from apps.casework.models import Case, CaseEvent
from apps.casework.workflows import all_workflows, get_workflow


@dataclass(frozen=True)
class WaitingItem:
    """One line of a user's "waiting for me" list: what to do, on what, where, by when."""

    task: str  # in the reader's language, e.g. "Record the pre-departure education"
    title: str
    url: str
    since: datetime.date | datetime.datetime | None = None
    due: datetime.date | None = None


@dataclass(frozen=True)
class WaitingQuery:
    """One kind of task a module asks of a user, as one query: the header's badge counts it
    in SQL on every page, the "waiting for me" page lists its rows."""

    task: str  # in the reader's language
    query: QuerySet
    due: str  # the rows' field holding the date it is due by
    url: Callable[[Any], str]
    title: Callable[[Any], str] = attrgetter("title")

    def items(self) -> list[WaitingItem]:
        return [
            WaitingItem(task=self.task, title=self.title(row), url=self.url(row), due=getattr(row, self.due))
            for row in self.query
        ]

    def count(self) -> int:
        return self.query.order_by().values("pk").distinct().count()


def awaiting_decision(actor) -> list[Case]:
    """Cases in review whose current step is ``actor``'s role, oldest submission first: one
    query (the role at the step is read in SQL, ``chain ->> step``), as the header's badge
    asks on every page."""
    role = getattr(actor, "role", None)
    if not role:
        return []
    review_states = {workflow.review_state for workflow in all_workflows()}
    current_role = Func(F("chain"), F("step"), template="%(expressions)s", arg_joiner=" ->> ",
                        output_field=CharField())  # fmt: skip
    cases: QuerySet[Case] = scope_to_unit(Case.objects.filter(state__in=review_states), actor)
    cases = cases.annotate(current_step_role=current_role).filter(current_step_role=role)
    # The author of a case never decides it: not theirs to wait for.
    submitted_it = CaseEvent.objects.filter(
        case=OuterRef("pk"), actor_id=actor.pk, step__isnull=True, to_state=OuterRef("state")
    )
    cases = cases.exclude(submitted_by_id=actor.pk).exclude(Exists(submitted_it))
    return [
        case
        for case in cases.order_by("submitted_at", "pk")
        if case.state == get_workflow(case.workflow).review_state
    ]


def waiting_for(actor, profile: dict | None) -> dict[str, list[WaitingItem]]:
    """``{"decisions": [...], "tasks": [...]}``: the cases at ``actor``'s step and what
    the enabled modules ask of ``actor`` (``Module.waiting_for``)."""
    from django.utils.translation import gettext as _

    from apps.casework.services import case_url
    from apps.registry.modules import registry

    decisions = [
        WaitingItem(
            task=_("Awaiting your decision"),
            title=case.title,
            url=case_url(get_workflow(case.workflow), case),
            since=case.submitted_at,
        )
        for case in awaiting_decision(actor)
    ]
    tasks: list[WaitingItem] = []
    for module in registry.iter_enabled(profile):
        tasks.extend(module.waiting_for(actor))
    return {"decisions": decisions, "tasks": tasks}


def waiting_count(actor, profile: dict | None) -> int:
    """``len`` of both lists of ``waiting_for``, without building the modules' rows."""
    from apps.registry.modules import registry

    count = len(awaiting_decision(actor))
    return count + sum(module.waiting_count(actor) for module in registry.iter_enabled(profile))


def decider(case: Case):
    """An active user who may decide ``case``'s current step: the step's role, not one of the
    case's authors (who never decide their own case). For demo data and scripts; None when
    the office has no such colleague."""
    from django.contrib.auth import get_user_model

    role = case.current_role
    if not role:
        return None
    authors = {case.submitted_by_id}
    authors |= set(
        case.events.filter(step__isnull=True, to_state=get_workflow(case.workflow).review_state)
        .exclude(actor_id=None)
        .values_list("actor_id", flat=True)
    )
    users = get_user_model().objects.filter(is_active=True, role=role).exclude(pk__in=authors - {None})
    return users.order_by("username").first()
