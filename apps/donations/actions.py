"""The one action table of a donation: the detail page's buttons, the web action endpoint
and the API's action endpoints all come from it."""

from apps.casework.actions import Action, ActionTable
from apps.donations import serializers as s
from apps.donations import services

AFTER_ACCEPTANCE = ("accepted", "certified", "received", "in_use", "completed")

ACTIONS = ActionTable(
    "donations.donation",
    [
        Action("submit", run=services.submit, style="primary"),
        Action("approve", style="success"),
        Action(
            "issue_certificate",
            run=services.issue_certificate,
            style="primary",
            confirm={"zh": "出具后编号即占用，确定出具？", "en": "Numbers are used once issued. Issue now?"},
        ),
        Action("receive", input=s.ReceiptInput, run=services.record_receipt, style="primary"),
        Action(
            "add_receipt",
            labels={"zh": "登记又一笔接收", "en": "Record a further receipt"},
            permission="donations.report",
            input=s.ReceiptInput,
            run=services.record_receipt,
            states=("received", "in_use"),
            versioned=False,
        ),
        Action("plan_use", input=s.UsePlanInput, run=services.plan_use, style="primary"),
        Action(
            "report_progress",
            labels={"zh": "报告使用进展", "en": "Report progress"},
            permission="donations.report",
            input=s.ProgressInput,
            run=services.report_progress,
            states=("in_use",),
            style="primary",
            versioned=False,
        ),
        Action("complete", input=s.CompleteInput, run=services.complete, style="success"),
        Action(
            "send_use_report",
            labels={"zh": "向捐赠方报告使用情况", "en": "Send the use report to the donor"},
            permission="donations.manage",
            input=s.SendReportInput,
            run=services.send_use_report,
            states=("in_use", "completed"),
            versioned=False,
        ),
        Action(
            "attach",
            labels={"zh": "上传附件（捐赠意向书、报关单、免税证明等）", "en": "Attach a document"},
            permission="donations.submit",
            input=s.AttachInput,
            run=services.attach,
            states=("draft", "returned", *AFTER_ACCEPTANCE),
            versioned=False,
        ),
    ],
    view_permission="donations.view",
)
