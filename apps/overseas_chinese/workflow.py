"""The states and transitions of the module's two casework workflows (data for the engine):
identity confirmation (归侨侨眷身份确认) on the profile's ``overseas_identity`` chain, and
complaints (侨务信访), handled by the office without an approval chain."""

from apps.casework.workflows import (
    EDITABLE_STATES,
    MOVE,
    REVIEW_STATES,
    Transition,
    Workflow,
    register_workflow,
    review_cycle,
)

__all__ = ["COMPLAINT_WORKFLOW", "EDITABLE_STATES", "IDENTITY_WORKFLOW"]

IDENTITY_STATES = {
    **REVIEW_STATES,
    "rejected": {"zh": "不予确认", "en": "Refused"},
    "approved": {"zh": "已确认（待出具证明）", "en": "Confirmed (certificate to issue)"},
    "issued": {"zh": "已出具确认证明", "en": "Certificate issued"},
}

IDENTITY_WORKFLOW = register_workflow(
    Workflow(
        id="overseas_chinese.identity",
        chain_key="overseas_identity",
        states=IDENTITY_STATES,
        initial="draft",
        review_state="in_review",
        escalated_state="escalated",
        detail_url_name="overseas_chinese:identity-case",
        hooks="apps.overseas_chinese.hooks",
        transitions=(
            *review_cycle(submit_permission="overseas_chinese.apply_identity"),
            Transition(
                "issue",
                MOVE,
                ("approved",),
                "issued",
                permission="overseas_chinese.issue_certificate",
                labels={"zh": "出具归侨侨眷身份确认证明", "en": "Issue the certificate"},
            ),
        ),
    )
)

COMPLAINT_STATES = {
    "received": {"zh": "已登记（待受理）", "en": "Received (to accept)"},
    "accepted": {"zh": "已受理（办理中）", "en": "Accepted (in hand)"},
    "transferred": {"zh": "已转办（待部门回复）", "en": "Transferred (awaiting the department)"},
    "not_accepted": {"zh": "不予受理", "en": "Not accepted"},
    "replied": {"zh": "已答复", "en": "Replied"},
    "closed": {"zh": "已办结", "en": "Closed"},
}
_HANDLE = "overseas_chinese.handle_complaints"

COMPLAINT_WORKFLOW = register_workflow(
    Workflow(
        id="overseas_chinese.complaint",
        chain_key="",
        states=COMPLAINT_STATES,
        initial="received",
        review_state="received",
        detail_url_name="overseas_chinese:complaint-case",
        hooks="apps.overseas_chinese.hooks",
        transitions=(
            Transition(
                "accept",
                MOVE,
                ("received",),
                "accepted",
                permission=_HANDLE,
                labels={"zh": "受理", "en": "Accept"},
            ),
            Transition(
                "decline",
                MOVE,
                ("received",),
                "not_accepted",
                permission=_HANDLE,
                comment_required=True,
                labels={"zh": "不予受理（须说明理由）", "en": "Do not accept (with reasons)"},
            ),
            Transition(
                "transfer",
                MOVE,
                ("accepted",),
                "transferred",
                permission=_HANDLE,
                labels={"zh": "转交责任部门办理", "en": "Transfer to the responsible department"},
            ),
            Transition(
                "answer",
                MOVE,
                ("transferred",),
                "accepted",
                permission="overseas_chinese.answer_transfers",
                labels={"zh": "部门回复办理情况", "en": "Department's reply"},
            ),
            Transition(
                "reply",
                MOVE,
                ("accepted",),
                "replied",
                permission=_HANDLE,
                labels={"zh": "答复投诉人", "en": "Reply to the complainant"},
            ),
            Transition(
                "close",
                MOVE,
                ("replied",),
                "closed",
                permission=_HANDLE,
                labels={"zh": "办结（记录满意度）", "en": "Close (record satisfaction)"},
            ),
            Transition(
                "reopen",
                MOVE,
                ("replied", "closed"),
                "accepted",
                permission=_HANDLE,
                comment_required=True,
                labels={"zh": "重新办理", "en": "Reopen"},
            ),
        ),
    )
)
