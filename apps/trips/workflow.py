"""The states and transitions of a delegation's case (data for the casework engine)."""

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
    "approved": {"zh": "已批准（公示中）", "en": "Approved (public notice)"},
    "on_hold": {"zh": "暂停（有异议）", "en": "On hold (objection)"},
    "issued": {"zh": "已出具任务批件", "en": "Approval document issued"},
    "closed": {"zh": "已报告归档", "en": "Reported and closed"},
    "rejected": {"zh": "不予批准", "en": "Not approved"},
    "withdrawn": {"zh": "已撤回", "en": "Withdrawn"},
}

TRIP_WORKFLOW = register_workflow(
    Workflow(
        id="trips.delegation",
        chain_key="trip",
        states=STATES,
        initial="draft",
        review_state="in_review",
        escalated_state="escalated",
        detail_url_name="trips:case",
        hooks="apps.trips.hooks",
        transitions=(
            Transition("submit", SUBMIT, ("draft", "returned"), permission="trips.submit",
                       labels={"zh": "提交审批", "en": "Submit"}),
            Transition("approve", APPROVE, target="approved", labels={"zh": "同意", "en": "Approve"}),
            Transition("return", RETURN, target="returned", comment_required=True,
                       labels={"zh": "退回修改", "en": "Return for changes"}),
            Transition("reject", REJECT, target="rejected", comment_required=True,
                       labels={"zh": "不予批准", "en": "Refuse"}),
            Transition("province_approve", PROVINCE_APPROVE, target="approved",
                       labels={"zh": "省外办同意", "en": "Approve (province)"}),
            Transition("province_reject", PROVINCE_REJECT, target="rejected", comment_required=True,
                       labels={"zh": "省外办不予批准", "en": "Refuse (province)"}),
            Transition("withdraw", MOVE, ("draft", "returned", "in_review"), "withdrawn",
                       permission="trips.submit", labels={"zh": "撤回", "en": "Withdraw"}),
            Transition("hold", MOVE, ("approved",), "on_hold", permission="trips.manage",
                       comment_required=True, labels={"zh": "记录异议并暂停", "en": "Objection: hold"}),
            Transition("release", MOVE, ("on_hold",), "approved", permission="trips.manage",
                       comment_required=True, labels={"zh": "异议处理完毕", "en": "Objection resolved"}),
            Transition("issue", MOVE, ("approved",), "issued", permission="trips.issue",
                       labels={"zh": "出具任务批件", "en": "Issue approval document"}),
            Transition("close", MOVE, ("issued",), "closed", permission="trips.report",
                       labels={"zh": "提交出访报告", "en": "File the post-trip report"}),
        ),
    )
)  # fmt: skip
