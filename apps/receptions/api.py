"""The receptions API: visits and their actions (from the one action table), registered
receptions, the reception plan as PDF."""

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
from apps.receptions import selectors, services
from apps.receptions import serializers as s
from apps.receptions.actions import ACTIONS, REGISTRATION_ACTIONS
from apps.receptions.models import Registration, Visit


class VisitViewSet(
    ActionsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    action_table = ACTIONS
    record_serializer_class = s.VisitSerializer
    required_permissions = {
        "list": "receptions.view",
        "retrieve": "receptions.view",
        "create": "receptions.submit",
        "update": "receptions.submit",
        "history": "receptions.view",
        "document": "receptions.view",
    }

    def get_serializer_class(self):
        return s.VisitListSerializer if self.action == "list" else s.VisitSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Visit.objects.none()
        if self.action != "list":
            return selectors.visits_for(self.request.user).prefetch_related(
                "participants", "items__participants", "seatings__seats", "gifts", "follow_ups"
            )
        return selectors.search(self.request.user, **validated(s.ListFilter, self.request.query_params))

    @extend_schema(parameters=[s.ListFilter])
    def list(self, request, *args, **kwargs):
        """Visits, latest arrival first, paginated (``limit``, ``offset``)."""
        ids = self.paginate_queryset(self.get_queryset().values_list("pk", flat=True))
        rows = Visit.objects.select_related("case").in_bulk(ids)
        return self.get_paginated_response(self.get_serializer([rows[pk] for pk in ids], many=True).data)

    @extend_schema(request=s.VisitInput, responses={201: s.VisitSerializer})
    def create(self, request):
        data = validated(s.VisitInput, request.data, context={"request": request})
        return self.record_response(services.create_visit(actor=request.user, data=data), status=201)

    @extend_schema(request=s.VisitInput, responses=s.VisitSerializer)
    def update(self, request, pk=None):
        visit = self.get_object()
        data = validated(s.VisitInput, request.data, context={"request": request})
        return self.record_response(services.update_visit(actor=request.user, visit=visit, data=data))

    @extend_schema(responses=CaseEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        return Response(CaseEventSerializer(self.get_object().case.events.all(), many=True).data)

    @extend_schema(responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="application/pdf")})
    @action(detail=True, methods=["get"], url_path=r"documents/(?P<document_id>\d+)")
    def document(self, request, pk=None, document_id=None):
        """A document of this visit (the reception plan) as PDF."""
        from apps.documents.views import document_pdf_response

        visit = self.get_object()
        return document_pdf_response(
            get_object_or_404(selectors.documents_of(visit).defer(None), pk=document_id)
        )


class RegistrationViewSet(
    ActionsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Receptions departments hold themselves, registered for the office's review."""

    action_table = REGISTRATION_ACTIONS
    record_serializer_class = s.RegistrationSerializer
    required_permissions = {
        "list": "receptions.view",
        "retrieve": "receptions.view",
        "create": "receptions.register",
        "update": "receptions.register",
    }

    def get_serializer_class(self):
        return s.RegistrationListSerializer if self.action == "list" else s.RegistrationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Registration.objects.none()
        if self.action != "list":
            return selectors.registrations_for(self.request.user)
        return selectors.search_registrations(
            self.request.user, **validated(s.RegistrationFilter, self.request.query_params)
        )

    @extend_schema(parameters=[s.RegistrationFilter])
    def list(self, request, *args, **kwargs):
        ids = self.paginate_queryset(self.get_queryset().values_list("pk", flat=True))
        rows = Registration.objects.select_related("case").in_bulk(ids)
        return self.get_paginated_response(self.get_serializer([rows[pk] for pk in ids], many=True).data)

    @extend_schema(request=s.RegistrationInput, responses={201: s.RegistrationSerializer})
    def create(self, request):
        data = validated(s.RegistrationInput, request.data, context={"request": request})
        return self.record_response(services.create_registration(actor=request.user, data=data), status=201)

    @extend_schema(request=s.RegistrationInput, responses=s.RegistrationSerializer)
    def update(self, request, pk=None):
        registration = self.get_object()
        data = validated(s.RegistrationInput, request.data, context={"request": request})
        return self.record_response(
            services.update_registration(actor=request.user, registration=registration, data=data)
        )
