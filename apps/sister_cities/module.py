"""Sister cities and twinning (友好城市、友好交流城市): establishing a relationship as a case
(city chain, province, national approval, signing), then the living relationship: the
exchange log, annual plans, anniversaries and renewals reminded, dormant ones flagged, a
yearly report per partner."""

from __future__ import annotations

from datetime import date

from apps.registry.modules import Fact, Figure, Module, Reminder, registry
from apps.sister_cities import workflow  # noqa: F401  (registers the workflow)
from apps.sister_cities.models import FIELDS, LEVELS

PERMISSIONS = {
    "sister_cities.view": {"zh": "查看友好城市", "en": "See sister cities"},
    "sister_cities.submit": {"zh": "提出缔结友好城市申请", "en": "Propose a sister-city relationship"},
    "sister_cities.manage": {
        "zh": "办理友好城市事务（登记批准、签约、交流）",
        "en": "Handle sister cities (approvals, signing, exchanges)",
    },
    "sister_cities.statistics": {
        "zh": "查看友好城市统计和年度报告",
        "en": "See sister-city figures and reports",
    },
}
SETTINGS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "dormant_years": {
            "type": "integer",
            "minimum": 1,
            "default": 3,
            "description": "years without an exchange after which a relationship is flagged dormant",
        },
        "renewal_notice_days": {
            "type": "integer",
            "minimum": 1,
            "default": 180,
            "description": "days before an agreement's term ends that its renewal is reminded",
        },
        "anniversary_notice_days": {
            "type": "integer",
            "minimum": 1,
            "default": 60,
            "description": "days before an anniversary of the signing that it is reminded",
        },
        "anniversary_every_years": {
            "type": "integer",
            "minimum": 1,
            "default": 5,
            "description": "which anniversaries are reminded (every n years)",
        },
    },
}


@registry.register
class SisterCitiesModule(Module):
    id = "sister_cities"
    names = {"zh": "友好城市", "en": "Sister cities"}
    web_urls = "apps.sister_cities.urls"
    api_urls = "apps.sister_cities.api_urls"
    menu_url_name = "sister_cities:list"
    permissions = PERMISSIONS
    role_grants = {
        "submitter": ["sister_cities.view", "sister_cities.submit"],
        "clerk": [
            "sister_cities.view",
            "sister_cities.submit",
            "sister_cities.manage",
            "sister_cities.statistics",
        ],
        "reviewer": ["sister_cities.view", "sister_cities.manage", "sister_cities.statistics"],
        "division_head": ["sister_cities.view", "sister_cities.statistics"],
        "director": ["sister_cities.view", "sister_cities.statistics"],
        "office_admin": ["sister_cities.view", "sister_cities.statistics"],
        "auditor": ["sister_cities.view", "sister_cities.statistics"],
    }
    settings_schema = SETTINGS_SCHEMA
    approval_chains = ("twinning",)
    chain_facts = {
        "twinning": {
            "new_relationship": Fact(
                "boolean", {"zh": "缔结新的友好关系", "en": "Establishing a new relationship"}
            ),
            "levels": Fact("codes", {"zh": "友好关系类别", "en": "Kind of relationship"}),
            "proposer_kinds": Fact("codes", {"zh": "提出单位类别", "en": "Kind of proposing unit"}),
        }
    }
    audit_actions = {
        "sister_cities.create": {"zh": "新建友好城市申请", "en": "Sister-city proposal created"},
        "sister_cities.update": {"zh": "修改友好城市申请", "en": "Sister-city proposal edited"},
        "sister_cities.national_approval": {"zh": "登记国家批准", "en": "National approval recorded"},
        "sister_cities.sign": {"zh": "登记签约", "en": "Signing recorded"},
        "sister_cities.renew": {"zh": "协议续签", "en": "Agreement renewed"},
        "sister_cities.add_exchange": {"zh": "登记友城交流", "en": "Exchange recorded"},
        "sister_cities.set_plan": {"zh": "登记年度交流计划", "en": "Annual plan recorded"},
    }
    figures_permission = "sister_cities.statistics"
    figures = (
        Figure(
            metric="sister_cities.established",
            names={"zh": "新缔结友好城市", "en": "Relationships signed"},
            headline=True,
        ),
        Figure(
            metric="sister_cities.proposals",
            names={"zh": "缔结友城申请（已批准）", "en": "Proposals approved"},
            breakdown="choice",
            choices=LEVELS,
        ),
        Figure(
            metric="sister_cities.exchanges",
            names={"zh": "友城交流（按领域）", "en": "Exchanges by field"},
            breakdown="choice",
            choices=FIELDS,
        ),
        Figure(
            metric="sister_cities.dormant",
            names={"zh": "长期无交流的友城", "en": "Dormant relationships"},
            snapshot=True,
        ),
    )

    def escalation_summary(self, case) -> dict:
        from apps.sister_cities.hooks import summary
        from apps.sister_cities.models import Relationship

        return summary(Relationship.for_case(case))

    def ensure_demo(self) -> list[str]:
        from apps.sister_cities import demo

        return demo.ensure_demo()

    def due_reminders(self, today: date) -> list[Reminder]:
        from apps.sister_cities import reminders

        return reminders.due_reminders(today)
