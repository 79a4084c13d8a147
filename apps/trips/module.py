"""The trips module: official trips abroad and to Hong Kong/Macao (因公出国/境)."""

from collections.abc import Iterable
from datetime import date

from apps.registry.modules import CalendarEntry, Fact, Figure, Module, Reminder, registry
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


POSITIVE = {"type": "integer", "minimum": 1}
# The limits on official trips. A province sets them for its cities
# (``module_defaults.trips``); a city may tighten them (``modules.trips``). The defaults are
# the national rules' usual values.
SETTINGS_SCHEMA = {
    "type": "object",
    "properties": {
        "max_members": {**POSITIVE, "default": 6},
        "max_countries": {**POSITIVE, "default": 3},
        "max_days_by_country_count": {
            "type": "object",
            "patternProperties": {"^[1-9][0-9]*$": POSITIVE},
            "additionalProperties": False,
            "default": {"1": 5, "2": 8, "3": 10},
        },
        "extra_days_regions": {
            "type": "array",
            "items": {"type": "string", "pattern": "^[a-z][a-z_]{1,30}$"},
            "uniqueItems": True,
            "default": [],
        },
        "extra_days": {"type": "integer", "minimum": 0, "default": 0},
        "max_trips_per_person_per_year": {**POSITIVE, "default": 1},
        "notice_working_days": {"type": "integer", "minimum": 0, "default": 5},
        "passport_return_days": {**POSITIVE, "default": 7},
        "passport_overdue_block_days": {**POSITIVE, "default": 30},
        "report_due_working_days": {**POSITIVE, "default": 22},
        "min_lead_working_days": {"type": "integer", "minimum": 0, "default": 20},
    },
    "additionalProperties": False,
}

COUNTRY_CODE = {"type": "string", "pattern": "^[A-Z]{2}$"}
REGION_CODE = {"type": "string", "pattern": "^[a-z][a-z_]{1,30}$"}
CHAIN_FACTS = {
    "trip": {
        "rank": Fact("rank", {"zh": "团组成员最高职级", "en": "Highest rank among the members"}),
        "destinations": Fact("codes", {"zh": "出访国家（地区）", "en": "Destinations"}, COUNTRY_CODE),
        "regions": Fact("codes", {"zh": "出访区域", "en": "Regions visited"}, REGION_CODE),
        "budget": Fact("number", {"zh": "预算（元）", "en": "Budget (yuan)"}),
    }
}


FIGURES = (
    Figure("trips.delegations", {"zh": "出访团组", "en": "Delegations"}, headline=True),
    Figure("trips.people", {"zh": "出访人数", "en": "People"}, headline=True),
    Figure("trips.days", {"zh": "在外人天数", "en": "Person-days abroad"}),
    Figure("trips.by_destination", {"zh": "按出访国家（地区）", "en": "By destination"}, breakdown="country"),
    Figure("trips.by_unit_kind", {"zh": "按组团单位类别", "en": "By kind of unit"}, breakdown="unit_kind"),
    Figure(
        "trips.by_kind",
        {"zh": "按团组类别", "en": "By kind of trip"},
        breakdown="choice",
        choices={
            "abroad": {"zh": "因公出国", "en": "Abroad"},
            "hkmo": {"zh": "因公赴港澳", "en": "Hong Kong / Macao"},
        },
    ),
    Figure(
        "trips.overrides",
        {"zh": "超限批准", "en": "Limits overridden"},
        breakdown="choice",
        per_city=True,
        choices={
            "max_members": {"zh": "团组人数", "en": "Delegation size"},
            "max_countries": {"zh": "出访国家（地区）数", "en": "Countries per trip"},
            "max_days": {"zh": "在外天数", "en": "Days abroad"},
            "min_lead_working_days": {"zh": "提前申报时间", "en": "Lead time"},
            "max_trips_per_person_per_year": {"zh": "每人每年出访次数", "en": "Trips per person per year"},
        },
    ),
    Figure(
        "trips.overdue_documents", {"zh": "逾期未交证照", "en": "Travel documents overdue"}, snapshot=True
    ),
    Figure(
        "trips.overdue_reports", {"zh": "逾期未交出访报告", "en": "Post-trip reports overdue"}, snapshot=True
    ),
)


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
    settings_schema = SETTINGS_SCHEMA
    approval_chains = ("trip",)
    chain_facts = CHAIN_FACTS
    figures_permission = "trips.statistics"
    figures = FIGURES
    audit_actions = {
        "trips.create": {"zh": "新建出访申请", "en": "Trip application created"},
        "trips.update": {"zh": "修改出访申请", "en": "Trip application edited"},
        "trips.attach_invitation": {"zh": "上传邀请函", "en": "Invitation letter attached"},
        "trips.override_limit": {"zh": "超限放行", "en": "Limit overridden"},
        "trips.acknowledge_education": {"zh": "确认行前教育", "en": "Pre-departure education acknowledged"},
        "trips.return_travel_document": {"zh": "交回出入境证件", "en": "Travel document returned"},
        "trips.issue_travel_document": {
            "zh": "出入境证件随团领出",
            "en": "Travel document issued for a trip",
        },
        "trips.take_into_custody": {"zh": "证件收存保管", "en": "Travel document taken into custody"},
    }

    calendar_kinds = {
        "trip_departure": {"zh": "团组出访", "en": "Delegation departs"},
        "trip_return": {"zh": "团组回国", "en": "Delegation returns"},
    }

    def calendar_entries(self, start: date, end: date, actor=None) -> Iterable[CalendarEntry]:
        """Approved delegations' departures and returns in [start, end) (all-day entries)."""
        from apps.trips import selectors

        return selectors.calendar_entries(start, end, actor)

    def escalation_summary(self, case) -> dict:
        from apps.trips import hooks

        return hooks.escalation_summary(case)

    def ensure_demo(self) -> list[str]:
        from apps.trips.demo import ensure_demo_delegations

        return ensure_demo_delegations()

    def waiting_queries(self, actor) -> list:
        """This module's part of the user's "waiting for me" list (apps.casework.selectors)."""
        from apps.trips import selectors

        return selectors.waiting_queries(actor)

    def due_reminders(self, today: date) -> list[Reminder]:
        """Reports and travel documents due or overdue, notices ending today; also writes
        the city's overdue snapshot for the province (apps/trips/reminders.py)."""
        from apps.trips import reminders

        return reminders.due_reminders(today)
