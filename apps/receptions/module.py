"""The receptions module: receiving foreign guests (外事接待) - the visit and its reception
level from the profile's table, the programme with its conflicts, the protocol planner
(order of precedence, seating, place cards), gifts, the numbered reception plan, the
summary and its follow-ups; and receptions departments register with the office."""

from __future__ import annotations

from datetime import date

from apps.receptions import workflow  # noqa: F401  (registers the workflows)
from apps.receptions.models import HOST_LEVELS, OCCASIONS, PROTOCOL_RANKS
from apps.registry.modules import Fact, Figure, Module, Reminder, registry

PERMISSIONS = {
    "receptions.view": {"zh": "查看外事接待", "en": "See receptions"},
    "receptions.submit": {"zh": "拟定、提交接待方案", "en": "Prepare and submit reception plans"},
    "receptions.plan": {
        "zh": "安排日程、礼宾次序、座次和礼品",
        "en": "Plan programmes, precedence, seating and gifts",
    },
    "receptions.register": {"zh": "填报本单位接待备案", "en": "Register the unit's own receptions"},
    "receptions.statistics": {"zh": "查看外事接待统计", "en": "See reception statistics"},
}
LEVEL = {"enum": list(HOST_LEVELS)}
SETTINGS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "reception_levels": {
            "type": "object",
            "default": {},
            "description": "protocol rank -> who meets, hosts the banquet, sees off (rows replace defaults)",
            "propertyNames": {"enum": list(PROTOCOL_RANKS)},
            "additionalProperties": {
                "type": "object",
                "properties": dict.fromkeys(OCCASIONS, LEVEL),
                "additionalProperties": False,
            },
        },
        "gift_hand_in_threshold": {
            "type": "number",
            "minimum": 0,
            "default": 200,
            "description": "yuan: a gift received above this value is handed in",
        },
        "seats_per_table": {"type": "integer", "minimum": 2, "maximum": 24, "default": 10},
        "summary_due_days": {
            "type": "integer",
            "minimum": 0,
            "default": 5,
            "description": "days after the departure by which the summary is due",
        },
    },
}
REGISTRATION_SOURCE = {"zh": "部门接待备案", "en": "Registered by departments"}


@registry.register
class ReceptionsModule(Module):
    id = "receptions"
    names = {"zh": "外事接待", "en": "Receptions"}
    web_urls = "apps.receptions.urls"
    api_urls = "apps.receptions.api_urls"
    menu_url_name = "receptions:list"
    permissions = PERMISSIONS
    role_grants = {
        "submitter": ["receptions.view", "receptions.register"],
        "clerk": [
            "receptions.view",
            "receptions.submit",
            "receptions.plan",
            "receptions.register",
            "receptions.statistics",
        ],
        "reviewer": ["receptions.view", "receptions.plan", "receptions.statistics"],
        "division_head": ["receptions.view", "receptions.statistics"],
        "director": ["receptions.view", "receptions.statistics"],
        "office_admin": ["receptions.view", "receptions.statistics"],
        "auditor": ["receptions.view", "receptions.statistics"],
    }
    settings_schema = SETTINGS_SCHEMA
    approval_chains = ("reception", "reception_registration")
    audit_actions = {
        "receptions.create": {"zh": "新建接待", "en": "Visit created"},
        "receptions.update": {"zh": "修改接待", "en": "Visit edited"},
        "receptions.add_guest": {"zh": "从名册添加外宾", "en": "Guest taken from a register"},
        "receptions.item": {"zh": "修改日程", "en": "Programme changed"},
        "receptions.reorder": {"zh": "调整礼宾次序", "en": "Order of precedence changed"},
        "receptions.seating": {"zh": "排定座次", "en": "Seating arranged"},
        "receptions.gift": {"zh": "登记礼品", "en": "Gift registered"},
        "receptions.plan_issued": {"zh": "出具接待方案", "en": "Reception plan issued"},
        "receptions.complete": {"zh": "接待总结", "en": "Visit summary written"},
        "receptions.follow_up": {"zh": "后续事项", "en": "Follow-up"},
        "receptions.register": {"zh": "部门接待备案", "en": "Reception registered"},
    }
    chain_facts = {
        "reception": {
            "guest_rank": Fact("rank", {"zh": "主宾对等职级", "en": "Head of delegation (equivalent rank)"}),
            "above_table": Fact("boolean", {"zh": "超出接待规格", "en": "Above the reception level table"}),
            "budget": Fact("number", {"zh": "接待预算（元）", "en": "Budget (yuan)"}),
            "guests": Fact("number", {"zh": "外宾人数", "en": "Number of guests"}),
        },
        "reception_registration": {
            "guest_rank": Fact("rank", {"zh": "主宾对等职级", "en": "Head of delegation (equivalent rank)"}),
        },
    }
    calendar_kinds = {
        "reception_visit": {"zh": "外宾来访", "en": "Foreign guests' visit"},
        "reception_item": {"zh": "接待日程", "en": "Reception programme item"},
    }
    figures_permission = "receptions.statistics"
    figures = (
        Figure(
            metric="receptions.visits", names={"zh": "接待来访团组", "en": "Visits received"}, headline=True
        ),
        Figure(
            metric="receptions.guests", names={"zh": "接待外宾人数", "en": "Guests received"}, headline=True
        ),
        Figure(
            metric="receptions.by_country",
            names={"zh": "来访国家和地区", "en": "Visits by country"},
            breakdown="country",
        ),
        Figure(
            metric="receptions.by_level",
            names={"zh": "接待规格（会见）", "en": "Visits by reception level (meets)"},
            breakdown="choice",
            choices=HOST_LEVELS,
        ),
        Figure(
            metric="receptions.registered",
            names={"zh": "部门接待备案", "en": "Receptions registered by departments"},
        ),
    )

    def escalation_summary(self, case) -> dict:
        from apps.receptions.models import Registration, Visit

        if case.workflow == "receptions.registration":
            return registration_summary(Registration.for_case(case))
        return summary(Visit.for_case(case))

    def ensure_demo(self) -> list[str]:
        from apps.receptions import demo

        return demo.ensure_demo()

    def due_reminders(self, today: date) -> list[Reminder]:
        from apps.receptions import reminders

        return reminders.due_reminders(today)

    def waiting_for(self, actor) -> list:
        """Open follow-ups of visits the user owns, and summaries due (clerks)."""
        from apps.receptions import selectors

        return selectors.waiting_for(actor)

    plans_programmes = True

    def plan_programme(self, actor, request) -> str:
        from apps.receptions.services import visit_for_event

        return visit_for_event(actor=actor, event=request)

    def calendar_entries(self, start: date, end: date, actor=None):
        from apps.receptions import selectors

        return selectors.calendar_entries(start, end, actor)


