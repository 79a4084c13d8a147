"""The audit log through the API (office administrators and auditors)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from apps.accounts.access import has_permission, user_permissions
from apps.audit import selectors
from apps.audit.models import AuditEntry


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "occurred_at",
            "actor_username",
            "actor_role",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "before",
            "after",
        ]
        read_only_fields = fields


FILTERS = [
    OpenApiParameter(name, str, description=description)
    for name, description in [
        ("object_type", "e.g. accounts.user"),
        ("object_id", "the object's id"),
        ("action", "prefix of the action, e.g. accounts."),
        ("actor", "user name of the actor"),
    ]
]


@extend_schema_view(list=extend_schema(parameters=FILTERS, summary="Audit log, newest first"))
class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AuditEntrySerializer
    required_permissions = {"list": "audit.view", "retrieve": "audit.view"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the types
            return AuditEntry.objects.none()
        params = self.request.query_params
        return selectors.audit_entries(
            can_read=has_permission(self.request, "audit.view"),
            granted=user_permissions(self.request),
            object_type=params.get("object_type", ""),
            object_id=params.get("object_id", ""),
            action=params.get("action", ""),
            actor=params.get("actor", ""),
        )
