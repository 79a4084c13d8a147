"""The Foreign Affairs Leading Group office (外事工作领导小组办公室): the group's meetings,
agenda items from departments, attendance, minutes and decisions; follow-up tasks (督办)
assigned to departments from each decision and from the year's key points, answered by the
departments, reminded, escalated to the director when overdue, closed by the office."""

from __future__ import annotations

from datetime import date

from apps.leading_group import workflow  # noqa: F401  (registers the workflows)
from apps.registry.modules import Figure, Module, Reminder, registry

PERMISSIONS = {
    "leading_group.view": {"zh": "查看督办事项", "en": "See follow-up tasks"},
    "leading_group.propose": {"zh": "报送会议议题", "en": "Propose agenda items"},
    "leading_group.answer": {"zh": "报送督办事项办理情况", "en": "Answer follow-up tasks"},
    "leading_group.manage": {
        "zh": "办理领导小组会议和督办交办",
        "en": "Run the meetings and assign follow-up tasks",
    },
    "leading_group.close": {"zh": "审核办结督办事项", "en": "Close follow-up tasks"},
    "leading_group.oversee": {
        "zh": "查看领导小组会议、督办单和逾期清单",
        "en": "See meetings, supervision sheets and the overdue list",
    },
}
OFFICE_VIEW = ["leading_group.view", "leading_group.oversee"]


@registry.register
class LeadingGroupModule(Module):
    id = "leading_group"
    names = {"zh": "外事工作领导小组办公室", "en": "Foreign Affairs Leading Group office"}
    web_urls = "apps.leading_group.urls"
    api_urls = "apps.leading_group.api_urls"
    menu_url_name = "leading_group:home"
    permissions = PERMISSIONS
    role_grants = {
        "submitter": ["leading_group.view", "leading_group.propose", "leading_group.answer"],
        "clerk": [
            *OFFICE_VIEW,
            "leading_group.propose",
            "leading_group.answer",
            "leading_group.manage",
            "leading_group.close",
        ],
        "reviewer": [*OFFICE_VIEW, "leading_group.manage", "leading_group.close"],
        "division_head": [*OFFICE_VIEW, "leading_group.manage", "leading_group.close"],
        "director": [*OFFICE_VIEW, "leading_group.close"],
        "office_admin": OFFICE_VIEW,
        "auditor": OFFICE_VIEW,
    }
    settings_schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "remind_before_working_days": {
                "type": "integer",
                "minimum": 0,
                "default": 3,
                "description": "working days before a task's deadline its department is reminded",
            },
            "escalate_after_working_days": {
                "type": "integer",
                "minimum": 1,
                "default": 1,
                "description": "working days past the deadline an open task goes up to the director",
            },
            "default_task_working_days": {
                "type": "integer",
                "minimum": 1,
                "default": 15,
                "description": "the working days a task is given when the office names no deadline",
            },
        },
    }
    audit_actions = {
        "leading_group.create_meeting": {"zh": "新建领导小组会议", "en": "Leading group meeting created"},
        "leading_group.propose_item": {"zh": "报送会议议题", "en": "Agenda item proposed"},
        "leading_group.review_item": {"zh": "审核会议议题", "en": "Agenda item reviewed"},
        "leading_group.attendance": {"zh": "登记出席情况", "en": "Attendance recorded"},
        "leading_group.minutes": {"zh": "印发会议纪要", "en": "Minutes issued"},
        "leading_group.add_decision": {"zh": "登记议定事项", "en": "Decision recorded"},
        "leading_group.create_key_point": {"zh": "新增年度工作要点", "en": "Key point added"},
        "leading_group.assign_task": {"zh": "交办督办事项", "en": "Follow-up task assigned"},
        "leading_group.report": {"zh": "报送督办事项办理情况", "en": "Follow-up task answered"},
        "leading_group.escalate": {
            "zh": "逾期督办事项报主任",
            "en": "Overdue task escalated to the director",
        },
    }
    figures_permission = "leading_group.oversee"
    figures = (
        Figure(
            "leading_group.meetings", {"zh": "领导小组会议", "en": "Leading group meetings"}, headline=True
        ),
        Figure(
            "leading_group.tasks", {"zh": "交办督办事项", "en": "Follow-up tasks assigned"}, headline=True
        ),
        Figure("leading_group.tasks_closed", {"zh": "办结督办事项", "en": "Follow-up tasks closed"}),
        Figure(
            "leading_group.overdue",
            {"zh": "逾期未办结督办事项", "en": "Follow-up tasks overdue"},
            snapshot=True,
        ),
    )

    def ensure_demo(self) -> list[str]:
        from apps.leading_group import demo

        return demo.ensure_demo()

    def due_reminders(self, today: date) -> list[Reminder]:
        from apps.leading_group import reminders

        return reminders.due_reminders(today)

    def waiting_for(self, actor) -> list:
        from apps.leading_group import selectors

        return selectors.waiting_for(actor)
