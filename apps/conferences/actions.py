"""The one action table of a conference: the detail page's buttons, the web action
endpoint and the API's action endpoints all come from it."""

from apps.casework.actions import Action, ActionTable
from apps.conferences import serializers as s
from apps.conferences import services

ACTIONS = ActionTable(
    "conferences.conference",
    [
        Action("submit", run=services.submit, style="primary"),
        Action("approve", style="success"),
        Action(
            "issue",
            run=services.issue_approval,
            style="primary",
            confirm={
                "zh": "出具后编号即占用，确定出具？",
                "en": "The number is used once issued. Issue now?",
            },
        ),
        Action("file_report", input=s.ReportInput, run=services.file_report, style="primary"),
    ],
    view_permission="conferences.view",
)
