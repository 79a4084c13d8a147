"""The overseas Chinese affairs module (侨务): the register of returned overseas Chinese,
relatives, overseas Chinese and ethnic Chinese abroad and of associations and enterprises
(sensitive personal data); identity confirmation (归侨侨眷身份确认); complaints and rights
protection (侨益保护、侨务信访) with a public form and tracking code; returned overseas
Chinese settling in the city; emergencies and Taiwan-related items (restricted)."""

from __future__ import annotations

from datetime import date

from apps.overseas_chinese import workflow  # noqa: F401  (registers the workflows)
from apps.registry.modules import Fact, Figure, Module, Reminder, registry

PERMISSIONS = {
    "overseas_chinese.view_people": {"zh": "查看侨界人士和侨团侨企档案", "en": "See the register of people"},
    "overseas_chinese.manage_people": {
        "zh": "登记、修改侨界人士档案",
        "en": "Record people and organisations",
    },
    "overseas_chinese.export_people": {
        "zh": "导出侨界人士档案（证件号码隐去）",
        "en": "Export the register (numbers masked)",
    },
    "overseas_chinese.view_identity": {"zh": "查看归侨侨眷身份确认申请", "en": "See identity confirmations"},
    "overseas_chinese.apply_identity": {
        "zh": "填报归侨侨眷身份确认申请",
        "en": "Apply for identity confirmation",
    },
    "overseas_chinese.issue_certificate": {"zh": "出具身份确认证明", "en": "Issue identity certificates"},
    "overseas_chinese.view_complaints": {"zh": "查看侨务信访投诉", "en": "See complaints"},
    "overseas_chinese.handle_complaints": {"zh": "办理侨务信访投诉", "en": "Handle complaints"},
    "overseas_chinese.answer_transfers": {"zh": "回复转办的信访事项", "en": "Answer transferred complaints"},
    "overseas_chinese.view_settlements": {"zh": "查看归侨安置", "en": "See settlements"},
    "overseas_chinese.manage_settlements": {"zh": "办理归侨安置", "en": "Handle settlements"},
    "overseas_chinese.answer_tasks": {"zh": "回复安置任务", "en": "Answer settlement tasks"},
    "overseas_chinese.restricted": {
        "zh": "查看和办理涉侨突发事件、涉台事务（限制访问）",
        "en": "See and handle emergencies and Taiwan-related items (restricted)",
    },
    "overseas_chinese.statistics": {"zh": "查看侨务统计", "en": "See overseas Chinese affairs figures"},
}
_OFFICE_READ = [
    "overseas_chinese.view_people",
    "overseas_chinese.view_identity",
    "overseas_chinese.view_complaints",
    "overseas_chinese.view_settlements",
]
SETTINGS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "identity_deadline_working_days": {
            "type": "integer",
            "minimum": 1,
            "default": 20,
            "description": "working days to decide an identity confirmation after submission",
        },
        "complaint_accept_working_days": {
            "type": "integer",
            "minimum": 1,
            "default": 15,
            "description": "working days to decide whether a complaint is accepted",
        },
        "complaint_handle_working_days": {
            "type": "integer",
            "minimum": 1,
            "default": 60,
            "description": "working days to handle an accepted complaint",
        },
        "complaint_extension_working_days": {
            "type": "integer",
            "minimum": 1,
            "default": 30,
            "description": "working days of the one extension allowed (with a reason)",
        },
        "tracking_lookups_per_hour": {
            "type": "integer",
            "minimum": 1,
            "default": 20,
            "description": "lookups of tracking codes one address may make per hour",
        },
        "online_complaints_per_hour": {
            "type": "integer",
            "minimum": 1,
            "default": 10,
            "description": "online complaints one address may send per hour",
        },
    },
}
CHANNEL_CHOICES = {
    "visit": {"zh": "来访", "en": "Visit"},
    "letter": {"zh": "来信", "en": "Letter"},
    "phone": {"zh": "来电", "en": "Telephone"},
    "online": {"zh": "网上投诉", "en": "Online form"},
}


