"""The states and transitions of an invitation's case (data for the casework engine)."""

from apps.casework.workflows import (
    APPROVE,
    MOVE,
    PROVINCE_APPROVE,
    PROVINCE_REJECT,
    REJECT,
    RETURN,
    SUBMIT,
    Transition,
    Workflow,
    register_workflow,
)

STATES = {
    "draft": {"zh": "草稿", "en": "Draft"},
    "in_review": {"zh": "审批中", "en": "In review"},
    "returned": {"zh": "退回修改", "en": "Returned for changes"},
    "escalated": {"zh": "报省外办审批", "en": "With the provincial FAO"},
    "approved": {"zh": "已批准（待出具邀请函）", "en": "Approved (letters to issue)"},
    "issued": {"zh": "已出具邀请函", "en": "Letters issued"},
    "closed": {"zh": "来访结束", "en": "Visit over"},
    "rejected": {"zh": "不予批准", "en": "Not approved"},
    "withdrawn": {"zh": "已撤回", "en": "Withdrawn"},
}
EDITABLE_STATES = ("draft", "returned")

INVITATION_WORKFLOW = register_workflow(
    Workflow(
        id="invitations.invitation",
        chain_key="invitation",
        states=STATES,
        initial="draft",
        review_state="in_review",
        escalated_state="escalated",
        detail_url_name="invitations:detail",
        hooks="apps.invitations.hooks",
        transitions=(
            Transition(
                "submit",
                SUBMIT,
                EDITABLE_STATES,
                permission="invitations.submit",
                labels={"zh": "提交审批", "en": "Submit"},
            ),
            Transition("approve", APPROVE, target="approved", labels={"zh": "同意", "en": "Approve"}),
            Transition(
                "return",
                RETURN,
                target="returned",
                comment_required=True,
                labels={"zh": "退回修改", "en": "Return for changes"},
            ),
            Transition(
                "reject",
                REJECT,
                target="rejected",
                comment_required=True,
                labels={"zh": "不予批准", "en": "Refuse"},
            ),
            Transition(
                "province_approve",
                PROVINCE_APPROVE,
                target="approved",
                labels={"zh": "省外办同意", "en": "Approve (province)"},
            ),
            Transition(
                "province_reject",
                PROVINCE_REJECT,
                target="rejected",
                comment_required=True,
                labels={"zh": "省外办不予批准", "en": "Refuse (province)"},
            ),
            Transition(
                "withdraw",
                MOVE,
                ("draft", "returned", "in_review"),
                "withdrawn",
                permission="invitations.submit",
                labels={"zh": "撤回", "en": "Withdraw"},
            ),
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
