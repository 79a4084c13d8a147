"""Honorary Residents (荣誉市民): a unit nominates a foreigner for their contribution to the
city; the office's chain approves; the city government decides (an external step, recorded
with its date and reference); the office issues the numbered bilingual certificate; the
register keeps the holders, their contacts and their later visits."""

from __future__ import annotations

from apps.honorary_residents import workflow  # noqa: F401  (registers the workflow)
from apps.registry.modules import Fact, Figure, Module, registry

PERMISSIONS = {
    "honorary_residents.view": {"zh": "查看荣誉市民推荐和名录", "en": "See Honorary Resident nominations"},
    "honorary_residents.submit": {"zh": "填报、提交荣誉市民推荐", "en": "Prepare and submit nominations"},
    "honorary_residents.manage": {
        "zh": "办理荣誉市民事务（登记市政府决定、名录）",
        "en": "Handle Honorary Residents (decisions, register)",
    },
    "honorary_residents.issue": {"zh": "颁发荣誉市民证书", "en": "Issue Honorary Resident certificates"},
}
from apps.honorary_residents.models import FIELDS_OF_CONTRIBUTION  # noqa: E402


@registry.register
class HonoraryResidentsModule(Module):
    id = "honorary_residents"
    names = {"zh": "荣誉市民", "en": "Honorary Residents"}
    web_urls = "apps.honorary_residents.urls"
    api_urls = "apps.honorary_residents.api_urls"
    menu_url_name = "honorary_residents:list"
    permissions = PERMISSIONS
    role_grants = {
        "submitter": ["honorary_residents.view", "honorary_residents.submit"],
        "clerk": [
            "honorary_residents.view",
            "honorary_residents.submit",
            "honorary_residents.manage",
            "honorary_residents.issue",
        ],
        "reviewer": ["honorary_residents.view", "honorary_residents.manage"],
        "division_head": ["honorary_residents.view", "honorary_residents.manage", "honorary_residents.issue"],
        "director": ["honorary_residents.view", "honorary_residents.issue"],
        "office_admin": ["honorary_residents.view"],
        "auditor": ["honorary_residents.view"],
    }
    settings_schema = {"type": "object", "additionalProperties": False, "properties": {}}
    approval_chains = ("honorary_resident",)
    chain_facts = {
        "honorary_resident": {
            "nationalities": Fact("codes", {"zh": "被推荐人国籍", "en": "Nominee's nationality"}),
        }
    }
    audit_actions = {
        "honorary_residents.create": {"zh": "新建荣誉市民推荐", "en": "Nomination created"},
        "honorary_residents.update": {"zh": "修改荣誉市民推荐", "en": "Nomination edited"},
        "honorary_residents.decision": {"zh": "登记市政府决定", "en": "City government's decision recorded"},
        "honorary_residents.contacts": {"zh": "更新荣誉市民联系方式", "en": "Holder's contacts updated"},
        "honorary_residents.visit": {"zh": "登记荣誉市民来访", "en": "Holder's visit recorded"},
    }
    figures_permission = "honorary_residents.view"
    figures = (
        Figure(
            metric="honorary_residents.conferred",
            names={"zh": "授予荣誉市民", "en": "Honorary Residents conferred"},
            headline=True,
        ),
        Figure(
            metric="honorary_residents.by_country",
            names={"zh": "荣誉市民国籍", "en": "Honorary Residents by nationality"},
            breakdown="country",
        ),
        Figure(
            metric="honorary_residents.by_field",
            names={"zh": "荣誉市民贡献领域", "en": "Honorary Residents by field"},
            breakdown="choice",
            choices=FIELDS_OF_CONTRIBUTION,
        ),
    )

    def escalation_summary(self, case) -> dict:
        from apps.honorary_residents.models import Nomination

        return summary(Nomination.for_case(case))

    def waiting_for(self, actor) -> list:
        from apps.honorary_residents import selectors

        return selectors.waiting_for(actor)

    def ensure_demo(self) -> list[str]:
        from apps.honorary_residents import demo

        return demo.ensure_demo()


def summary(nomination) -> dict:
    from apps.casework.summary import Field, Summary
    from apps.registry import countries

    return Summary(
        fields=[
            Field(names={"zh": "推荐单位", "en": "Nominating unit"}, value=nomination.unit_name),
            Field(
                names={"zh": "被推荐人", "en": "Nominee"},
                value=f"{nomination.name_latin} {nomination.name_zh}".strip(),
            ),
            Field(names={"zh": "国籍", "en": "Nationality"}, value=countries.both(nomination.nationality)),
            Field(
                names={"zh": "职务及单位", "en": "Occupation"},
                value=f"{nomination.occupation}, {nomination.employer}",
            ),
            Field(
                names={"zh": "贡献领域", "en": "Field"},
                value=FIELDS_OF_CONTRIBUTION.get(nomination.field, nomination.field),
            ),
            Field(names={"zh": "主要贡献", "en": "Contribution"}, value=nomination.contribution),
        ]
    ).as_json()