@registry.register
class OverseasChineseModule(Module):
    id = "overseas_chinese"
    names = {"zh": "侨务工作", "en": "Overseas Chinese affairs"}
    web_urls = "apps.overseas_chinese.urls"
    api_urls = "apps.overseas_chinese.api_urls"
    menu_url_name = "overseas_chinese:index"
    permissions = PERMISSIONS
    role_grants = {
        "submitter": [
            "overseas_chinese.view_identity",
            "overseas_chinese.apply_identity",
            "overseas_chinese.view_complaints",
            "overseas_chinese.answer_transfers",
            "overseas_chinese.answer_tasks",
        ],
        "clerk": [
            *_OFFICE_READ,
            "overseas_chinese.manage_people",
            "overseas_chinese.apply_identity",
            "overseas_chinese.issue_certificate",
            "overseas_chinese.handle_complaints",
            "overseas_chinese.manage_settlements",
        ],
        "reviewer": [*_OFFICE_READ],
        "division_head": [
            *_OFFICE_READ,
            "overseas_chinese.export_people",
            "overseas_chinese.handle_complaints",
            "overseas_chinese.restricted",
            "overseas_chinese.statistics",
        ],
        "director": [
            *_OFFICE_READ,
            "overseas_chinese.export_people",
            "overseas_chinese.restricted",
            "overseas_chinese.statistics",
        ],
        "office_admin": ["overseas_chinese.statistics"],
        "auditor": ["overseas_chinese.statistics"],
    }
    settings_schema = SETTINGS_SCHEMA
    approval_chains = ("overseas_identity",)
    chain_facts = {
        "overseas_identity": {
            "claim": Fact("codes", {"zh": "申请确认的身份", "en": "Identity claimed"}),
        }
    }
    audit_actions = {
        "overseas_chinese.person_create": {"zh": "登记侨界人士", "en": "Person recorded"},
        "overseas_chinese.person_update": {"zh": "修改侨界人士档案", "en": "Person's record changed"},
        "overseas_chinese.view_person": {"zh": "查看侨界人士完整档案", "en": "Person's full record viewed"},
        "overseas_chinese.view_organisation": {
            "zh": "查看侨团侨企档案",
            "en": "Organisation's record viewed",
        },
        "overseas_chinese.view_identity": {"zh": "查看身份确认申请", "en": "Identity application viewed"},
        "overseas_chinese.export": {"zh": "导出侨务档案", "en": "Register exported"},
        "overseas_chinese.organisation_create": {"zh": "登记侨团侨企", "en": "Organisation recorded"},
        "overseas_chinese.identity_create": {"zh": "新建身份确认申请", "en": "Identity application created"},
        "overseas_chinese.identity_update": {"zh": "修改身份确认申请", "en": "Identity application changed"},
        "overseas_chinese.complaint_receive": {"zh": "登记信访投诉", "en": "Complaint received"},
        "overseas_chinese.complaint_transfer": {"zh": "转办信访投诉", "en": "Complaint transferred"},
        "overseas_chinese.complaint_extend": {"zh": "延长办理期限", "en": "Handling deadline extended"},
        "overseas_chinese.complaint_rated": {"zh": "投诉人评价", "en": "Complainant's rating"},
        "overseas_chinese.settlement_create": {"zh": "登记归侨安置", "en": "Settlement recorded"},
        "overseas_chinese.settlement_close": {"zh": "安置办结", "en": "Settlement closed"},
        "overseas_chinese.task_hand": {"zh": "交办安置任务", "en": "Settlement task handed"},
        "overseas_chinese.task_answer": {"zh": "回复安置任务", "en": "Settlement task answered"},
        "overseas_chinese.restricted_create": {"zh": "登记限制访问事项", "en": "Restricted item recorded"},
        "overseas_chinese.restricted_close": {"zh": "限制访问事项办结", "en": "Restricted item closed"},
    }
    restricted_objects = {"overseas_chinese.restrictedmatter": "overseas_chinese.restricted"}
    # Evidence and certificates of identity applications carry identity numbers.
    private_documents = {"overseas_chinese.identityconfirmation": "overseas_chinese.view_identity"}
    figures_permission = "overseas_chinese.statistics"
    figures = (
        Figure(
            metric="overseas_chinese.complaints",
            names={"zh": "侨务信访投诉", "en": "Complaints received"},
            headline=True,
        ),
        Figure(
            metric="overseas_chinese.complaints_by_channel",
            names={"zh": "信访投诉渠道", "en": "Complaints by channel"},
            breakdown="choice",
            choices=CHANNEL_CHOICES,
        ),
        Figure(
            metric="overseas_chinese.identities",
            names={"zh": "归侨侨眷身份确认", "en": "Identities confirmed"},
            breakdown="choice",
            choices={
                "returnee": {"zh": "归侨", "en": "Returned overseas Chinese"},
                "relative": {"zh": "侨眷", "en": "Relatives"},
            },
        ),
        Figure(metric="overseas_chinese.settled", names={"zh": "归侨安置办结", "en": "Returnees settled"}),
        Figure(
            metric="overseas_chinese.complaints_overdue",
            names={"zh": "逾期未办结信访", "en": "Complaints overdue"},
            snapshot=True,
        ),
    )

    def waiting_for(self, actor) -> list:
        """Complaints to accept (handlers), complaints transferred to the user's unit and
        its unanswered settlement tasks (departments). Restricted records never appear."""
        from apps.overseas_chinese import selectors

        return selectors.waiting_for(actor)

    def ensure_demo(self) -> list[str]:
        from apps.overseas_chinese import demo

        return demo.ensure_demo()

    def due_reminders(self, today: date) -> list[Reminder]:
        from apps.overseas_chinese import reminders

        return reminders.due_reminders(today)
