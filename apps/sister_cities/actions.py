"""The one action table of a sister-city relationship: the detail page's buttons, the web
action endpoint and the API's action endpoints all come from it."""

from apps.casework.actions import Action, ActionTable
from apps.sister_cities import serializers as s
from apps.sister_cities import services

ACTIONS = ActionTable(
    "sister_cities.relationship",
    [
        Action("submit", run=services.submit, style="primary"),
        Action("approve", style="success"),
        Action(
            "attach",
            labels={"zh": "上传附件（协议草案等）", "en": "Attach a file (the draft agreement)"},
            permission="sister_cities.submit",
            input=s.AttachInput,
            run=services.attach,
            states=("draft", "returned"),
            versioned=False,
        ),
        Action(
            "record_national_approval",
            input=s.NationalApprovalInput,
            run=services.record_national_approval,
            style="primary",
        ),
        Action("sign", input=s.SignInput, run=services.sign, style="primary"),
        Action(
            "renew",
            labels={"zh": "协议续签", "en": "Renew the agreement"},
            permission="sister_cities.manage",
            input=s.RenewInput,
            run=services.renew,
            states=("signed",),
            versioned=False,
        ),
        Action(
            "add_exchange",
            labels={"zh": "登记交流", "en": "Record an exchange"},
            permission="sister_cities.manage",
            input=s.ExchangeInput,
            run=services.add_exchange,
            states=("signed",),
            versioned=False,
            style="primary",
        ),
        Action(
            "set_plan",
            labels={"zh": "登记年度交流计划", "en": "Record the annual plan"},
            permission="sister_cities.manage",
            input=s.PlanInput,
            run=services.set_plan,
            states=("signed",),
            versioned=False,
        ),
    ],
    view_permission="sister_cities.view",
)
