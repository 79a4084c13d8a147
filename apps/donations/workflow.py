"""The states and transitions of a donation's case (data for the casework engine)."""

from apps.casework.workflows import (
    EDITABLE_STATES,
    MOVE,
    REVIEW_STATES,
    Transition,
    Workflow,
    register_workflow,
    review_cycle,
)

__all__ = ["DONATION_WORKFLOW", "EDITABLE_STATES", "STATES"]

STATES = {
    **REVIEW_STATES,
    "accepted": {"zh": "同意接受（待出具受赠证书）", "en": "Accepted (certificate to issue)"},
    "certified": {"zh": "已出具受赠证书（待接收）", "en": "Certificate issued (to be received)"},
    "received": {"zh": "已接收（待定使用计划）", "en": "Received (use plan to make)"},
    "in_use": {"zh": "使用中", "en": "In use"},
    "completed": {"zh": "使用完毕", "en": "Use completed"},
}

DONATION_WORKFLOW = register_workflow(
    Workflow(
        id="donations.donation",
        chain_key="donation",
        states=STATES,
        initial="draft",
        review_state="in_review",
        escalated_state="escalated",
        detail_url_name="donations:case",
        hooks="apps.donations.hooks",
        transitions=(
            *review_cycle(submit_permission="donations.submit", approved="accepted"),
            Transition(
                "issue_certificate",
                MOVE,
                ("accepted",),
                "certified",
                permission="donations.issue",
                labels={"zh": "出具受赠证书（感谢信）", "en": "Issue the certificate (thank-you letter)"},
            ),
            Transition(
                "receive",
                MOVE,
                ("certified",),
                "received",
                permission="donations.report",
                labels={"zh": "登记接收", "en": "Record the receipt"},
            ),
            Transition(
                "plan_use",
                MOVE,
                ("received",),
                "in_use",
                permission="donations.report",
                labels={"zh": "制定使用计划", "en": "Make the use plan"},
            ),
            Transition(
                "complete",
                MOVE,
                ("in_use",),
                "completed",
                permission="donations.manage",
                labels={"zh": "使用完毕，结项", "en": "Complete the use"},
            ),
        ),
    )
)
