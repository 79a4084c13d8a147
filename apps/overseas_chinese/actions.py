"""The action tables of the module's two casework records: the detail pages' buttons, the
web action endpoints and the API's action endpoints all come from them."""

from apps.casework.actions import Action, ActionTable
from apps.overseas_chinese import serializers as s
from apps.overseas_chinese import services

IDENTITY_ACTIONS = ActionTable(
    "overseas_chinese.identity",
    [
        Action("submit", run=services.submit_identity, style="primary"),
        Action("approve", style="success"),
        Action(
            "reject",
            labels={"zh": "不予确认（须说明理由）", "en": "Refuse (with reasons)"},
        ),
        Action(
            "issue",
            run=services.issue_certificate,
            style="primary",
            confirm={"zh": "出具后编号即占用，确定出具？", "en": "Numbers are used once issued. Issue now?"},
        ),
        Action(
            "attach",
            labels={"zh": "上传证明材料", "en": "Attach evidence"},
            permission="overseas_chinese.apply_identity",
            input=s.AttachInput,
            run=services.attach_evidence,
            states=("draft", "returned"),
            versioned=False,
        ),
        Action(
            "reapply",
            labels={"zh": "重新申请", "en": "Apply again"},
            permission="overseas_chinese.apply_identity",
            run=services.reapply,
            states=("rejected",),
            versioned=False,
            when=lambda record, actor: not record.reapplications.exists(),
        ),
    ],
    view_permission="overseas_chinese.view_identity",
)

COMPLAINT_ACTIONS = ActionTable(
    "overseas_chinese.complaint",
    [
        Action("accept", run=services.accept_complaint, style="primary"),
        Action("decline", run=services.decline_complaint, style="danger"),
        Action("transfer", input=s.TransferInput, run=services.transfer_complaint),
        Action("answer", input=s.AnswerInput, run=services.department_answer, style="primary"),
        Action("reply", input=s.ReplyInput, run=services.reply_complaint, style="primary"),
        Action("close", input=s.CloseInput, run=services.close_complaint, style="success"),
        Action("reopen", run=services.reopen_complaint, style="warning"),
        Action(
            "extend",
            labels={
                "zh": "延长办理期限（仅一次，须说明理由）",
                "en": "Extend the deadline (once, with a reason)",
            },
            permission="overseas_chinese.handle_complaints",
            input=s.ExtendInput,
            run=services.extend_complaint,
            states=("accepted", "transferred"),
            style="warning",
            versioned=False,
        ),
    ],
    view_permission="overseas_chinese.view_complaints",
)