def summary(visit) -> dict:
    """What the provincial FAO sees of a visit that goes up."""
    from apps.casework.summary import Field, Summary, Table
    from apps.receptions import levels
    from apps.registry import countries
    from apps.registry.ranks import RANK_LABELS

    asked = levels.requested(visit)
    chief = next(iter(visit.side("guest")), None)
    effective = levels.effective(chief.protocol_rank if chief else "", asked)
    return Summary(
        fields=[
            Field(names={"zh": "承办单位", "en": "Submitting unit"}, value=visit.unit_name),
            Field(names={"zh": "来访事由", "en": "Purpose"}, value=visit.purpose),
            Field(
                names={"zh": "来访日期", "en": "Dates"},
                value=f"{visit.arrival:%Y-%m-%d} – {visit.departure:%Y-%m-%d}",
            ),
            Field(names={"zh": "接待预算（元）", "en": "Budget (yuan)"}, value=f"{visit.budget}"),
            *(
                Field(names=OCCASIONS[occasion], value=HOST_LEVELS.get(level, {"zh": "", "en": ""}))
                for occasion, level in effective.items()
            ),
            Field(
                names={"zh": "提高规格的理由", "en": "Reason for a higher level"}, value=visit.level_reason
            ),
        ],
        tables=[
            Table(
                names={"zh": "外宾", "en": "Guests"},
                columns=[
                    {"zh": "姓名", "en": "Name"},
                    {"zh": "职务", "en": "Title"},
                    {"zh": "单位", "en": "Organisation"},
                    {"zh": "国家或地区", "en": "Country"},
                    {"zh": "礼宾级别", "en": "Protocol rank"},
                ],
                rows=[
                    [
                        p.both_names,
                        p.title_text,
                        p.organisation,
                        countries.both(p.country) if p.country else "",
                        PROTOCOL_RANKS.get(p.protocol_rank, {"zh": "", "en": ""}),
                    ]
                    for p in visit.side("guest")
                ],
            ),
            Table(
                names={"zh": "我方人员", "en": "Hosts"},
                columns=[
                    {"zh": "姓名", "en": "Name"},
                    {"zh": "职务", "en": "Title"},
                    {"zh": "职级", "en": "Rank"},
                ],
                rows=[
                    [p.both_names, p.title_text, RANK_LABELS.get(p.rank, {"zh": "", "en": ""})]
                    for p in visit.side("host")
                ],
            ),
        ],
    ).as_json()


def registration_summary(registration) -> dict:
    from apps.casework.summary import Field, Summary

    return Summary(
        fields=[
            Field(names={"zh": "单位", "en": "Unit"}, value=registration.unit_name),
            Field(names={"zh": "主宾", "en": "Head of delegation"}, value=registration.chief_guest),
            Field(names={"zh": "事由", "en": "Purpose"}, value=registration.purpose),
            Field(
                names={"zh": "日期", "en": "Dates"},
                value=f"{registration.arrival:%Y-%m-%d} – {registration.departure:%Y-%m-%d}",
            ),
        ]
    ).as_json()
