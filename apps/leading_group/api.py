"""The Leading Group office's API: meetings and their actions, follow-up tasks and theirs
(from the action tables), agenda items, key points, the supervision sheet."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action

from apps.casework.actions import ActionsViewSetMixin
from apps.casework.inputs import validated
from apps.leading_group import exports, selectors, services
from apps.leading_group import serializers as s
from apps.leading_group.actions import MEETING_ACTIONS, TASK_ACTIONS
from apps.leading_group.models import AgendaItem, KeyPoint, Meeting, Task


def _paginated(viewset, queryset, model):
    ids = viewset.paginate_queryset(queryset.values_list("pk", flat=True))
    rows = (
        model.objects.select_related("case").in_bulk(ids)
        if hasattr(model, "case")
        else model.objects.in_bulk(ids)
    )
    return viewset.get_paginated_response(viewset.get_serializer([rows[pk] for pk in ids], many=True).data)


class MeetingViewSet(
    ActionsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    action_table = MEETING_ACTIONS
    record_serializer_class = s.MeetingSerializer
    required_permissions = {
        "list": "leading_group.oversee",
        "retrieve": "leading_group.oversee",
        "create": "leading_group.manage",
        "sheet": "leading_group.oversee",
    }

    def get_serializer_class(self):
        return s.MeetingListSerializer if self.action == "list" else s.MeetingSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Meeting.objects.none()
        if self.action != "list":
            return selectors.meetings_for(self.request.user).prefetch_related(
                "agenda_items", "attendance", "decisions"
            )
        return selectors.search_meetings(
            self.request.user, **validated(s.MeetingFilter, self.request.query_params)
        )

    @extend_schema(parameters=[s.MeetingFilter])
    def list(self, request, *args, **kwargs):
        """Meetings, latest first, paginated (``limit``, ``offset``)."""
        return _paginated(self, self.get_queryset(), Meeting)

    @extend_schema(request=s.MeetingInput, responses={201: s.MeetingSerializer})
    def create(self, request):
        data = validated(s.MeetingInput, request.data, context={"request": request})
        return self.record_response(services.create_meeting(actor=request.user, data=data), status=201)

    @extend_schema(responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="application/pdf")})
    @action(detail=True, methods=["get"])
    def sheet(self, request, pk=None):
        """The meeting's supervision sheet (督办单) as PDF."""
        return HttpResponse(exports.supervision_sheet_pdf(self.get_object()), content_type="application/pdf")


class TaskViewSet(
    ActionsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Follow-up tasks (督办事项): a department's submitter sees and answers its own only."""

    action_table = TASK_ACTIONS
    record_serializer_class = s.TaskSerializer
    required_permissions = {
        "list": "leading_group.view",
        "retrieve": "leading_group.view",
        "create": "leading_group.manage",
    }

    def get_serializer_class(self):
        return s.TaskListSerializer if self.action == "list" else s.TaskSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Task.objects.none()
        if self.action != "list":
            return selectors.tasks_for(self.request.user).prefetch_related("reports__reported_by")
        return selectors.search_tasks(self.request.user, **validated(s.TaskFilter, self.request.query_params))

    @extend_schema(parameters=[s.TaskFilter])
    def list(self, request, *args, **kwargs):
        """Tasks by deadline; ``status=overdue`` is the overdue list. Paginated."""
        return _paginated(self, self.get_queryset(), Task)

    @extend_schema(request=s.TaskInput, responses={201: s.TaskSerializer})
    def create(self, request):
        """Assigns a task to a department, from a decision or a key point."""
        data = validated(s.TaskInput, request.data, context={"request": request})
        return self.record_response(services.assign_task(actor=request.user, data=data), status=201)


class AgendaItemViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Agenda items: a department's own proposals (the office's: all)."""

    serializer_class = s.AgendaItemSerializer
    required_permissions = {"list": "leading_group.propose", "create": "leading_group.propose"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AgendaItem.objects.none()
        return selectors.agenda_items_for(self.request.user)

    @extend_schema(request=s.AgendaItemInput, responses={201: s.AgendaItemSerializer})
    def create(self, request):
        data = validated(s.AgendaItemInput, request.data, context={"request": request})
        item = services.propose_item(actor=request.user, data=data)
        from rest_framework.response import Response

        return Response(s.AgendaItemSerializer(item).data, status=201)


class KeyPointViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.KeyPointSerializer
    required_permissions = {
        "list": "leading_group.oversee",
        "retrieve": "leading_group.oversee",
        "create": "leading_group.manage",
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return KeyPoint.objects.none()
        year = self.request.query_params.get("year")
        year = int(year) if (year or "").isdigit() and len(year) == 4 else None
        return selectors.key_points_for(self.request.user, year=year)

    @extend_schema(request=s.KeyPointInput, responses={201: s.KeyPointSerializer})
    def create(self, request):
        from rest_framework.response import Response

        data = validated(s.KeyPointInput, request.data, context={"request": request})
        return Response(
            s.KeyPointSerializer(services.create_key_point(actor=request.user, data=data)).data, status=201
        )
