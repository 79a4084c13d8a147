"""Overseas NGOs' activities (境外非政府组织): the office as a professional supervisory unit
(业务主管单位) - the register of representative offices and of organisations running
temporary activities, the Chinese partners' temporary activity filings with the office's
opinion and the public security filing number, and the representative offices' annual
work plans and reports (deadlines from the profile), reviewed, reminded, late listed."""

from __future__ import annotations

from datetime import date

from apps.overseas_ngos import workflow  # noqa: F401  (registers the workflow)
from apps.overseas_ngos.models import FIELDS
from apps.registry.modules import Figure, Module, Reminder, registry

PERMISSIONS = {
    "overseas_ngos.view": {"zh": "查看境外非政府组织临时活动备案", "en": "See temporary activity filings"},
    "overseas_ngos.file": {
        "zh": "填报、提交临时活动备案（中方合作单位）",
        "en": "Prepare and submit temporary activity filings (Chinese partner)",
    },
    "overseas_ngos.manage": {
        "zh": "管理境外非政府组织名录、登记备案号和年度材料",
        "en": "Keep the register, record filing numbers and annual documents",
    },
    "overseas_ngos.review": {
        "zh": "审核代表机构年度材料",
        "en": "Review representative offices' annual documents",
    },
    "overseas_ngos.oversee": {
        "zh": "查看境外非政府组织名录、年度材料和统计",
        "en": "See the register, the annual cycle and the figures",
    },
}
OFFICE = ["overseas_ngos.view", "overseas_ngos.oversee"]
DATE_MMDD = r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


@registry.register
class OverseasNgosModule(Module):
    id = "overseas_ngos"
    names = {"zh": "境外非政府组织活动", "en": "Overseas NGOs' activities"}
    web_urls = "apps.overseas_ngos.urls"
    api_urls = "apps.overseas_ngos.api_urls"
    menu_url_name = "overseas_ngos:list"
    permissions = PERMISSIONS
    role_grants = {
        "submitter": ["overseas_ngos.view", "overseas_ngos.file"],
        "clerk": [*OFFICE, "overseas_ngos.file", "overseas_ngos.manage"],
        "reviewer": [*OFFICE, "overseas_ngos.review"],
        "division_head": [*OFFICE, "overseas_ngos.review"],
        "director": OFFICE,
        "office_admin": OFFICE,
        "auditor": OFFICE,
    }
    settings_schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "plan_due": {
                "type": "string",
                "pattern": DATE_MMDD,
                "default": "12-31",
                "description": "MM-DD of the year before: a representative office's annual work plan is due",
            },
            "report_due": {
                "type": "string",
                "pattern": DATE_MMDD,
                "default": "01-31",
                "description": "MM-DD of the year after: its annual work report is due",
            },
            "remind_before_days": {
                "type": "integer",
                "minimum": 0,
                "default": 15,
                "description": "days before a plan or report is due the office is reminded",
            },
        },
    }
    approval_chains = ("ngo_filing",)
    audit_actions = {
        "overseas_ngos.register": {"zh": "登记境外非政府组织", "en": "Overseas NGO registered"},
        "overseas_ngos.update": {"zh": "修改境外非政府组织登记信息", "en": "Overseas NGO's facts edited"},
        "overseas_ngos.deregister": {"zh": "登记境外非政府组织注销", "en": "Overseas NGO deregistered"},
        "overseas_ngos.create_filing": {"zh": "新建临时活动备案", "en": "Temporary activity filing created"},
        "overseas_ngos.update_filing": {"zh": "修改临时活动备案", "en": "Temporary activity filing edited"},
        "overseas_ngos.record_filing": {
            "zh": "登记公安机关备案号",
            "en": "Public security filing number recorded",
        },
        "overseas_ngos.report_activity": {"zh": "报送活动开展情况", "en": "Activity reported"},
        "overseas_ngos.receive_document": {"zh": "登记代表机构年度材料", "en": "Annual document received"},
        "overseas_ngos.review_document": {"zh": "审核代表机构年度材料", "en": "Annual document reviewed"},
        "overseas_ngos.remind": {"zh": "催报代表机构年度材料", "en": "Representative office reminded"},
    }
    figures_permission = "overseas_ngos.oversee"
    figures = (
        Figure(
            "overseas_ngos.filings",
            {"zh": "境外非政府组织临时活动备案", "en": "Temporary activities filed"},
            headline=True,
        ),
        Figure(
            "overseas_ngos.filings_by_field",
            {"zh": "临时活动（按领域）", "en": "Temporary activities by field"},
            breakdown="choice",
            choices=FIELDS,
        ),
        Figure(
            "overseas_ngos.filings_by_country",
            {
                "zh": "临时活动（按组织所属国家或地区）",
                "en": "Temporary activities by the organisation's country",
            },
            breakdown="country",
        ),
        Figure(
            "overseas_ngos.organisations_by_field",
            {
                "zh": "登记入册的境外非政府组织（按领域）",
                "en": "Overseas NGOs entered in the register, by field",
            },
            breakdown="choice",
            choices=FIELDS,
        ),
        Figure(
            "overseas_ngos.organisations_by_country",
            {
                "zh": "登记入册的境外非政府组织（按国家或地区）",
                "en": "Overseas NGOs entered in the register, by country",
            },
            breakdown="country",
        ),
        Figure(
            "overseas_ngos.annual_late",
            {"zh": "代表机构年度材料逾期未报", "en": "Annual documents late"},
            snapshot=True,
        ),
    )

    def ensure_demo(self) -> list[str]:
        from apps.overseas_ngos import demo

        return demo.ensure_demo()

    def due_reminders(self, today: date) -> list[Reminder]:
        from apps.overseas_ngos import reminders

        return reminders.due_reminders(today)
