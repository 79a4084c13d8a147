"""The invitations module: inviting foreigners to China (邀请外国人来华) - the inviting
unit's application, approval on the profile's chain, the invitation letter and visa
notification letters, and the register of invited visitors."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from apps.invitations import workflow  # noqa: F401  (registers the workflow)
from apps.registry.modules import CalendarEntry, Fact, Figure, Module, Reminder, registry

PERMISSIONS = {
    "invitations.view": {"zh": "查看邀请来华申请", "en": "See invitations"},
    "invitations.submit": {"zh": "填报、提交邀请来华申请", "en": "Prepare and submit invitations"},
    "invitations.report": {"zh": "登记来访人员签证和出入境情况", "en": "Report visas, entries and exits"},
    "invitations.manage": {"zh": "办理邀请来华事务", "en": "Handle invitations"},
    "invitations.override": {"zh": "批准突破规定（须说明理由）", "en": "Override a rule (with a reason)"},
    "invitations.issue": {
        "zh": "出具邀请函和签证通知函",
        "en": "Issue invitation and visa notification letters",
    },
    "invitations.statistics": {"zh": "查看邀请来华统计与导出", "en": "See invitation statistics and exports"},
}
SETTINGS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "min_lead_working_days": {
            "type": "integer",
            "minimum": 0,
            "default": 10,
            "description": "working days between submission and arrival",
        },
        "max_invitees": {"type": "integer", "minimum": 1, "default": 20},
        "passport_valid_months": {
            "type": "integer",
            "minimum": 0,
            "default": 6,
            "description": "months a passport must stay valid after the visit",
        },
        "province_countries": {
            "type": "array",
            "items": {"type": "string", "pattern": "^[A-Z]{2}$"},
            "default": [],
            "description": "nationalities the province approves",
        },
        "province_categories": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["government", "parliament", "journalist"],
            "description": "invitee categories the province approves",
        },
        "blocked_units": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "units that may not invite at present",
        },
    },
}
from apps.invitations.models import VISIT_KINDS as VISIT_KIND_CHOICES  # noqa: E402


@registry.register
class InvitationsModule(Module):
    id = "invitations"
    names = {"zh": "邀请外国人来华", "en": "Invitations to China"}
    web_urls = "apps.invitations.urls"
    api_urls = "apps.invitations.api_urls"
    menu_url_name = "invitations:list"
    permissions = PERMISSIONS
    role_grants = {
        "submitter": ["invitations.view", "invitations.submit", "invitations.report"],
        "clerk": [
            "invitations.view",
            "invitations.submit",
            "invitations.report",
            "invitations.manage",
            "invitations.issue",
            "invitations.statistics",
        ],
        "reviewer": ["invitations.view", "invitations.manage", "invitations.statistics"],
        "division_head": [
            "invitations.view",
            "invitations.override",
            "invitations.issue",
            "invitations.statistics",
        ],
        "director": [
            "invitations.view",
            "invitations.override",
            "invitations.issue",
            "invitations.statistics",
        ],
        "office_admin": ["invitations.view", "invitations.statistics"],
        "auditor": ["invitations.view", "invitations.statistics"],
    }
    settings_schema = SETTINGS_SCHEMA
    approval_chains = ("invitation",)
    audit_actions = {
        "invitations.create": {"zh": "新建邀请申请", "en": "Invitation application created"},
        "invitations.update": {"zh": "修改邀请申请", "en": "Invitation application edited"},
        "invitations.override_rule": {"zh": "超限放行（邀请）", "en": "Invitation rule overridden"},
        "invitations.record_visit": {"zh": "登记来访人员签证或出入境", "en": "Visa or entry/exit recorded"},
    }
    chain_facts = {
        "invitation": {
            "nationalities": Fact("codes", {"zh": "来访人员国籍", "en": "Invitees' nationalities"}),
            "categories": Fact("codes", {"zh": "来访人员类别", "en": "Invitees' categories"}),
            "invitees": Fact("number", {"zh": "邀请人数", "en": "Number of invitees"}),
            "needs_province": Fact(
                "boolean", {"zh": "须报省外办（按模块设置）", "en": "Needs the province (module settings)"}
            ),
        }
    }
    figures_permission = "invitations.statistics"
    figures = (
        Figure(
            metric="invitations.invitations",
            names={"zh": "批准邀请批次", "en": "Invitations approved"},
            headline=True,
        ),
        Figure(
            metric="invitations.invitees",
            names={"zh": "邀请来华人数", "en": "Foreigners invited"},
            headline=True,
        ),
        Figure(
            metric="invitations.by_country",
            names={"zh": "来华人员国籍", "en": "Invitees by nationality"},
            breakdown="country",
        ),
        Figure(
            metric="invitations.by_kind",
            names={"zh": "来访类别", "en": "Visits by kind"},
            breakdown="choice",
            choices=VISIT_KIND_CHOICES,
        ),
        Figure(
            metric="invitations.overrides",
            names={"zh": "突破规定批准", "en": "Rules overridden"},
            breakdown="rule",
            choices={
                "min_lead_working_days": {"zh": "提前申报时间", "en": "Lead time"},
                "max_invitees": {"zh": "邀请人数", "en": "Number of invitees"},
                "passport_valid_months": {"zh": "护照有效期", "en": "Passport validity"},
            },
        ),
        Figure(
            metric="invitations.overstaying",
            names={"zh": "逾期未报离境人数", "en": "Visitors past planned exit"},
            snapshot=True,
        ),
    )

    calendar_kinds = {"invitation_visit": {"zh": "外宾来访", "en": "Invited visit"}}

    def calendar_entries(self, start: date, end: date, actor=None) -> Iterable[CalendarEntry]:
        """Approved invitations' visits overlapping [start, end) (all-day, arrival to departure)."""
        from apps.invitations import selectors

        return selectors.calendar_entries(start, end, actor)

    def escalation_summary(self, case) -> dict:
        from apps.invitations.models import Invitation

        return summary(Invitation.for_case(case))

    def ensure_demo(self) -> list[str]:
        from apps.invitations import demo

        return demo.ensure_demo()

    def people_lookup(self, actor, q: str) -> list[dict[str, str]]:
        """Visitors of the register (issued invitations) by name, or one by its ref."""
        from apps.invitations import selectors
        from apps.registry.i18n import label

        prefix = "invitations:invitee:"
        if q.startswith(prefix):
            pk = q[len(prefix) :]
            rows = selectors.register(actor).filter(pk=int(pk)) if pk.isdigit() else []
        else:
            rows = selectors.register(actor, q=q)[:20]
        source = label({"zh": "邀请来华人员名册", "en": "Register of invited visitors"})
        return [
            {
                "ref": f"{prefix}{i.pk}",
                "name_latin": i.name_latin,
                "name_zh": i.name_zh,
                "title": i.occupation,
                "organisation": i.employer,
                "country": i.nationality,
                "source": f"{source} · {i.planned_exit:%Y-%m-%d}",
            }
            for i in rows
        ]

    def due_reminders(self, today: date) -> list[Reminder]:
        from apps.invitations import reminders

        return reminders.due_reminders(today)


