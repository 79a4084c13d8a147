"""Consulates, diplomatic missions and foreign organisations (领事馆、外交机构和外国组织):
who is posted where, the liaison log with its deadlines, national-day receptions; the
consular jurisdiction is kept in the kernel's register of partners."""

from __future__ import annotations

from datetime import date

from apps.consulates.models import LIAISON_KINDS
from apps.registry.modules import Figure, Module, Reminder, registry


@registry.register
class ConsulatesModule(Module):
    id = "consulates"
    names = {"zh": "领事馆与外国机构", "en": "Consulates and foreign bodies"}
    web_urls = "apps.consulates.urls"
    api_urls = "apps.consulates.api_urls"
    menu_url_name = "consulates:index"
    permissions = {
        "consulates.view": {"zh": "查看领事馆与外国机构联络", "en": "See consulates and liaison"},
        "consulates.manage": {"zh": "办理领事馆与外国机构联络", "en": "Handle consulates and liaison"},
    }
    role_grants = {
        "clerk": ["consulates.view", "consulates.manage"],
        "reviewer": ["consulates.view", "consulates.manage"],
        "division_head": ["consulates.view"],
        "director": ["consulates.view"],
        "office_admin": ["consulates.view"],
        "auditor": ["consulates.view"],
    }
    settings_schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "deadline_notice_days": {
                "type": "integer",
                "minimum": 0,
                "default": 3,
                "description": "days before an answer's deadline that it is reminded",
            },
            "national_day_notice_days": {
                "type": "integer",
                "minimum": 1,
                "default": 14,
                "description": "days before a national-day reception that an open invitation is reminded",
            },
        },
    }
    audit_actions = {
        "consulates.add_posting": {"zh": "登记驻地人员任期", "en": "Posting recorded"},
        "consulates.add_liaison": {"zh": "登记联络事项", "en": "Liaison entry recorded"},
        "consulates.answer": {"zh": "答复照会或请求", "en": "Note or request answered"},
        "consulates.add_national_day": {"zh": "登记国庆招待会", "en": "National-day reception recorded"},
        "consulates.answer_national_day": {
            "zh": "答复国庆招待会邀请",
            "en": "National-day invitation answered",
        },
    }
    figures_permission = "consulates.view"
    figures = (
        Figure(
            metric="consulates.liaison",
            names={"zh": "与领馆联络事项", "en": "Liaison with consulates"},
            breakdown="choice",
            choices=LIAISON_KINDS,
        ),
        Figure(
            metric="consulates.overdue",
            names={"zh": "逾期未复的照会和请求", "en": "Notes and requests past their deadline"},
            snapshot=True,
        ),
    )

    def ensure_demo(self) -> list[str]:
        from apps.consulates import demo

        return demo.ensure_demo()

    def due_reminders(self, today: date) -> list[Reminder]:
        from apps.consulates import reminders

        return reminders.due_reminders(today)
