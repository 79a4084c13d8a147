"""The conferences API: applications and their actions (from the one action table)."""

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
from apps.conferences import selectors, services
from apps.conferences import serializers as s
from apps.conferences.actions import ACTIONS
from apps.conferences.models import Conference


class ConferenceViewSet(
    ActionsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    action_table = ACTIONS
    record_serializer_class = s.ConferenceSerializer
    required_permissions = {
        "list": "conferences.view",
        "retrieve": "conferences.view",
        "create": "conferences.submit",
        "update": "conferences.submit",
        "history": "conferences.view",
        "document": "conferences.view",
    }

    def get_serializer_class(self):
        return s.ConferenceListSerializer if self.action == "list" else s.ConferenceSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Conference.objects.none()
        if self.action != "list":
            return selectors.conferences_for(self.request.user).prefetch_related("countries", "heads")
        filters = validated(s.ListFilter, self.request.query_params)
        filters["overdue_only"] = bool(filters.pop("overdue", False))
        return selectors.search(self.request.user, **filters)

    @extend_schema(parameters=[s.ListFilter])
    def list(self, request, *args, **kwargs):
        """Conferences, latest first day first, paginated (``limit``, ``offset``)."""
        ids = self.paginate_queryset(self.get_queryset().values_list("pk", flat=True))
        rows = Conference.objects.select_related("case").in_bulk(ids)
        return self.get_paginated_response(self.get_serializer([rows[pk] for pk in ids], many=True).data)

    @extend_schema(request=s.ConferenceInput, responses={201: s.ConferenceSerializer})
    def create(self, request):
        data = validated(s.ConferenceInput, request.data, context={"request": request})
        return self.record_response(services.create_conference(actor=request.user, data=data), status=201)

    @extend_schema(request=s.ConferenceInput, responses=s.ConferenceSerializer)
    def update(self, request, pk=None):
        conference = self.get_object()
        data = validated(s.ConferenceInput, request.data, context={"request": request})
        return self.record_response(
            services.update_conference(actor=request.user, conference=conference, data=data)
        )

    @extend_schema(responses=CaseEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        return Response(CaseEventSerializer(self.get_object().case.events.all(), many=True).data)

    @extend_schema(responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="application/pdf")})
    @action(detail=True, methods=["get"], url_path=r"documents/(?P<document_id>\d+)")
    def document(self, request, pk=None, document_id=None):
        """The conference's approval (PDF)."""
        from apps.documents.views import document_pdf_response

        conference = self.get_object()
        return document_pdf_response(
            get_object_or_404(selectors.documents_of(conference).defer(None), pk=document_id)
        )