def summary(invitation) -> dict:
    """What the provincial FAO sees of an escalated invitation (it decides on it)."""
    from apps.casework.summary import Field, Summary, Table
    from apps.invitations.models import CATEGORIES, VISIT_KINDS
    from apps.registry import countries

    return Summary(
        fields=[
            Field(names={"zh": "邀请单位", "en": "Inviting unit"}, value=invitation.unit_name),
            Field(
                names={"zh": "负责人", "en": "Responsible person"},
                value=f"{invitation.responsible_person} {invitation.responsible_phone}",
            ),
            Field(names={"zh": "来访类别", "en": "Kind of visit"}, value=VISIT_KINDS[invitation.visit_kind]),
            Field(names={"zh": "事由", "en": "Purpose"}, value=invitation.purpose),
            Field(
                names={"zh": "来访日期", "en": "Dates"},
                value=f"{invitation.arrival:%Y-%m-%d} – {invitation.departure:%Y-%m-%d}",
            ),
            Field(names={"zh": "访问地点", "en": "Places"}, value=invitation.places),
        ],
        tables=[
            Table(
                names={"zh": "来访人员", "en": "Invitees"},
                columns=[
                    {"zh": "姓名", "en": "Name"},
                    {"zh": "国籍", "en": "Nationality"},
                    {"zh": "出生日期", "en": "Born"},
                    {"zh": "类别", "en": "Category"},
                    {"zh": "职务", "en": "Occupation"},
                    {"zh": "工作单位", "en": "Employer"},
                    {"zh": "护照号", "en": "Passport"},
                ],
                rows=[
                    [
                        f"{i.name_latin} {i.name_zh}".strip(),
                        countries.both(i.nationality),
                        i.birth_date.isoformat(),
                        CATEGORIES[i.category],
                        i.occupation,
                        i.employer,
                        i.passport_number,
                    ]
                    for i in invitation.invitees.all()
                ],
            )
        ],
    ).as_json()
