"""What every module's API shows of a case: state, step, version, history, the actions
the caller may take; and the one translation of a stale version into HTTP 409."""

from __future__ import annotations

import contextlib

from rest_framework import serializers

from apps.casework.models import Case, CaseEvent
from apps.casework.services import StaleCase, transitions_for
from apps.casework.workflows import get_workflow
from apps.registry.api_errors import Conflict
from apps.registry.i18n import label


@contextlib.contextmanager
def conflict_on_stale():
    try:
        yield
    except StaleCase as error:
        raise Conflict() from error


class CaseEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseEvent
        fields = ["occurred_at", "actor_name", "actor_role", "actor_org", "transition", "from_state",
                  "to_state", "step", "comment"]  # fmt: skip
        read_only_fields = fields


class CaseSerializer(serializers.ModelSerializer):
    state_label = serializers.SerializerMethodField()
    awaiting_role = serializers.CharField(source="current_role", read_only=True, allow_null=True)
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = ["id", "state", "state_label", "version", "chain", "escalate", "step", "awaiting_role",
                  "submitted_at", "decided_at", "actions"]  # fmt: skip
        read_only_fields = fields

    def get_state_label(self, case) -> str:
        return label(get_workflow(case.workflow).states[case.state], case.state)

    def get_actions(self, case) -> list[str]:
        request = self.context.get("request")
        if request is None:
            return []
        return [transition.name for transition in transitions_for(case, request.user)]


class TransitionSerializer(serializers.Serializer):
    transition = serializers.CharField()
    version = serializers.IntegerField(min_value=1)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
