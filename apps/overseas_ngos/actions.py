"""The one action table of a temporary activity filing: the detail page's buttons, the web
action endpoint and the API's action endpoints all come from it."""

from django.utils import timezone

from apps.casework.actions import Action, ActionTable
from apps.overseas_ngos import serializers as s
from apps.overseas_ngos import services

ACTIONS = ActionTable(
    "overseas_ngos.filing",
    [
        Action("submit", style="primary"),
        Action("approve", style="success"),
        Action(
            "record_filing",
            input=s.RecordFilingInput,
            run=services.record_filing,
            style="primary",
            comment="none",
        ),
        Action(
            "report_activity",
            input=s.ReportInput,
            run=services.report_activity,
            style="primary",
            comment="none",
            when=lambda record, actor: timezone.localdate() >= record.end,  # afterwards only
        ),
        Action(
            "attach",
            labels={"zh": "上传附件（活动方案、合作协议等）", "en": "Attach a file (programme, agreement)"},
            permission="overseas_ngos.file",
            input=s.AttachInput,
            run=services.attach,
            states=("draft", "returned"),
            versioned=False,
        ),
    ],
    view_permission="overseas_ngos.view",
)
