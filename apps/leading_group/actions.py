"""The action tables of a meeting and of a follow-up task: the detail pages' buttons, the
web action endpoints and the API's action endpoints all come from them."""

from apps.casework.actions import Action, ActionTable
from apps.leading_group import serializers as s
from apps.leading_group import services

MEETING_ACTIONS = ActionTable(
    "leading_group.meeting",
    [
        Action(
            "review_item",
            labels={"zh": "审核议题", "en": "Review an agenda item"},
            permission="leading_group.manage",
            input=s.ReviewItemInput,
            run=services.review_item,
            states=("planned",),
            versioned=False,
            when=lambda record, actor: record.agenda_items.filter(status="proposed").exists(),
        ),
        Action("hold", input=s.HoldInput, run=services.hold_meeting, style="primary", comment="none"),
        Action(
            "add_decision",
            labels={"zh": "登记议定事项", "en": "Record a decision"},
            permission="leading_group.manage",
            input=s.DecisionInput,
            run=services.add_decision,
            states=("held", "minuted"),
            versioned=False,
            style="primary",
        ),
        Action(
            "assign_task",
            labels={"zh": "交办督办事项", "en": "Assign a follow-up task"},
            permission="leading_group.manage",
            input=s.AssignInput,
            run=lambda *, actor, record, data: services.assign_task(actor=actor, data=data) and record,
            states=("held", "minuted"),
            versioned=False,
            when=lambda record, actor: record.decisions.exists(),
        ),
        Action("issue_minutes", input=s.MinutesInput, run=services.issue_minutes, comment="none"),
        Action("cancel", style="danger", confirm={"zh": "确定取消这次会议？", "en": "Cancel this meeting?"}),
    ],
    view_permission="leading_group.oversee",
)

TASK_ACTIONS = ActionTable(
    "leading_group.task",
    [
        Action("report_progress", input=s.ReportInput, run=services.report_progress, comment="none"),
        Action("report_done", input=s.ReportInput, run=services.report_done, comment="none", style="primary"),
        Action("send_back", run=services.send_back, style="warning"),
        Action("close", run=services.close_task, style="success"),
    ],
    view_permission="leading_group.view",
)
