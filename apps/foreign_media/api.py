"""The media API: interview requests and their actions (from the one action table), the
register of journalists, new outlets."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.casework.actions import ActionsViewSetMixin
from apps.casework.api import CaseEventSerializer
from apps.casework.inputs import validated
from apps.foreign_media import selectors, services
from apps.foreign_media import serializers as s
from apps.foreign_media.actions import ACTIONS
from apps.foreign_media.models import InterviewRequest, Journalist


class InterviewViewSet(
    ActionsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    action_table = ACTIONS
    record_serializer_class = s.InterviewSerializer
    required_permissions = {
        "list": "foreign_media.view",
        "retrieve": "foreign_media.view",
        "create": "foreign_media.manage",
        "update": "foreign_media.manage",
        "history": "foreign_media.view",
    }

    def get_serializer_class(self):
        return s.InterviewListSerializer if self.action == "list" else s.InterviewSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return InterviewRequest.objects.none()
        if self.action != "list":
            return selectors.interviews_for(self.request.user).prefetch_related("articles")
        return selectors.search(self.request.user, **validated(s.ListFilter, self.request.query_params))

    @extend_schema(parameters=[s.ListFilter])
    def list(self, request, *args, **kwargs):
        """Interview requests, latest first, paginated (``limit``, ``offset``)."""
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.InterviewInput, responses={201: s.InterviewSerializer})
    def create(self, request):
        data = validated(s.InterviewInput, request.data, context={"request": request})
        return self.record_response(services.create_interview(actor=request.user, data=data), status=201)

    @extend_schema(request=s.InterviewInput, responses=s.InterviewSerializer)
    def update(self, request, pk=None):
        interview = self.get_object()
        data = validated(s.InterviewInput, request.data, context={"request": request})
        return self.record_response(
            services.update_interview(actor=request.user, interview=interview, data=data)
        )

    @extend_schema(responses=CaseEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        return Response(CaseEventSerializer(self.get_object().case.events.all(), many=True).data)


class JournalistViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The register of accredited journalists (by press card), with their interviews."""

    serializer_class = s.JournalistSerializer
    required_permissions = {
        "list": "foreign_media.register",
        "create": "foreign_media.register",
        "outlet": "foreign_media.register",
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Journalist.objects.none()
        return selectors.journalists(**validated(s.JournalistFilter, self.request.query_params))

    @extend_schema(parameters=[s.JournalistFilter])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.JournalistInput, responses={201: s.JournalistSerializer})
    def create(self, request):
        data = validated(s.JournalistInput, request.data, context={"request": request})
        journalist = services.register_journalist(actor=request.user, data=data)
        return Response(
            s.JournalistSerializer(selectors.journalists().get(pk=journalist.pk)).data, status=201
        )

    @extend_schema(request=s.OutletInput, responses={201: s.OutletInput})
    @action(detail=False, methods=["post"])
    def outlet(self, request):
        """A new media outlet in the register of partners; answers its id."""
        data = validated(s.OutletInput, request.data, context={"request": request})
        outlet = services.add_outlet(actor=request.user, data=data)
        return Response({"id": outlet.pk, "name": outlet.display_name}, status=201)
