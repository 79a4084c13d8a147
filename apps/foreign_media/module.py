"""Foreign journalists and media (外国记者采访管理): interview requests from foreign media as
cases (the interviewee's unit consents, the office decides on its chain, arranges the
interview and records what was published), and the register of accredited journalists."""

from __future__ import annotations

from apps.foreign_media import workflow  # noqa: F401  (registers the workflow)
from apps.registry.modules import Fact, Figure, Module, registry

PERMISSIONS = {
    "foreign_media.view": {"zh": "查看外国记者采访申请", "en": "See interview requests"},
    "foreign_media.consent": {
        "zh": "答复本单位是否接受采访",
        "en": "Answer for one's unit whether it consents",
    },
    "foreign_media.manage": {
        "zh": "办理外国记者采访（登记、安排、报道）",
        "en": "Handle interviews (register, arrange, articles)",
    },
    "foreign_media.register": {
        "zh": "查看、登记外国记者名录",
        "en": "See and add to the register of journalists",
    },
    "foreign_media.statistics": {"zh": "查看外国记者采访统计", "en": "See media figures"},
}
from apps.foreign_media.models import TONES  # noqa: E402

OFFICE = ["foreign_media.view", "foreign_media.register", "foreign_media.statistics"]


@registry.register
class MediaModule(Module):
    id = "foreign_media"
    names = {"zh": "外国记者采访", "en": "Foreign media"}
    web_urls = "apps.foreign_media.urls"
    api_urls = "apps.foreign_media.api_urls"
    menu_url_name = "foreign_media:list"
    permissions = PERMISSIONS
    role_grants = {
        "submitter": ["foreign_media.view", "foreign_media.consent"],
        "clerk": [*OFFICE, "foreign_media.manage"],
        "reviewer": [*OFFICE, "foreign_media.manage"],
        "division_head": OFFICE,
        "director": OFFICE,
        "office_admin": OFFICE,
        "auditor": OFFICE,
    }
    settings_schema = {"type": "object", "additionalProperties": False, "properties": {}}
    approval_chains = ("media_interview",)
    chain_facts = {
        "media_interview": {
            "countries": Fact(
                "codes",
                {"zh": "媒体所在国家（地区）和记者国籍", "en": "Outlet's country, journalist's nationality"},
            ),
            "press_cards": Fact("codes", {"zh": "记者证类别", "en": "Kind of press card"}),
        }
    }
    audit_actions = {
        "foreign_media.create": {"zh": "登记采访申请", "en": "Interview request registered"},
        "foreign_media.update": {"zh": "修改采访申请", "en": "Interview request edited"},
        "foreign_media.arrange": {"zh": "安排采访", "en": "Interview arranged"},
        "foreign_media.article": {"zh": "登记采访报道", "en": "Article recorded"},
        "foreign_media.journalist": {"zh": "登记外国记者", "en": "Journalist registered"},
    }
    figures_permission = "foreign_media.statistics"
    figures = (
        Figure(
            metric="foreign_media.interviews",
            names={"zh": "同意外国记者采访", "en": "Interviews approved"},
            headline=True,
        ),
        Figure(
            metric="foreign_media.by_country",
            names={"zh": "采访媒体所在国家（地区）", "en": "Interviews by outlet's country"},
            breakdown="country",
        ),
        Figure(
            metric="foreign_media.articles",
            names={"zh": "采访后报道（按倾向）", "en": "Articles published, by tone"},
            breakdown="choice",
            choices=TONES,
            per_city=False,
        ),
    )

    def escalation_summary(self, case) -> dict:
        from apps.foreign_media.models import InterviewRequest

        return summary(InterviewRequest.for_case(case))

    def ensure_demo(self) -> list[str]:
        from apps.foreign_media import demo

        return demo.ensure_demo()

    def waiting_for(self, actor) -> list:
        from apps.foreign_media import selectors

        return selectors.waiting_for(actor)


def summary(interview) -> dict:
    from apps.casework.summary import Field, Summary
    from apps.foreign_media.models import PRESS_CARDS
    from apps.registry import countries

    journalist = interview.journalist
    return Summary(
        fields=[
            Field(names={"zh": "媒体", "en": "Outlet"}, value=interview.outlet.display_name),
            Field(names={"zh": "记者", "en": "Journalist"}, value=str(journalist)),
            Field(names={"zh": "国籍", "en": "Nationality"}, value=countries.both(journalist.nationality)),
            Field(
                names={"zh": "记者证", "en": "Press card"},
                value=PRESS_CARDS.get(journalist.press_card_kind, journalist.press_card_kind),
            ),
            Field(names={"zh": "采访主题", "en": "Topic"}, value=interview.topic),
            Field(names={"zh": "受访单位", "en": "Interviewee's unit"}, value=interview.unit_name),
            Field(names={"zh": "采访对象", "en": "Whom"}, value=interview.interviewees),
            Field(
                names={"zh": "日期", "en": "Dates"},
                value=f"{interview.start:%Y-%m-%d} – {interview.end:%Y-%m-%d}",
            ),
        ]
    ).as_json()
