"""The states and transitions of a visit's case and of a department's registered reception
(data for the casework engine)."""

from apps.casework.workflows import (
    EDITABLE_STATES,
    MOVE,
    REVIEW_STATES,
    Transition,
    Workflow,
    register_workflow,
    review_cycle,
)

__all__ = ["EDITABLE_STATES", "PLANNING_STATES", "REGISTRATION_STATES", "STATES"]

STATES = {
    **REVIEW_STATES,
    "approved": {"zh": "方案已批准（筹备接待）", "en": "Plan approved (in preparation)"},
    "completed": {"zh": "接待结束（已总结）", "en": "Visit over (summary written)"},
}
# Where the programme, precedence and seating can still be planned.
PLANNING_STATES = ("draft", "returned", "in_review", "escalated", "approved")

VISIT_WORKFLOW = register_workflow(
    Workflow(
        id="receptions.visit",
        chain_key="reception",
        states=STATES,
        initial="draft",
        review_state="in_review",
        escalated_state="escalated",
        detail_url_name="receptions:case",
        hooks="apps.receptions.hooks",
        transitions=(
            *review_cycle(submit_permission="receptions.submit"),
            Transition(
                "complete",
                MOVE,
                ("approved",),
                "completed",
                permission="receptions.plan",
                labels={"zh": "接待结束，填写总结", "en": "Close the visit with a summary"},
            ),
        ),
    )
)

REGISTRATION_STATES = {
    **REVIEW_STATES,
    "reviewed": {"zh": "已审阅备案", "en": "Reviewed and registered"},
}

REGISTRATION_WORKFLOW = register_workflow(
    Workflow(
        id="receptions.registration",
        chain_key="reception_registration",
        states=REGISTRATION_STATES,
        initial="draft",
        review_state="in_review",
        escalated_state="escalated",
        detail_url_name="receptions:registration-case",
        hooks="apps.receptions.hooks",
        transitions=review_cycle(submit_permission="receptions.register", approved="reviewed"),
    )
)
