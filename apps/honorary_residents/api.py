"""The Honorary Residents API: nominations and their actions (from the one action table),
the register of holders, the certificate PDF."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.casework.actions import ActionsViewSetMixin
from apps.casework.api import CaseEventSerializer
from apps.casework.inputs import validated
from apps.honorary_residents import selectors, services
from apps.honorary_residents import serializers as s
from apps.honorary_residents.actions import ACTIONS
from apps.honorary_residents.models import Nomination


class NominationViewSet(
    ActionsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    action_table = ACTIONS
    record_serializer_class = s.NominationSerializer
    required_permissions = {
        "list": "honorary_residents.view",
        "retrieve": "honorary_residents.view",
        "create": "honorary_residents.submit",
        "update": "honorary_residents.submit",
        "history": "honorary_residents.view",
        "certificate": "honorary_residents.view",
    }

    def get_serializer_class(self):
        return s.NominationListSerializer if self.action == "list" else s.NominationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Nomination.objects.none()
        if self.action != "list":
            return selectors.nominations_for(self.request.user).prefetch_related("visits__recorded_by")
        return selectors.search(self.request.user, **validated(s.ListFilter, self.request.query_params))

    @extend_schema(parameters=[s.ListFilter])
    def list(self, request, *args, **kwargs):
        """Nominations, latest first, paginated (``limit``, ``offset``)."""
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.NominationInput, responses={201: s.NominationSerializer})
    def create(self, request):
        data = validated(s.NominationInput, request.data, context={"request": request})
        return self.record_response(services.create_nomination(actor=request.user, data=data), status=201)

    @extend_schema(request=s.NominationInput, responses=s.NominationSerializer)
    def update(self, request, pk=None):
        nomination = self.get_object()
        data = validated(s.NominationInput, request.data, context={"request": request})
        return self.record_response(
            services.update_nomination(actor=request.user, nomination=nomination, data=data)
        )

    @extend_schema(responses=CaseEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        return Response(CaseEventSerializer(self.get_object().case.events.all(), many=True).data)

    @extend_schema(responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="application/pdf")})
    @action(detail=True, methods=["get"], url_path=r"certificates/(?P<document_id>\d+)")
    def certificate(self, request, pk=None, document_id=None):
        """The certificate of this nomination as PDF."""
        from apps.documents.views import document_pdf_response

        nomination = self.get_object()
        return document_pdf_response(
            get_object_or_404(selectors.documents_of(nomination).defer(None), pk=document_id)
        )


class RegisterViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The register of Honorary Residents (certificate issued), with contacts and visits."""

    serializer_class = s.NominationSerializer
    required_permissions = {"list": "honorary_residents.view"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Nomination.objects.none()
        return selectors.holders(
            self.request.user, **validated(s.RegisterFilter, self.request.query_params)
        ).prefetch_related("visits__recorded_by")

    @extend_schema(parameters=[s.RegisterFilter])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)
