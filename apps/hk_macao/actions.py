"""The one action table of an official exchange with Hong Kong or Macao."""

from apps.casework.actions import Action, ActionTable
from apps.hk_macao import serializers as s
from apps.hk_macao import services

ACTIONS = ActionTable(
    "hk_macao.exchange",
    [
        Action("submit", run=services.submit, style="primary"),
        Action("approve", style="success"),
        Action("record_outcome", input=s.OutcomeInput, run=services.record_outcome, style="primary"),
    ],
    view_permission="hk_macao.view",
)
