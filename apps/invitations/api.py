"""The invitations API: applications and their actions (from the one action table), the
register of visitors, letters by number, statistics."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.casework.actions import ActionsViewSetMixin
from apps.casework.api import CaseEventSerializer
from apps.casework.inputs import validated
from apps.casework.statistics import period_from
from apps.invitations import selectors, services, statistics
from apps.invitations import serializers as s
from apps.invitations.actions import ACTIONS
from apps.invitations.models import Invitation


class InvitationViewSet(
    ActionsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    action_table = ACTIONS
    record_serializer_class = s.InvitationSerializer
    required_permissions = {
        "list": "invitations.view",
        "retrieve": "invitations.view",
        "create": "invitations.submit",
        "update": "invitations.submit",
        "history": "invitations.view",
        "document": "invitations.view",
    }

    def get_serializer_class(self):
        return s.InvitationListSerializer if self.action == "list" else s.InvitationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Invitation.objects.none()
        if self.action != "list":
            return selectors.invitations_for(self.request.user).prefetch_related(
                "invitees", "overrides__decided_by", "visa_notices"
            )
        return selectors.search(self.request.user, **validated(s.ListFilter, self.request.query_params))

    @extend_schema(parameters=[s.ListFilter])
    def list(self, request, *args, **kwargs):
        """Invitations, latest arrival first, paginated (``limit``, ``offset``)."""
        ids = self.paginate_queryset(self.get_queryset().values_list("pk", flat=True))
        rows = Invitation.objects.select_related("case").in_bulk(ids)
        return self.get_paginated_response(self.get_serializer([rows[pk] for pk in ids], many=True).data)

    @extend_schema(request=s.InvitationInput, responses={201: s.InvitationSerializer})
    def create(self, request):
        data = validated(s.InvitationInput, request.data, context={"request": request})
        return self.record_response(services.create_invitation(actor=request.user, data=data), status=201)

    @extend_schema(request=s.InvitationInput, responses=s.InvitationSerializer)
    def update(self, request, pk=None):
        invitation = self.get_object()
        data = validated(s.InvitationInput, request.data, context={"request": request})
        return self.record_response(
            services.update_invitation(actor=request.user, invitation=invitation, data=data)
        )

    @extend_schema(responses=CaseEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        return Response(CaseEventSerializer(self.get_object().case.events.all(), many=True).data)

    @extend_schema(responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="application/pdf")})
    @action(detail=True, methods=["get"], url_path=r"letters/(?P<document_id>\d+)")
    def document(self, request, pk=None, document_id=None):
        """A letter of this invitation (the invitation letter or a visa notification letter) as PDF."""
        from apps.documents.views import document_pdf_response

        invitation = self.get_object()
        return document_pdf_response(
            get_object_or_404(selectors.documents_of(invitation).defer(None), pk=document_id)
        )


class RegisterViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The register of invited visitors (invitees of issued invitations)."""

    serializer_class = s.RegisterEntrySerializer
    required_permissions = {"list": "invitations.view"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return selectors.Invitee.objects.none()
        return selectors.register(self.request.user, **validated(s.RegisterFilter, self.request.query_params))

    @extend_schema(parameters=[s.RegisterFilter])
    def list(self, request, *args, **kwargs):
        ids = self.paginate_queryset(self.get_queryset().values_list("pk", flat=True))
        rows = selectors.Invitee.objects.in_bulk(ids)
        return self.get_paginated_response(self.get_serializer([rows[pk] for pk in ids], many=True).data)


class VerifySerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    number = serializers.CharField()
    title = serializers.CharField(required=False)
    issued_on = serializers.DateField(required=False)
    arrival = serializers.DateField(required=False)
    departure = serializers.DateField(required=False)
    invitees = serializers.ListField(child=serializers.CharField(), required=False)


class VerifyView(APIView):
    """Is this the number of a letter this office issued? (public: embassies check it)"""

    public_endpoint = True
    required_permissions = {"GET": "invitations.view"}
    authentication_classes: list = []

    @extend_schema(parameters=[OpenApiParameter("number", str, required=True)], responses=VerifySerializer)
    def get(self, request):
        number = request.query_params.get("number", "").strip()[:64]
        document, invitation = selectors.verify(number)
        if document is None or invitation is None:
            return Response({"valid": False, "number": number})
        return Response(
            {
                "valid": True,
                "number": document.number,
                "title": document.title,
                "issued_on": document.created_at.date(),
                "arrival": invitation.arrival,
                "departure": invitation.departure,
                "invitees": [i.name_latin for i in invitation.invitees.all()],
            }
        )


class StatisticsView(APIView):
    """Half-year statistics by inviting unit, nationality and kind of visit."""

    required_permissions = {"GET": "invitations.statistics"}

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, required=True),
            OpenApiParameter("half", int, required=True, enum=[1, 2]),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        year, half = period_from(request.query_params)
        return Response(statistics.half_year_report(request.user, year=year, half=half).as_dict())
