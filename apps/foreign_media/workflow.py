"""The states and transitions of a foreign journalist's interview request (data for the
casework engine).

The office registers the request (draft) and asks the interviewee's unit; the unit's own
submitter consents (which submits the case to the office's chain, the profile's
``media_interview``) or declines; the chain decides; the office arranges the interview
(escort, interpreter, place) and, once it has taken place, records what was published."""

from apps.casework.workflows import (
    APPROVE,
    MOVE,
    REJECT,
    RETURN,
    SUBMIT,
    Transition,
    Workflow,
    register_workflow,
)

EDITABLE_STATES = ("draft", "returned")
STATES = {
    "draft": {"zh": "草稿", "en": "Draft"},
    "awaiting_consent": {"zh": "待受访单位同意", "en": "Awaiting the interviewee's unit"},
    "declined_by_unit": {"zh": "受访单位不同意", "en": "Declined by the interviewee's unit"},
    "in_review": {"zh": "外办审批中", "en": "With the office"},
    "returned": {"zh": "退回修改", "en": "Returned for changes"},
    "escalated": {"zh": "报省外办审批", "en": "With the provincial FAO"},
    "rejected": {"zh": "不予同意", "en": "Refused"},
    "withdrawn": {"zh": "已撤回", "en": "Withdrawn"},
    "approved": {"zh": "已同意（待安排）", "en": "Approved (to arrange)"},
    "arranged": {"zh": "已安排采访", "en": "Interview arranged"},
    "done": {"zh": "采访已完成", "en": "Interview held"},
}

INTERVIEW_WORKFLOW = register_workflow(
    Workflow(
        id="foreign_media.interview",
        chain_key="media_interview",
        states=STATES,
        initial="draft",
        review_state="in_review",
        escalated_state="escalated",
        detail_url_name="foreign_media:case",
        hooks="apps.foreign_media.hooks",
        transitions=(
            Transition(
                "request_consent",
                MOVE,
                EDITABLE_STATES,
                "awaiting_consent",
                permission="foreign_media.manage",
                labels={"zh": "征求受访单位意见", "en": "Ask the interviewee's unit"},
            ),
            Transition(
                "consent",
                SUBMIT,
                ("awaiting_consent",),
                permission="foreign_media.consent",
                labels={"zh": "受访单位同意接受采访", "en": "The unit consents"},
            ),
            Transition(
                "decline",
                MOVE,
                ("awaiting_consent",),
                "declined_by_unit",
                permission="foreign_media.consent",
                comment_required=True,
                labels={"zh": "受访单位不同意", "en": "The unit declines"},
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
                labels={"zh": "不予同意", "en": "Refuse"},
            ),
            Transition(
                "withdraw",
                MOVE,
                (*EDITABLE_STATES, "awaiting_consent", "in_review"),
                "withdrawn",
                permission="foreign_media.manage",
                labels={"zh": "撤回", "en": "Withdraw"},
            ),
            Transition(
                "arrange",
                MOVE,
                ("approved",),
                "arranged",
                permission="foreign_media.manage",
                labels={"zh": "安排采访（陪同、翻译、地点）", "en": "Arrange (escort, interpreter, place)"},
            ),
            Transition(
                "complete",
                MOVE,
                ("arranged",),
                "done",
                permission="foreign_media.manage",
                labels={"zh": "采访已完成", "en": "The interview took place"},
            ),
        ),
    )
)
