"""The states and transitions of a membership application (data for the casework engine):
registered by the secretariat, reviewed on the profile's ``brlc_membership`` chain, then
decided by the committee's meeting (admitted or declined)."""

from apps.casework.workflows import (
    EDITABLE_STATES,
    MOVE,
    REVIEW_STATES,
    Transition,
    Workflow,
    register_workflow,
    review_cycle,
)

__all__ = ["APPLICATION_WORKFLOW", "EDITABLE_STATES", "STATES"]

STATES = {
    **REVIEW_STATES,
    "reviewed": {"zh": "秘书处审核通过（待理事会决定）", "en": "Reviewed (for the committee's decision)"},
    "admitted": {"zh": "已批准入会", "en": "Admitted"},
    "declined": {"zh": "理事会未批准入会", "en": "Declined by the committee"},
}

APPLICATION_WORKFLOW = register_workflow(
    Workflow(
        id="brlc.application",
        chain_key="brlc_membership",
        states=STATES,
        initial="draft",
        review_state="in_review",
        escalated_state="escalated",
        detail_url_name="brlc:application-case",
        transitions=(
            *review_cycle(submit_permission="brlc.manage", approved="reviewed"),
            Transition(
                "admit",
                MOVE,
                ("reviewed",),
                "admitted",
                permission="brlc.manage",
                labels={"zh": "登记理事会决定：批准入会", "en": "Record the committee's decision: admit"},
            ),
            Transition(
                "decline",
                MOVE,
                ("reviewed",),
                "declined",
                permission="brlc.manage",
                comment_required=True,
                labels={"zh": "登记理事会决定：不予入会", "en": "Record the committee's decision: decline"},
            ),
        ),
    )
)
