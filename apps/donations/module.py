"""The donations module: donations from abroad (境外捐赠) - the offer, its acceptance on the
profile's chain and certificate, receipt, use and completion, the donor's report, the
public disclosure, the donors' history and the office's exchange rates."""

from __future__ import annotations

from datetime import date

from apps.donations import currencies, workflow  # noqa: F401  (workflow: registers it)
from apps.registry.modules import Fact, Figure, Module, Reminder, registry

PERMISSIONS = {
    "donations.view": {"zh": "查看境外捐赠", "en": "See donations from abroad"},
    "donations.submit": {"zh": "登记捐赠意向、提交接受审批", "en": "Register offers and submit them"},
    "donations.report": {"zh": "登记接收和使用情况", "en": "Record receipts and use"},
    "donations.manage": {"zh": "办理境外捐赠事务", "en": "Handle donations"},
    "donations.issue": {"zh": "出具受赠证书", "en": "Issue certificates of acceptance"},
    "donations.rates": {"zh": "维护汇率", "en": "Record exchange rates"},
    "donations.statistics": {"zh": "查看境外捐赠统计", "en": "See donation figures"},
}
CONDITION_CODES = [
    "designated_use",
    "naming",
    "reporting",
    "publicity",
    "procurement",
    "commercial_promotion",
    "political",
    "religious",
    "return_benefit",
]
SETTINGS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "forbidden_conditions": {
            "type": "array",
            "items": {"enum": CONDITION_CODES},
            "default": ["political", "religious", "commercial_promotion", "return_benefit"],
            "description": "kinds of condition the office cannot accept",
        },
        "province_threshold_cny": {
            "type": "number",
            "minimum": 0,
            "default": 1000000,
            "description": "value in CNY from which the province decides (fact needs_province)",
        },
        "province_countries": {
            "type": "array",
            "items": {"type": "string", "pattern": "^[A-Z]{2}$"},
            "default": ["TW"],
            "description": "donors' countries or regions the province decides on (fact needs_province)",
        },
        "report_interval_days": {
            "type": "integer",
            "minimum": 7,
            "default": 90,
            "description": "days between progress reports on the use",
        },
    },
}


