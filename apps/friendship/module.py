"""The friendship association (人民对外友好协会): a profile module of the offices that run
its secretariat - council members over their terms, activities with foreign friendship
groups, and their reports."""

from __future__ import annotations

from apps.registry.modules import Figure, Module, registry

PERMISSIONS = {
    "friendship.view": {"zh": "查看友协理事和活动", "en": "See the friendship association"},
    "friendship.manage": {
        "zh": "办理友协事务（理事、活动、报告）",
        "en": "Handle the friendship association",
    },
}
from apps.friendship.models import ACTIVITY_KINDS  # noqa: E402

VIEW = ["friendship.view"]


@registry.register
class FriendshipModule(Module):
    id = "friendship"
    names = {"zh": "对外友好协会", "en": "Friendship association"}
    web_urls = "apps.friendship.urls"
    api_urls = "apps.friendship.api_urls"
    menu_url_name = "friendship:list"
    permissions = PERMISSIONS
    role_grants = {
        "clerk": [*VIEW, "friendship.manage"],
        "reviewer": [*VIEW, "friendship.manage"],
        "division_head": [*VIEW, "friendship.manage"],
        "director": VIEW,
        "office_admin": VIEW,
        "auditor": VIEW,
    }
    settings_schema = {"type": "object", "additionalProperties": False, "properties": {}}
    audit_actions = {
        "friendship.member": {"zh": "登记友协理事", "en": "Council member recorded"},
        "friendship.activity": {"zh": "登记友协活动", "en": "Friendship activity recorded"},
        "friendship.report": {"zh": "提交友协活动报告", "en": "Activity report filed"},
    }
    figures_permission = "friendship.view"
    figures = (
        Figure(
            metric="friendship.activities",
            names={"zh": "友协对外活动", "en": "Friendship activities"},
            headline=True,
        ),
        Figure(
            metric="friendship.participants",
            names={"zh": "友协活动参加人数", "en": "Participants in activities"},
        ),
        Figure(
            metric="friendship.by_country",
            names={"zh": "友协活动国家（地区）", "en": "Activities by country"},
            breakdown="country",
        ),
        Figure(
            metric="friendship.by_kind",
            names={"zh": "友协活动类别", "en": "Activities by kind"},
            breakdown="choice",
            choices=ACTIVITY_KINDS,
        ),
    )

    def ensure_demo(self) -> list[str]:
        from apps.friendship import demo

        return demo.ensure_demo()
