"""The trips API: delegations, their case actions, the travel-document ledger."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.casework import services as casework
from apps.casework.api import CaseEventSerializer, TransitionSerializer, conflict_on_stale
from apps.trips import selectors, services, statistics
from apps.trips import serializers as s
from apps.trips.models import Delegation, TravelDocument

ENGINE_TRANSITIONS = {"approve", "return", "reject", "withdraw", "release"}


class DelegationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    required_permissions = {
        "list": "trips.view",
        "retrieve": "trips.view",
        "create": "trips.submit",
        "update": "trips.submit",
        "submit": "trips.submit",
        "transition": "trips.view",
        "history": "trips.view",
        "objection": "trips.manage",
        "override": "trips.override",
        "acknowledge": "trips.manage",
        "issue": "trips.issue",
        "report": "trips.report",
        "invitation": "trips.submit",
    }

    def get_serializer_class(self):
        if getattr(self, "swagger_fake_view", False) or self.action == "retrieve":
            return s.DelegationSerializer
        return s.DelegationListSerializer if self.action == "list" else s.DelegationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Delegation.objects.none()
        if self.action != "list":
            return selectors.delegations_for(self.request.user).prefetch_related(
                "members", "destinations", "overrides__decided_by"
            )
        filters = s.ListFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)  # 400 naming the bad parameter
        return selectors.search(self.request.user, **filters.validated_data)

    @extend_schema(parameters=[s.ListFilterSerializer])
    def list(self, request, *args, **kwargs):
        """Delegations, newest departure first, paginated (``limit``, ``offset``)."""
        # The page's ids first (an index scan, however deep the page), then only its rows.
        ids = self.paginate_queryset(self.get_queryset().values_list("pk", flat=True))
        rows = Delegation.objects.select_related("case").in_bulk(ids)
        page = [rows[pk] for pk in ids]
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _answer(self, delegation: Delegation, status: int = 200) -> Response:
        fresh = self.get_queryset().get(pk=delegation.pk)
        return Response(s.DelegationSerializer(fresh, context={"request": self.request}).data, status=status)

    def _input(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(request=s.DelegationInputSerializer, responses=s.DelegationSerializer)
    def create(self, request):
        delegation = services.create_delegation(
            actor=request.user, data=self._input(s.DelegationInputSerializer)
        )
        return self._answer(delegation, status=201)

    @extend_schema(request=s.DelegationInputSerializer, responses=s.DelegationSerializer)
    def update(self, request, pk=None):
        delegation = self.get_object()
        data = self._input(s.DelegationInputSerializer)
        delegation = services.update_delegation(actor=request.user, delegation=delegation, data=data)
        return self._answer(delegation)

    @extend_schema(request=s.VersionSerializer, responses=s.DelegationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        delegation = self.get_object()
        data = self._input(s.VersionSerializer)
        with conflict_on_stale():
            delegation = services.submit(actor=request.user, delegation=delegation, version=data["version"])
        return self._answer(delegation)

    @extend_schema(request=TransitionSerializer, responses=s.DelegationSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """approve, return, reject (by the current step's role), withdraw, release."""
        delegation = self.get_object()
        data = self._input(TransitionSerializer)
        if data["transition"] not in ENGINE_TRANSITIONS:
            raise s.serializers.ValidationError({"transition": [f"one of {sorted(ENGINE_TRANSITIONS)}"]})
        with conflict_on_stale():
            casework.perform(
                case=delegation.case,
                name=data["transition"],
                actor=request.user,
                comment=data["comment"],
                version=data["version"],
            )
        return self._answer(delegation)

    @extend_schema(responses=CaseEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        events = self.get_object().case.events.all()
        return Response(CaseEventSerializer(events, many=True).data)

    @extend_schema(request=s.ObjectionSerializer, responses=s.DelegationSerializer)
    @action(detail=True, methods=["post"])
    def objection(self, request, pk=None):
        delegation = self.get_object()
        data = self._input(s.ObjectionSerializer)
        with conflict_on_stale():
            delegation = services.record_objection(
                actor=request.user,
                delegation=delegation,
                objection=data["objection"],
                version=data["version"],
            )
        return self._answer(delegation)

    @extend_schema(request=s.OverrideInputSerializer, responses=s.DelegationSerializer)
    @action(detail=True, methods=["post"])
    def override(self, request, pk=None):
        delegation = self.get_object()
        data = self._input(s.OverrideInputSerializer)
        services.override_limit(actor=request.user, delegation=delegation, **data)
        return self._answer(delegation)

    @extend_schema(request=None, responses=s.DelegationSerializer)
    @action(detail=True, methods=["post"], url_path=r"members/(?P<member_id>\d+)/acknowledge")
    def acknowledge(self, request, pk=None, member_id=None):
        delegation = self.get_object()
        member = get_object_or_404(delegation.members.all(), pk=member_id)
        services.acknowledge_education(actor=request.user, member=member)
        return self._answer(delegation)

    @extend_schema(
        request={"multipart/form-data": s.InvitationUploadSerializer}, responses=s.DelegationSerializer
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def invitation(self, request, pk=None):
        """Upload the invitation letter (PDF, PNG or JPEG, at most 10 MB)."""
        delegation = self.get_object()
        data = self._input(s.InvitationUploadSerializer)
        delegation = services.attach_invitation(
            actor=request.user, delegation=delegation, uploaded_file=data["file"]
        )
        return self._answer(delegation)

    @extend_schema(request=s.VersionSerializer, responses=s.DelegationSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        delegation = self.get_object()
        data = self._input(s.VersionSerializer)
        with conflict_on_stale():
            delegation = services.issue_approval_document(
                actor=request.user, delegation=delegation, version=data["version"]
            )
        return self._answer(delegation)

    @extend_schema(request=s.ReportSerializer, responses=s.DelegationSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        delegation = self.get_object()
        data = self._input(s.ReportSerializer)
        with conflict_on_stale():
            delegation = services.file_report(actor=request.user, delegation=delegation, **data)
        return self._answer(delegation)


class TravelDocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The ledger of passports and permits in the office's custody."""

    serializer_class = s.TravelDocumentSerializer
    required_permissions = {
        "list": "trips.manage",
        "retrieve": "trips.manage",
        "create": "trips.manage",
        "return_to_custody": "trips.manage",
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TravelDocument.objects.none()
        params = self.request.query_params
        return selectors.custody_ledger(q=params.get("q", ""), overdue_only=bool(params.get("overdue")))

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="holder's name or document number contains"),
            OpenApiParameter("overdue", bool, description="only documents overdue"),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.CustodyIntakeSerializer, responses={201: s.TravelDocumentSerializer})
    def create(self, request):
        """Take a passport or permit into custody (before or without any trip)."""
        data = s.CustodyIntakeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        document = services.take_into_custody(actor=request.user, **data.validated_data)
        return Response(s.TravelDocumentSerializer(document).data, status=201)

    @extend_schema(request=None, responses=s.TravelDocumentSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_to_custody(self, request, pk=None):
        document = services.return_travel_document(actor=request.user, document=self.get_object())
        return Response(s.TravelDocumentSerializer(document).data)


class StatisticsView(APIView):
    """The biannual statistics by submitting unit (what the city reports to the province)."""

    required_permissions = {"GET": "trips.statistics"}

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, required=True, description="e.g. 2026"),
            OpenApiParameter("half", int, required=True, enum=[1, 2], description="1: Jan-Jun, 2: Jul-Dec"),
        ],
        responses=s.StatisticsSerializer,
        summary="Biannual statistics of official trips by submitting unit",
    )
    def get(self, request):
        params = request.query_params
        year, half = statistics.parse_period(params.get("year", ""), params.get("half", ""))
        stats = statistics.biannual(request.user, year=year, half=half)
        return Response(s.StatisticsSerializer(stats.as_dict()).data)
