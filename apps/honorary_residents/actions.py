"""The one action table of a nomination: the detail page's buttons, the web action
endpoint and the API's action endpoints all come from it."""

from apps.casework.actions import Action, ActionTable
from apps.honorary_residents import serializers as s
from apps.honorary_residents import services

ACTIONS = ActionTable(
    "honorary_residents.nomination",
    [
        Action("submit", run=services.submit, style="primary"),
        Action("approve", style="success"),
        Action("record_decision", input=s.DecisionInput, run=services.record_decision, style="primary"),
        Action("record_refusal", input=s.DecisionInput, run=services.record_refusal, style="danger"),
        Action(
            "issue_certificate",
            run=services.issue_certificate,
            style="primary",
            confirm={
                "zh": "颁发后证书编号即占用，确定颁发？",
                "en": "The number is used once issued. Issue now?",
            },
        ),
        Action(
            "update_contacts",
            labels={"zh": "更新联系方式", "en": "Update the contacts"},
            permission="honorary_residents.manage",
            input=s.ContactsInput,
            run=services.update_contacts,
            states=("conferred", "certified"),
            versioned=False,
        ),
        Action(
            "record_visit",
            labels={"zh": "登记来访", "en": "Record a visit"},
            permission="honorary_residents.manage",
            input=s.VisitInput,
            run=services.record_visit,
            states=("certified",),
            versioned=False,
        ),
    ],
    view_permission="honorary_residents.view",
)
