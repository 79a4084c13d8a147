"""The states and transitions of a leading-group meeting and of a follow-up task (督办事项),
as data for the casework engine. Neither goes through an approval chain: the office moves a
meeting from preparation to its minutes; a department answers a task and the office
closes it (or sends it back)."""

from apps.casework.workflows import MOVE, Transition, Workflow, register_workflow

MEETING_STATES = {
    "planned": {"zh": "筹备中（征集议题）", "en": "In preparation (agenda open)"},
    "held": {"zh": "已召开", "en": "Held"},
    "minuted": {"zh": "纪要已印发", "en": "Minutes issued"},
    "cancelled": {"zh": "已取消", "en": "Cancelled"},
}
TASK_STATES = {
    "assigned": {"zh": "已交办", "en": "Assigned"},
    "in_progress": {"zh": "办理中", "en": "In progress"},
    "done_reported": {"zh": "已报办结（待审核）", "en": "Reported done (to check)"},
    "closed": {"zh": "已办结", "en": "Closed"},
}
OPEN_TASK_STATES = ("assigned", "in_progress", "done_reported")
ANSWERABLE_STATES = ("assigned", "in_progress")

MEETING_WORKFLOW = register_workflow(
    Workflow(
        id="leading_group.meeting",
        chain_key="",
        states=MEETING_STATES,
        initial="planned",
        review_state="planned",  # no approval chain: nothing ever awaits a role's decision
        detail_url_name="leading_group:meeting-case",
        transitions=(
            Transition(
                "hold",
                MOVE,
                ("planned",),
                "held",
                permission="leading_group.manage",
                labels={"zh": "登记会议召开和出席情况", "en": "Record the meeting as held, with attendance"},
            ),
            Transition(
                "issue_minutes",
                MOVE,
                ("held",),
                "minuted",
                permission="leading_group.manage",
                labels={"zh": "印发会议纪要", "en": "Issue the minutes"},
            ),
            Transition(
                "cancel",
                MOVE,
                ("planned",),
                "cancelled",
                permission="leading_group.manage",
                comment_required=True,
                labels={"zh": "取消会议", "en": "Cancel the meeting"},
            ),
        ),
    )
)

TASK_WORKFLOW = register_workflow(
    Workflow(
        id="leading_group.task",
        chain_key="",
        states=TASK_STATES,
        initial="assigned",
        review_state="done_reported",  # no approval chain: the office closes it by permission
        detail_url_name="leading_group:task-case",
        transitions=(
            Transition(
                "report_progress",
                MOVE,
                ANSWERABLE_STATES,
                "in_progress",
                permission="leading_group.answer",
                labels={"zh": "报送办理进展", "en": "Report progress"},
            ),
            Transition(
                "report_done",
                MOVE,
                ANSWERABLE_STATES,
                "done_reported",
                permission="leading_group.answer",
                labels={"zh": "报送办结情况", "en": "Report it done"},
            ),
            Transition(
                "send_back",
                MOVE,
                ("done_reported",),
                "in_progress",
                permission="leading_group.close",
                comment_required=True,
                labels={"zh": "退回继续办理", "en": "Send back: not done yet"},
            ),
            Transition(
                "close",
                MOVE,
                ("done_reported",),
                "closed",
                permission="leading_group.close",
                labels={"zh": "审核办结", "en": "Close the task"},
            ),
        ),
    )
)
