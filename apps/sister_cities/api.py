"""The sister-cities API: relationships and their actions (from the one action table), the
yearly report per partner."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.casework.actions import ActionsViewSetMixin
from apps.casework.api import CaseEventSerializer
from apps.casework.inputs import validated
from apps.sister_cities import selectors, services
from apps.sister_cities import serializers as s
from apps.sister_cities.actions import ACTIONS
from apps.sister_cities.models import Relationship


class RelationshipViewSet(
    ActionsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    action_table = ACTIONS
    record_serializer_class = s.RelationshipSerializer
    required_permissions = {
        "list": "sister_cities.view",
        "retrieve": "sister_cities.view",
        "create": "sister_cities.submit",
        "update": "sister_cities.submit",
        "history": "sister_cities.view",
        "report": "sister_cities.statistics",
    }

    def get_serializer_class(self):
        return s.RelationshipListSerializer if self.action == "list" else s.RelationshipSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Relationship.objects.none()
        if self.action != "list":
            return selectors.relationships_for(self.request.user).prefetch_related("exchanges", "plans")
        return selectors.search(self.request.user, **validated(s.ListFilter, self.request.query_params))

    @extend_schema(parameters=[s.ListFilter])
    def list(self, request, *args, **kwargs):
        """Relationships and proposals, newest first, paginated (``limit``, ``offset``)."""
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.RelationshipInput, responses={201: s.RelationshipSerializer})
    def create(self, request):
        data = validated(s.RelationshipInput, request.data, context={"request": request})
        return self.record_response(services.create_relationship(actor=request.user, data=data), status=201)

    @extend_schema(request=s.RelationshipInput, responses=s.RelationshipSerializer)
    def update(self, request, pk=None):
        relationship = self.get_object()
        data = validated(s.RelationshipInput, request.data, context={"request": request})
        return self.record_response(
            services.update_relationship(actor=request.user, relationship=relationship, data=data)
        )

    @extend_schema(responses=CaseEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        return Response(CaseEventSerializer(self.get_object().case.events.all(), many=True).data)

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def report(self, request, pk=None):
        """The yearly report of the relationship: plan, exchanges, by field and kind."""
        from apps.sister_cities.views import _year

        report = selectors.yearly_report(self.get_object(), _year(request))
        return Response(
            {
                **{key: report[key] for key in ("year", "plan", "participants")},
                "by_field": [{"field": name, "count": n} for name, n in report["by_field"]],
                "by_kind": [{"kind": name, "count": n} for name, n in report["by_kind"]],
                "exchanges": s.ExchangeSerializer(report["exchanges"], many=True).data,
            }
        )
