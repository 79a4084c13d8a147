"""The trips module: official trips abroad and to Hong Kong/Macao (因公出国/境)."""

from datetime import date

from apps.registry.modules import Module, Reminder, registry
from apps.trips import workflow  # noqa: F401  (registers the workflow)

PERMISSIONS = {
    "trips.view": {"zh": "查看出访团组", "en": "See delegations"},
    "trips.submit": {"zh": "填报、提交出访申请", "en": "Prepare and submit delegations"},
    "trips.manage": {
        "zh": "办理出访事务（公示、证照、行前教育）",
        "en": "Handle notices, documents, education",
    },
    "trips.override": {"zh": "批准超限（须说明理由）", "en": "Override a limit (with a reason)"},
    "trips.issue": {"zh": "出具任务批件", "en": "Issue the approval document"},
    "trips.report": {"zh": "提交出访报告", "en": "File post-trip reports"},
    "trips.statistics": {"zh": "查看统计与导出", "en": "See statistics and exports"},
}


@registry.register
class TripsModule(Module):
    id = "trips"
    names = {"zh": "因公出国（境）", "en": "Official trips abroad"}
    web_urls = "apps.trips.urls"
    api_urls = "apps.trips.api_urls"
    menu_url_name = "trips:list"
    permissions = PERMISSIONS
    role_grants = {
        "submitter": ["trips.view", "trips.submit", "trips.report"],
        "clerk": [
            "trips.view",
            "trips.submit",
            "trips.manage",
            "trips.issue",
            "trips.report",
            "trips.statistics",
        ],
        "reviewer": ["trips.view", "trips.manage", "trips.statistics"],
        "division_head": ["trips.view", "trips.override", "trips.issue", "trips.statistics"],
        "director": ["trips.view", "trips.override", "trips.issue", "trips.statistics"],
        "office_admin": ["trips.view", "trips.statistics"],
        "auditor": ["trips.view", "trips.statistics"],
    }
    settings_schema = {"type": "object", "additionalProperties": False, "properties": {}}
    approval_chains = ("trip",)

    def waiting_for(self, actor) -> list:
        """This module's part of the user's "waiting for me" list (apps.casework.selectors)."""
        from apps.trips import selectors

        return selectors.waiting_for(actor)

    def due_reminders(self, today: date) -> list[Reminder]:
        """Reports and travel documents due or overdue, notices ending today; also writes
        the city's overdue snapshot for the province (apps/trips/reminders.py)."""
        from apps.trips import reminders

        return reminders.due_reminders(today)
