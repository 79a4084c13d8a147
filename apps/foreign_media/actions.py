"""The one action table of an interview request: the detail page's buttons, the web action
endpoint and the API's action endpoints all come from it."""

from apps.casework.actions import Action, ActionTable
from apps.foreign_media import serializers as s
from apps.foreign_media import services

ACTIONS = ActionTable(
    "foreign_media.interview",
    [
        Action("request_consent", style="primary"),
        Action("consent", run=services.consent, style="success"),
        Action("decline", style="danger"),
        Action("approve", style="success"),
        Action("arrange", input=s.ArrangementInput, run=services.arrange, style="primary"),
        Action("complete", style="primary"),
        Action(
            "record_article",
            labels={"zh": "登记采访后报道", "en": "Record an article published"},
            permission="foreign_media.manage",
            input=s.ArticleInput,
            run=services.record_article,
            states=("arranged", "done"),
            versioned=False,
        ),
    ],
    view_permission="foreign_media.view",
)
