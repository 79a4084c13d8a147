"""The friendship association's API: activities (and their report), council members."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.casework.inputs import validated
from apps.friendship import selectors, services
from apps.friendship import serializers as s
from apps.friendship.models import Activity, CouncilMember


class ActivityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ActivitySerializer
    required_permissions = {
        "list": "friendship.view",
        "retrieve": "friendship.view",
        "create": "friendship.manage",
        "update": "friendship.manage",
        "report": "friendship.manage",
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False) or self.action != "list":
            return Activity.objects.select_related("report")
        return selectors.activities(**validated(s.ActivityFilter, self.request.query_params))

    @extend_schema(parameters=[s.ActivityFilter])
    def list(self, request, *args, **kwargs):
        """Activities, latest first, paginated (``limit``, ``offset``)."""
        return super().list(request, *args, **kwargs)

    def _answer(self, activity, status=200):
        return Response(s.ActivitySerializer(self.get_queryset().get(pk=activity.pk)).data, status=status)

    @extend_schema(request=s.ActivityInput, responses={201: s.ActivitySerializer})
    def create(self, request):
        data = validated(s.ActivityInput, request.data, context={"request": request})
        return self._answer(services.save_activity(actor=request.user, data=data), status=201)

    @extend_schema(request=s.ActivityInput, responses=s.ActivitySerializer)
    def update(self, request, pk=None):
        activity = self.get_object()
        data = validated(s.ActivityInput, request.data, context={"request": request})
        return self._answer(services.save_activity(actor=request.user, data=data, activity=activity))

    @extend_schema(request=s.ReportInput, responses=s.ActivitySerializer)
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        """Files the activity's report (once it has taken place; one per activity)."""
        activity = self.get_object()
        data = validated(s.ReportInput, request.data, context={"request": request})
        services.file_report(actor=request.user, activity=activity, data=data)
        return self._answer(activity)


class CouncilViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.MemberSerializer
    required_permissions = {
        "list": "friendship.view",
        "create": "friendship.manage",
        "update": "friendship.manage",
    }

    def get_queryset(self):
        return selectors.council()

    @extend_schema(request=s.MemberInput, responses={201: s.MemberSerializer})
    def create(self, request):
        data = validated(s.MemberInput, request.data, context={"request": request})
        return Response(
            s.MemberSerializer(services.save_member(actor=request.user, data=data)).data, status=201
        )

    @extend_schema(request=s.MemberInput, responses=s.MemberSerializer)
    def update(self, request, pk=None):
        member = get_object_or_404(CouncilMember, pk=pk)
        data = validated(s.MemberInput, request.data, context={"request": request})
        member = services.save_member(actor=request.user, data=data, member=member)
        return Response(s.MemberSerializer(member).data)
