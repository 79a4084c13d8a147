"""The states and transitions of a temporary activity filing (临时活动备案): the Chinese
partner unit prepares and submits it, the office gives its opinion on the profile's chain
(``approval_chains.ngo_filing``), the public security organ's filing number is recorded,
and the partner reports on the activity afterwards."""

from apps.casework.workflows import (
    EDITABLE_STATES,
    MOVE,
    REVIEW_STATES,
    Transition,
    Workflow,
    register_workflow,
    review_cycle,
)

__all__ = ["EDITABLE_STATES", "FILING_WORKFLOW", "STATES"]

STATES = {
    **REVIEW_STATES,
    "approved": {
        "zh": "业务主管单位同意（待公安机关备案）",
        "en": "Office agrees (to file with public security)",
    },
    "filed": {"zh": "已在公安机关备案", "en": "Filed with public security"},
    "reported": {"zh": "已报送活动情况", "en": "Activity reported"},
}

FILING_WORKFLOW = register_workflow(
    Workflow(
        id="overseas_ngos.filing",
        chain_key="ngo_filing",
        states=STATES,
        initial="draft",
        review_state="in_review",
        escalated_state="escalated",
        detail_url_name="overseas_ngos:case",
        transitions=(
            *review_cycle(submit_permission="overseas_ngos.file"),
            Transition(
                "record_filing",
                MOVE,
                ("approved",),
                "filed",
                permission="overseas_ngos.manage",
                labels={"zh": "登记公安机关备案号", "en": "Record the public security filing number"},
            ),
            Transition(
                "report_activity",
                MOVE,
                ("filed",),
                "reported",
                permission="overseas_ngos.file",
                labels={"zh": "报送活动开展情况", "en": "Report on the activity"},
            ),
        ),
    )
)
