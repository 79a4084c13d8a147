"""The states and transitions of an invitation's case (data for the casework engine)."""

from apps.casework.workflows import (
    EDITABLE_STATES,
    MOVE,
    REVIEW_STATES,
    Transition,
    Workflow,
    register_workflow,
    review_cycle,
)

__all__ = ["EDITABLE_STATES", "INVITATION_WORKFLOW", "STATES"]

STATES = {
    **REVIEW_STATES,
    "approved": {"zh": "已批准（待出具邀请函）", "en": "Approved (letters to issue)"},
    "issued": {"zh": "已出具邀请函", "en": "Letters issued"},
    "closed": {"zh": "来访结束", "en": "Visit over"},
}

INVITATION_WORKFLOW = register_workflow(
    Workflow(
        id="invitations.invitation",
        chain_key="invitation",
        states=STATES,
        initial="draft",
        review_state="in_review",
        escalated_state="escalated",
        detail_url_name="invitations:case",
        hooks="apps.invitations.hooks",
        transitions=(
            *review_cycle(submit_permission="invitations.submit"),
            Transition(
                "issue",
                MOVE,
                ("approved",),
                "issued",
                permission="invitations.issue",
                labels={"zh": "出具邀请函和签证通知函", "en": "Issue the letters"},
            ),
            Transition(
                "close",
                MOVE,
                ("issued",),
                "closed",
                permission="invitations.manage",
                labels={"zh": "来访结束，归档", "en": "Close: the visit is over"},
            ),
        ),
    )
)
