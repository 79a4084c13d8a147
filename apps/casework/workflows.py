"""Workflows as data: a module declares its case states and transitions; the engine
(``apps.casework.services``) runs them.

    VISIT_WORKFLOW = Workflow(
        id="receptions.visit",
        chain_key="visit",                # profile: approval_chains.visit
        states={"draft": {...}, "in_review": {...}, ...},
        initial="draft", review_state="in_review", escalated_state="escalated",
        transitions=(
            Transition("submit", kind=SUBMIT, sources=("draft", "returned"), permission="receptions.submit"),
            Transition("approve", kind=APPROVE, target="approved"),
            Transition("return", kind=RETURN, target="returned"),
            ...
        ),
    )
    register_workflow(VISIT_WORKFLOW)

Kinds of transition:

* ``move``: from one of ``sources`` to ``target``; needs ``permission``.
* ``submit``: from ``sources`` into review: the profile's approval chain is resolved for the
  case's facts and fixed on the case; needs ``permission``.
* ``approve`` / ``return`` / ``reject``: in review, by the role of the current step only.
  ``approve`` moves to the next step; after the last step the case goes up to the province
  (``escalated_state``) when the chain says so, else to ``target``.
* ``province_approve`` / ``province_reject``: in ``escalated_state``, by the provincial FAO
  the city belongs to (see ``apps.provincial``); the decision comes back to the city.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MOVE, SUBMIT, APPROVE, RETURN, REJECT = "move", "submit", "approve", "return", "reject"
PROVINCE_APPROVE, PROVINCE_REJECT = "province_approve", "province_reject"
STEP_KINDS = {APPROVE, RETURN, REJECT}
PROVINCE_KINDS = {PROVINCE_APPROVE, PROVINCE_REJECT}
KINDS = {MOVE, SUBMIT, *STEP_KINDS, *PROVINCE_KINDS}


@dataclass(frozen=True)
class Transition:
    name: str
    kind: str = MOVE
    sources: tuple[str, ...] = ()
    target: str = ""
    permission: str = ""
    labels: dict[str, str] = field(default_factory=dict)  # {"zh": ..., "en": ...}
    comment_required: bool = False


@dataclass(frozen=True)
class Workflow:
    id: str
    chain_key: str
    states: dict[str, dict[str, str]]
    transitions: tuple[Transition, ...]
    initial: str
    review_state: str
    escalated_state: str = ""
    detail_url_name: str = ""  # reverse(name, args=[case.pk]) gives the case's page
    # Dotted path of a module with optional functions, called inside the transaction:
    # ``after_transition(case=, transition=, from_state=, actor=)`` and
    # ``escalation_summary(case) -> dict`` (what the provincial FAO sees of the case).
    hooks: str = ""

    def __post_init__(self) -> None:
        names = [transition.name for transition in self.transitions]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.id}: duplicate transition names")
        for state in (self.initial, self.review_state, self.escalated_state):
            if state and state not in self.states:
                raise ValueError(f"{self.id}: unknown state {state!r}")
        for transition in self.transitions:
            if transition.kind not in KINDS:
                raise ValueError(f"{self.id}.{transition.name}: unknown kind {transition.kind!r}")
            for state in (*transition.sources, transition.target):
                if state and state not in self.states:
                    raise ValueError(f"{self.id}.{transition.name}: unknown state {state!r}")
            if transition.kind in (MOVE, SUBMIT) and not transition.permission:
                raise ValueError(f"{self.id}.{transition.name}: needs a permission")

    def transition(self, name: str) -> Transition | None:
        return next((transition for transition in self.transitions if transition.name == name), None)

    def sources_of(self, transition: Transition) -> tuple[str, ...]:
        if transition.kind in STEP_KINDS:
            return (self.review_state,)
        if transition.kind in PROVINCE_KINDS:
            return (self.escalated_state,)
        return transition.sources


_workflows: dict[str, Workflow] = {}


def register_workflow(workflow: Workflow) -> Workflow:
    if workflow.id in _workflows and _workflows[workflow.id] is not workflow:
        raise ValueError(f"workflow {workflow.id!r} is registered twice")
    _workflows[workflow.id] = workflow
    return workflow


def all_workflows() -> list[Workflow]:
    return list(_workflows.values())


def get_workflow(workflow_id: str) -> Workflow:
    try:
        return _workflows[workflow_id]
    except KeyError:
        raise LookupError(f"no workflow {workflow_id!r}") from None


# The review cycle every application shares: drafted, submitted, decided step by step by the
# profile's chain (returned or refused on the way), perhaps by the province, or withdrawn.
REVIEW_STATES: dict[str, dict[str, str]] = {
    "draft": {"zh": "草稿", "en": "Draft"},
    "in_review": {"zh": "审批中", "en": "In review"},
    "returned": {"zh": "退回修改", "en": "Returned for changes"},
    "escalated": {"zh": "报省外办审批", "en": "With the provincial FAO"},
    "rejected": {"zh": "不予批准", "en": "Not approved"},
    "withdrawn": {"zh": "已撤回", "en": "Withdrawn"},
}
EDITABLE_STATES = ("draft", "returned")


def review_cycle(
    *, submit_permission: str, approved: str = "approved", withdraw: bool = True
) -> tuple[Transition, ...]:
    """The transitions of the review cycle (``REVIEW_STATES`` plus the module's ``approved``
    state): submit, approve, return and refuse (with a comment), the province's decision,
    and withdrawing before a decision. A module adds its own transitions after them."""
    transitions = [
        Transition("submit", SUBMIT, EDITABLE_STATES, permission=submit_permission,
                   labels={"zh": "提交审批", "en": "Submit"}),
        Transition("approve", APPROVE, target=approved, labels={"zh": "同意", "en": "Approve"}),
        Transition("return", RETURN, target="returned", comment_required=True,
                   labels={"zh": "退回修改", "en": "Return for changes"}),
        Transition("reject", REJECT, target="rejected", comment_required=True,
                   labels={"zh": "不予批准", "en": "Refuse"}),
        Transition("province_approve", PROVINCE_APPROVE, target=approved,
                   labels={"zh": "省外办同意", "en": "Approve (province)"}),
        Transition("province_reject", PROVINCE_REJECT, target="rejected", comment_required=True,
                   labels={"zh": "省外办不予批准", "en": "Refuse (province)"}),
    ]  # fmt: skip
    if withdraw:
        transitions.append(
            Transition(
                "withdraw",
                MOVE,
                (*EDITABLE_STATES, "in_review"),
                "withdrawn",
                permission=submit_permission,
                labels={"zh": "撤回", "en": "Withdraw"},
            )
        )
    return tuple(transitions)
