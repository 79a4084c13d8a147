"""The states and transitions of a conference's case (data for the casework engine)."""

from apps.casework.workflows import (
    EDITABLE_STATES,
    MOVE,
    REVIEW_STATES,
    Transition,
    Workflow,
    register_workflow,
    review_cycle,
)

__all__ = ["CONFERENCE_WORKFLOW", "EDITABLE_STATES", "STATES"]

STATES = {
    **REVIEW_STATES,
    "approved": {"zh": "已批准（待出具批复）", "en": "Approved (approval to issue)"},
    "issued": {"zh": "已出具批复（待报送总结）", "en": "Approval issued (outcome report due)"},
    "reported": {"zh": "已报送总结", "en": "Outcome reported"},
}
# Where a conference is on the calendar (approved and later).
SCHEDULED_STATES = ("approved", "issued", "reported")

CONFERENCE_WORKFLOW = register_workflow(
    Workflow(
        id="conferences.conference",
        chain_key="conference",
        states=STATES,
        initial="draft",
        review_state="in_review",
        escalated_state="escalated",
        detail_url_name="conferences:case",
        hooks="apps.conferences.hooks",
        transitions=(
            *review_cycle(submit_permission="conferences.submit"),
            Transition(
                "issue",
                MOVE,
                ("approved",),
                "issued",
                permission="conferences.issue",
                labels={"zh": "出具批复", "en": "Issue the approval"},
            ),
            Transition(
                "file_report",
                MOVE,
                ("issued",),
                "reported",
                permission="conferences.report",
                labels={"zh": "报送活动总结", "en": "File the outcome report"},
            ),
        ),
    )
)
