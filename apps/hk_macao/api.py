"""The Hong Kong and Macao API: official exchanges and their actions, non-governmental
exchanges, figures by kind."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.casework.actions import ActionsViewSetMixin
from apps.casework.api import CaseEventSerializer
from apps.casework.inputs import validated
from apps.hk_macao import selectors, services
from apps.hk_macao import serializers as s
from apps.hk_macao.actions import ACTIONS
from apps.hk_macao.models import Exchange, NonGovExchange
from apps.hk_macao.views import year_of


class ExchangeViewSet(
    ActionsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    action_table = ACTIONS
    record_serializer_class = s.ExchangeSerializer
    required_permissions = {
        "list": "hk_macao.view",
        "retrieve": "hk_macao.view",
        "create": "hk_macao.submit",
        "update": "hk_macao.submit",
        "history": "hk_macao.view",
    }

    def get_serializer_class(self):
        return s.ExchangeListSerializer if self.action == "list" else s.ExchangeSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Exchange.objects.none()
        if self.action != "list":
            return selectors.exchanges_for(self.request.user)
        return selectors.search(self.request.user, **validated(s.ListFilter, self.request.query_params))

    @extend_schema(parameters=[s.ListFilter])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.ExchangeInput, responses={201: s.ExchangeSerializer})
    def create(self, request):
        data = validated(s.ExchangeInput, request.data, context={"request": request})
        return self.record_response(services.create_exchange(actor=request.user, data=data), status=201)

    @extend_schema(request=s.ExchangeInput, responses=s.ExchangeSerializer)
    def update(self, request, pk=None):
        exchange = self.get_object()
        data = validated(s.ExchangeInput, request.data, context={"request": request})
        return self.record_response(
            services.update_exchange(actor=request.user, exchange=exchange, data=data)
        )

    @extend_schema(responses=CaseEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        return Response(CaseEventSerializer(self.get_object().case.events.all(), many=True).data)


class NonGovViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.NonGovSerializer
    required_permissions = {"list": "hk_macao.view", "create": "hk_macao.manage"}

    def get_queryset(self):
        return (
            selectors.non_governmental()
            if not getattr(self, "swagger_fake_view", False)
            else NonGovExchange.objects.none()
        )

    @extend_schema(request=s.NonGovInput, responses={201: s.NonGovSerializer})
    def create(self, request):
        data = validated(s.NonGovInput, request.data, context={"request": request})
        return Response(
            s.NonGovSerializer(services.add_non_governmental(actor=request.user, data=data)).data, status=201
        )


class FiguresView(APIView):
    """Official and non-governmental exchanges of a year, by kind."""

    required_permissions = {"GET": "hk_macao.view"}

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses=OpenApiTypes.OBJECT)
    def get(self, request):
        year = year_of(request.query_params)
        return Response({"year": year, "by_kind": selectors.figures_by_kind(request.user, year)})
