"""The one action table of an invitation: the detail page's buttons, the web action
endpoint and the API's action endpoints all come from it."""

from django.utils.translation import gettext_lazy as _

from apps.casework.actions import Action, ActionTable
from apps.invitations import serializers as s
from apps.invitations import services

ACTIONS = ActionTable(
    "invitations.invitation",
    [
        Action("submit", run=services.submit, style="primary"),
        Action("approve", style="success"),
        Action(
            "issue",
            run=services.issue_letters,
            style="primary",
            confirm={"zh": "出具后编号即占用，确定出具？", "en": "Numbers are used once issued. Issue now?"},
        ),
        Action(
            "override",
            labels={"zh": "批准突破规定（须说明理由）", "en": "Override a rule (with a reason)"},
            permission="invitations.override",
            input=s.OverrideInput,
            run=services.override_rule,
            states=("draft", "returned"),
            style="warning",
            versioned=False,
            when=lambda record, actor: bool(services.open_breaches(record)),
        ),
        Action(
            "attach",
            labels={
                "zh": "上传附件（护照复印件、日程等）",
                "en": "Attach a file (passport copies, programme)",
            },
            permission="invitations.submit",
            input=s.AttachInput,
            run=services.attach,
            states=("draft", "returned"),
            versioned=False,
        ),
        Action(
            "record_visit",
            labels={"zh": "登记签证和出入境情况", "en": "Record visa, entry and exit"},
            permission="invitations.report",
            input=s.RegisterInput,
            run=services.record_visit,
            states=("issued",),
            versioned=False,
        ),
    ],
    view_permission="invitations.view",
)

__all__ = ["ACTIONS", "_"]