@registry.register
class DonationsModule(Module):
    id = "donations"
    names = {"zh": "境外捐赠", "en": "Donations from abroad"}
    web_urls = "apps.donations.urls"
    api_urls = "apps.donations.api_urls"
    menu_url_name = "donations:list"
    permissions = PERMISSIONS
    role_grants = {
        "submitter": ["donations.view", "donations.submit", "donations.report"],
        "clerk": [
            "donations.view",
            "donations.submit",
            "donations.report",
            "donations.manage",
            "donations.issue",
            "donations.rates",
            "donations.statistics",
        ],
        "reviewer": ["donations.view", "donations.manage", "donations.statistics"],
        "division_head": ["donations.view", "donations.issue", "donations.rates", "donations.statistics"],
        "director": ["donations.view", "donations.issue", "donations.statistics"],
        "office_admin": ["donations.view", "donations.rates", "donations.statistics"],
        "auditor": ["donations.view", "donations.statistics"],
    }
    settings_schema = SETTINGS_SCHEMA
    approval_chains = ("donation",)
    audit_actions = {
        "donations.create": {"zh": "登记捐赠意向", "en": "Donation offer registered"},
        "donations.update": {"zh": "修改捐赠意向", "en": "Donation offer edited"},
        "donations.record_rate": {"zh": "登记汇率", "en": "Exchange rate recorded"},
        "donations.record_receipt": {"zh": "登记捐赠接收", "en": "Donation received"},
        "donations.plan_use": {"zh": "制定捐赠使用计划", "en": "Use plan made"},
        "donations.report_progress": {"zh": "报告捐赠使用进展", "en": "Progress on the use reported"},
        "donations.complete": {"zh": "捐赠使用完毕", "en": "Use of a donation completed"},
        "donations.send_use_report": {"zh": "向捐赠方报告使用情况", "en": "Use report sent to the donor"},
    }
    chain_facts = {
        "donation": {
            "value_cny": Fact("number", {"zh": "折合人民币金额", "en": "Value in CNY"}),
            "condition_kinds": Fact("codes", {"zh": "附加条件类别", "en": "Kinds of condition"}),
            "donor_country": Fact(
                "codes",
                {"zh": "捐赠方国家（地区）", "en": "Donor's country or region"},
                item_schema={"type": "string", "pattern": "^[A-Z]{2}$"},
            ),
            "needs_province": Fact(
                "boolean", {"zh": "须报省外办（按模块设置）", "en": "Needs the province (module settings)"}
            ),
        }
    }
    figures_permission = "donations.statistics"
    figures = (
        Figure(
            metric="donations.accepted",
            names={"zh": "接受境外捐赠（笔）", "en": "Donations accepted"},
            headline=True,
        ),
        Figure(
            metric="donations.value_cny",
            names={"zh": "接受捐赠折合人民币（元）", "en": "Value accepted (CNY)"},
            headline=True,
        ),
        Figure(
            metric="donations.by_country",
            names={"zh": "捐赠方国家（地区）（笔）", "en": "Donations by donor's country"},
            breakdown="country",
        ),
        Figure(
            metric="donations.cny_by_country",
            names={"zh": "按国家（地区）折合人民币（元）", "en": "Value by donor's country (CNY)"},
            breakdown="country",
        ),
        Figure(
            metric="donations.cny_by_currency",
            names={"zh": "按币种折合人民币（元）", "en": "Value by currency (CNY)"},
            breakdown="choice",
            choices=currencies.table(),
        ),
        Figure(
            metric="donations.by_kind",
            names={"zh": "捐赠类别（笔）", "en": "Donations by kind"},
            breakdown="choice",
            choices={"money": {"zh": "资金", "en": "Money"}, "goods": {"zh": "物资", "en": "Goods"}},
        ),
        Figure(
            metric="donations.use_completed",
            names={"zh": "使用完毕（笔）", "en": "Use completed"},
            per_city=True,
        ),
        Figure(
            metric="donations.use_overdue",
            names={"zh": "使用情况报告逾期（笔）", "en": "Use reports overdue"},
            snapshot=True,
        ),
    )

    def escalation_summary(self, case) -> dict:
        from apps.donations.models import Donation

        return summary(Donation.for_case(case))

    def ensure_demo(self) -> list[str]:
        from apps.donations import demo

        return demo.ensure_demo()

    def due_reminders(self, today: date) -> list[Reminder]:
        from apps.donations import reminders

        return reminders.due_reminders(today)


def summary(donation) -> dict:
    """What the provincial FAO sees of an escalated offer (it decides on it)."""
    from apps.casework.summary import Field, Summary, Table
    from apps.donations.models import CONDITION_KINDS, KINDS, RELATIONS
    from apps.registry import countries
    from apps.registry.units import unit_label

    donor = donation.donor
    kinds = "、".join(CONDITION_KINDS.get(k, {}).get("zh", k) for k in donation.condition_kinds or [])
    return Summary(
        fields=[
            Field(names={"zh": "捐赠方", "en": "Donor"}, value=donor.display_name),
            Field(
                names={"zh": "国家（地区）", "en": "Country or region"}, value=countries.both(donor.country)
            ),
            Field(names={"zh": "与本市关系", "en": "Relation to the city"}, value=RELATIONS[donor.relation]),
            Field(names={"zh": "捐赠类别", "en": "Kind"}, value=KINDS[donation.kind]),
            Field(
                names={"zh": "金额（价值）", "en": "Value"},
                value=f"{donation.currency} {donation.value} ≈ CNY {donation.value_cny}",
            ),
            Field(names={"zh": "受赠单位", "en": "Recipient unit"}, value=unit_label(donation.unit_code)),
            Field(names={"zh": "用途", "en": "Intended use"}, value=donation.intended_use),
            Field(
                names={"zh": "附加条件", "en": "Conditions"},
                value=f"{kinds} {donation.conditions}".strip() or "—",
            ),
        ],
        tables=[
            Table(
                names={"zh": "捐赠物资", "en": "Goods"},
                columns=[
                    {"zh": "物品", "en": "Item"},
                    {"zh": "数量", "en": "Quantity"},
                    {"zh": "估值", "en": "Estimated value"},
                ],
                rows=[
                    [i.description, f"{i.quantity} {i.unit}", f"{donation.currency} {i.estimated_value}"]
                    for i in donation.items.all()
                ],
            )
        ]
        if donation.kind == "goods"
        else [],
    ).as_json()
