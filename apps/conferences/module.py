"""The conferences module: international conferences and major foreign-related activities
(国际会议和重大涉外活动) - the organiser's application, approval on the profile's chain (the
province decides what is above the city's authority), the numbered approval, and the
organiser's outcome report by the profile's deadline."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from apps.conferences import workflow  # noqa: F401  (registers the workflow)
from apps.conferences.models import KINDS, SCALES
from apps.registry.modules import CalendarEntry, Fact, Figure, Module, Reminder, registry
from apps.registry.ranks import RANKS

PERMISSIONS = {
    "conferences.view": {"zh": "查看国际会议申请", "en": "See conferences"},
    "conferences.submit": {"zh": "填报、提交国际会议申请", "en": "Prepare and submit conferences"},
    "conferences.report": {"zh": "报送活动总结", "en": "File outcome reports"},
    "conferences.manage": {"zh": "办理国际会议事务", "en": "Handle conferences"},
    "conferences.issue": {"zh": "出具国际会议批复", "en": "Issue conference approvals"},
    "conferences.statistics": {"zh": "查看国际会议统计", "en": "See conference figures"},
}
COUNTRY_CODE = {"type": "string", "pattern": "^[A-Z]{2}$"}
SETTINGS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "province_min_foreign_participants": {
            "type": "integer",
            "minimum": 1,
            "default": 100,
            "description": "foreign participants from which the province approves",
        },
        "province_min_guest_rank": {
            "enum": RANKS,
            "default": "deputy_provincial",
            "description": "a head of delegation of this rank or above sends it to the province",
        },
        "sensitive_countries": {
            "type": "array",
            "items": COUNTRY_CODE,
            "default": [],
            "description": "participants from these countries or regions send it to the province",
        },
        "report_due_working_days": {
            "type": "integer",
            "minimum": 1,
            "default": 10,
            "description": "working days after the last day to file the outcome report",
        },
        "medium_from": {
            "type": "integer",
            "minimum": 1,
            "default": 50,
            "description": "foreign participants",
        },
        "large_from": {
            "type": "integer",
            "minimum": 1,
            "default": 200,
            "description": "foreign participants",
        },
    },
}
CALENDAR_KINDS = {"conference": {"zh": "国际会议", "en": "Conference"}}


@registry.register
class ConferencesModule(Module):
    id = "conferences"
    names = {"zh": "国际会议和重大涉外活动", "en": "International conferences"}
    web_urls = "apps.conferences.urls"
    api_urls = "apps.conferences.api_urls"
    menu_url_name = "conferences:list"
    permissions = PERMISSIONS
    role_grants = {
        "submitter": ["conferences.view", "conferences.submit", "conferences.report"],
        "clerk": [
            "conferences.view",
            "conferences.submit",
            "conferences.report",
            "conferences.manage",
            "conferences.issue",
            "conferences.statistics",
        ],
        "reviewer": ["conferences.view", "conferences.manage", "conferences.statistics"],
        "division_head": ["conferences.view", "conferences.issue", "conferences.statistics"],
        "director": ["conferences.view", "conferences.issue", "conferences.statistics"],
        "office_admin": ["conferences.view", "conferences.statistics"],
        "auditor": ["conferences.view", "conferences.statistics"],
    }
    settings_schema = SETTINGS_SCHEMA
    approval_chains = ("conference",)
    chain_facts = {
        "conference": {
            "foreign_participants": Fact("number", {"zh": "境外参会人数", "en": "Foreign participants"}),
            "guest_rank": Fact(
                "rank", {"zh": "外方团长最高级别", "en": "Highest rank of the heads of delegation"}
            ),
            "countries": Fact(
                "codes", {"zh": "参会国家（地区）", "en": "Participants' countries"}, COUNTRY_CODE
            ),
            "budget": Fact("number", {"zh": "预算（元）", "en": "Budget (yuan)"}),
            "needs_province": Fact(
                "boolean",
                {
                    "zh": "须报省外办（按模块设置的门槛）",
                    "en": "Needs the province (the module's thresholds)",
                },
            ),
        }
    }
    audit_actions = {
        "conferences.create": {"zh": "新建国际会议申请", "en": "Conference application created"},
        "conferences.update": {"zh": "修改国际会议申请", "en": "Conference application edited"},
        "conferences.file_report": {"zh": "报送活动总结", "en": "Outcome report filed"},
    }
    figures_permission = "conferences.statistics"
    figures = (
        Figure(
            "conferences.conferences", {"zh": "批准国际会议", "en": "Conferences approved"}, headline=True
        ),
        Figure(
            "conferences.foreign_participants",
            {"zh": "境外参会人数", "en": "Foreign participants"},
            headline=True,
        ),
        Figure(
            "conferences.by_scale",
            {"zh": "按规模", "en": "By scale"},
            breakdown="choice",
            choices=SCALES,
            per_city=True,
        ),
        Figure(
            "conferences.by_kind", {"zh": "按活动类别", "en": "By kind"}, breakdown="choice", choices=KINDS
        ),
        Figure(
            "conferences.by_country",
            {"zh": "参会国家（地区）", "en": "Participants by country"},
            breakdown="country",
        ),
        Figure(
            "conferences.overdue_reports",
            {"zh": "逾期未报总结", "en": "Outcome reports overdue"},
            snapshot=True,
        ),
    )
    calendar_kinds = CALENDAR_KINDS

    def escalation_summary(self, case) -> dict:
        from apps.conferences.hooks import summary
        from apps.conferences.models import Conference

        return summary(Conference.for_case(case))

    def ensure_demo(self) -> list[str]:
        from apps.conferences import demo

        return demo.ensure_demo()

    def waiting_queries(self, actor) -> list:
        from apps.conferences import selectors

        return selectors.waiting_queries(actor)

    def due_reminders(self, today: date) -> list[Reminder]:
        from apps.conferences import reminders

        return reminders.due_reminders(today)

    def calendar_entries(self, start: date, end: date, actor=None) -> Iterable[CalendarEntry]:
        from apps.conferences import selectors

        return selectors.calendar_entries(start, end, actor)
