"""The trips API: delegations, their case actions, the travel-document ledger."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.casework.actions import ActionsViewSetMixin
from apps.casework.api import CaseEventSerializer
from apps.trips import selectors, services, statistics
from apps.trips import serializers as s
from apps.trips.actions import ACTIONS
from apps.trips.models import Delegation, TravelDocument


def _input(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)  # 400 naming the bad field
    return serializer.validated_data


class DelegationViewSet(
    ActionsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Delegations; their actions (``<id>/<action>/``) come from the one action table."""

    action_table = ACTIONS
    record_serializer_class = s.DelegationSerializer
    required_permissions = {
        "list": "trips.view",
        "retrieve": "trips.view",
        "create": "trips.submit",
        "update": "trips.submit",
        "history": "trips.view",
    }

    def get_serializer_class(self):
        return s.DelegationListSerializer if self.action == "list" else s.DelegationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Delegation.objects.none()
        if self.action != "list":
            return selectors.delegations_for(self.request.user).prefetch_related(
                "members", "destinations", "overrides__decided_by"
            )
        return selectors.search(
            self.request.user, **_input(s.ListFilterSerializer, self.request.query_params)
        )

    @extend_schema(parameters=[s.ListFilterSerializer])
    def list(self, request, *args, **kwargs):
        """Delegations, newest departure first, paginated (``limit``, ``offset``)."""
        # The page's ids first (an index scan, however deep the page), then only its rows.
        ids = self.paginate_queryset(self.get_queryset().values_list("pk", flat=True))
        rows = Delegation.objects.select_related("case").in_bulk(ids)
        page = [rows[pk] for pk in ids]
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=s.DelegationInputSerializer, responses={201: s.DelegationSerializer})
    def create(self, request):
        data = _input(s.DelegationInputSerializer, request.data)
        return self.record_response(services.create_delegation(actor=request.user, data=data), status=201)

    @extend_schema(request=s.DelegationInputSerializer, responses=s.DelegationSerializer)
    def update(self, request, pk=None):
        delegation = self.get_object()
        data = _input(s.DelegationInputSerializer, request.data)
        return self.record_response(
            services.update_delegation(actor=request.user, delegation=delegation, data=data)
        )

    @extend_schema(responses=CaseEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        events = self.get_object().case.events.all()
        return Response(CaseEventSerializer(events, many=True).data)


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
        return Response(s.TravelDocumentSerializer(document, context={"request": request}).data, status=201)

    @extend_schema(request=None, responses=s.TravelDocumentSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_to_custody(self, request, pk=None):
        document = services.return_travel_document(actor=request.user, document=self.get_object())
        return Response(s.TravelDocumentSerializer(document, context={"request": request}).data)


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
