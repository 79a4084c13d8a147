"""Hong Kong and Macao liaison (港澳事务): counterparts and bodies in the register, official
exchanges approved as cases, non-governmental exchanges recorded, figures by kind."""

from __future__ import annotations

from apps.hk_macao import workflow  # noqa: F401  (registers the workflow)
from apps.hk_macao.models import KINDS
from apps.registry.modules import Fact, Figure, Module, registry


@registry.register
class HkMacaoModule(Module):
    id = "hk_macao"
    names = {"zh": "港澳事务", "en": "Hong Kong and Macao"}
    web_urls = "apps.hk_macao.urls"
    api_urls = "apps.hk_macao.api_urls"
    menu_url_name = "hk_macao:list"
    permissions = {
        "hk_macao.view": {"zh": "查看港澳交流", "en": "See Hong Kong and Macao exchanges"},
        "hk_macao.submit": {"zh": "提交港澳交流申请", "en": "Submit official exchanges"},
        "hk_macao.manage": {"zh": "办理港澳交流事务", "en": "Handle Hong Kong and Macao exchanges"},
    }
    role_grants = {
        "submitter": ["hk_macao.view", "hk_macao.submit"],
        "clerk": ["hk_macao.view", "hk_macao.submit", "hk_macao.manage"],
        "reviewer": ["hk_macao.view", "hk_macao.manage"],
        "division_head": ["hk_macao.view"],
        "director": ["hk_macao.view"],
        "office_admin": ["hk_macao.view"],
        "auditor": ["hk_macao.view"],
    }
    settings_schema = {"type": "object", "additionalProperties": False, "properties": {}}
    approval_chains = ("hk_macao_exchange",)
    chain_facts = {
        "hk_macao_exchange": {
            "participants": Fact("number", {"zh": "参加人数", "en": "Number of participants"}),
            "directions": Fact("codes", {"zh": "交流方向", "en": "Direction"}),
            "kinds": Fact("codes", {"zh": "交流类别", "en": "Kind of exchange"}),
        }
    }
    audit_actions = {
        "hk_macao.create": {"zh": "新建港澳交流申请", "en": "Official exchange created"},
        "hk_macao.update": {"zh": "修改港澳交流申请", "en": "Official exchange edited"},
        "hk_macao.record_outcome": {"zh": "登记港澳交流成果", "en": "Exchange outcome recorded"},
        "hk_macao.add_non_governmental": {
            "zh": "登记民间港澳交流",
            "en": "Non-governmental exchange recorded",
        },
    }
    figures_permission = "hk_macao.view"
    figures = (
        Figure(
            metric="hk_macao.official",
            names={"zh": "批准的港澳官方交流（按类别）", "en": "Official exchanges approved, by kind"},
            breakdown="choice",
            choices=KINDS,
        ),
        Figure(
            metric="hk_macao.non_governmental",
            names={"zh": "民间港澳交流（按类别）", "en": "Non-governmental exchanges, by kind"},
            breakdown="choice",
            choices=KINDS,
        ),
    )

    def escalation_summary(self, case) -> dict:
        from apps.hk_macao.hooks import summary
        from apps.hk_macao.models import Exchange

        return summary(Exchange.for_case(case))

    def ensure_demo(self) -> list[str]:
        from apps.hk_macao import demo

        return demo.ensure_demo()
