"""The caller's own inbox through the API."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.notifications import selectors, services
from apps.notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    is_read = serializers.BooleanField(read_only=True)
    is_done = serializers.BooleanField(read_only=True)
    subject = serializers.CharField(source="localized_subject", read_only=True, help_text="in your language")
    body = serializers.CharField(source="localized_body", read_only=True, help_text="in your language")

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "subject",
            "body",
            "url",
            "subject_type",
            "subject_id",
            "created_at",
            "read_at",
            "is_read",
            "done_at",
            "is_done",
        ]
        read_only_fields = fields


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        max_length=1000,
        help_text="Ids to mark read; leave out to mark all of your notifications read.",
    )


MarkReadResult = inline_serializer(
    "MarkReadResult", {"marked": serializers.IntegerField(), "unread": serializers.IntegerField()}
)


@extend_schema_view(
    list=extend_schema(
        summary="Your notifications, newest first",
        parameters=[OpenApiParameter("unread", bool, description="only the unread ones")],
    ),
    mark_read=extend_schema(
        summary="Mark your notifications read", request=MarkReadSerializer, responses=MarkReadResult
    ),
)
class InboxViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = NotificationSerializer
    required_permissions = {"list": "core.view_home", "mark_read": "core.view_home"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the types
            return Notification.objects.none()
        unread = self.request.query_params.get("unread", "").lower() in {"1", "true", "yes"}
        return selectors.inbox_for(self.request.user, unread_only=unread)

    @action(detail=False, methods=["post"], url_path="mark-read")
    def mark_read(self, request):
        data = MarkReadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        marked = services.mark_read(actor=request.user, ids=data.validated_data.get("ids"))
        return Response({"marked": marked, "unread": selectors.unread_count(request.user)})
