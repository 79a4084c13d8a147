"""The states and transitions of a delegation's case (data for the casework engine): the
kernel's review cycle, then the public notice (an objection holds it), the task approval
document and the post-trip report."""

from apps.casework.workflows import MOVE, REVIEW_STATES, Transition, Workflow, register_workflow, review_cycle

STATES = {
    "draft": REVIEW_STATES["draft"],
    "in_review": REVIEW_STATES["in_review"],
    "returned": REVIEW_STATES["returned"],
    "escalated": REVIEW_STATES["escalated"],
    "approved": {"zh": "已批准（公示中）", "en": "Approved (public notice)"},
    "on_hold": {"zh": "暂停（有异议）", "en": "On hold (objection)"},
    "issued": {"zh": "已出具任务批件", "en": "Approval document issued"},
    "closed": {"zh": "已报告归档", "en": "Reported and closed"},
    "rejected": REVIEW_STATES["rejected"],
    "withdrawn": REVIEW_STATES["withdrawn"],
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
            *review_cycle(submit_permission="trips.submit"),
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
