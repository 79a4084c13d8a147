"""The overseas NGOs API: filings and their actions (from the one action table), the
register, the representative offices' annual cycle (who is late, documents received and
reviewed, reminders)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.casework.actions import ActionsViewSetMixin
from apps.casework.inputs import validated
from apps.overseas_ngos import selectors, services
from apps.overseas_ngos import serializers as s
from apps.overseas_ngos.actions import ACTIONS
from apps.overseas_ngos.models import AnnualDocument, Filing, Organisation


class FilingViewSet(
    ActionsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Temporary activity filings (临时活动备案): a partner unit sees its own only."""

    action_table = ACTIONS
    record_serializer_class = s.FilingSerializer
    required_permissions = {
        "list": "overseas_ngos.view",
        "retrieve": "overseas_ngos.view",
        "create": "overseas_ngos.file",
        "update": "overseas_ngos.file",
    }

    def get_serializer_class(self):
        return s.FilingListSerializer if self.action == "list" else s.FilingSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Filing.objects.none()
        if self.action != "list":
            return selectors.filings_for(self.request.user)
        return selectors.search_filings(
            self.request.user, **validated(s.FilingFilter, self.request.query_params)
        )

    @extend_schema(parameters=[s.FilingFilter])
    def list(self, request, *args, **kwargs):
        ids = self.paginate_queryset(self.get_queryset().values_list("pk", flat=True))
        rows = Filing.objects.select_related("case").in_bulk(ids)
        return self.get_paginated_response(self.get_serializer([rows[pk] for pk in ids], many=True).data)

    @extend_schema(request=s.FilingInput, responses={201: s.FilingSerializer})
    def create(self, request):
        data = validated(s.FilingInput, request.data, context={"request": request})
        return self.record_response(services.create_filing(actor=request.user, data=data), status=201)

    @extend_schema(request=s.FilingInput, responses=s.FilingSerializer)
    def update(self, request, pk=None):
        filing = self.get_object()
        data = validated(s.FilingInput, request.data, context={"request": request})
        return self.record_response(services.update_filing(actor=request.user, filing=filing, data=data))


class OrganisationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The register of overseas NGOs active in the city."""

    serializer_class = s.OrganisationSerializer
    required_permissions = {
        "list": "overseas_ngos.oversee",
        "retrieve": "overseas_ngos.oversee",
        "create": "overseas_ngos.manage",
        "update": "overseas_ngos.manage",
        "deregister": "overseas_ngos.manage",
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Organisation.objects.none()
        if self.action != "list":
            return selectors.organisations_for(self.request.user)
        filters = validated(s.OrganisationFilter, self.request.query_params)
        return selectors.search_organisations(self.request.user, **filters)

    @extend_schema(parameters=[s.OrganisationFilter])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.OrganisationInput, responses={201: s.OrganisationSerializer})
    def create(self, request):
        data = validated(s.OrganisationInput, request.data, context={"request": request})
        organisation = services.register_organisation(actor=request.user, data=data)
        return Response(s.OrganisationSerializer(organisation).data, status=201)

    @extend_schema(request=s.OrganisationInput, responses=s.OrganisationSerializer)
    def update(self, request, pk=None):
        organisation = self.get_object()
        data = validated(s.OrganisationInput, request.data, context={"request": request})
        organisation = services.update_organisation(actor=request.user, organisation=organisation, data=data)
        return Response(s.OrganisationSerializer(organisation).data)

    @extend_schema(request=s.DeregisterInput, responses=s.OrganisationSerializer)
    @action(detail=True, methods=["post"])
    def deregister(self, request, pk=None):
        organisation = self.get_object()
        data = validated(s.DeregisterInput, request.data, context={"request": request})
        organisation = services.deregister_organisation(
            actor=request.user, organisation=organisation, data=data
        )
        return Response(s.OrganisationSerializer(organisation).data)


class AnnualView(APIView):
    """The representative offices' annual plans and reports for ``year`` (or, with
    ``late=true``, every one that is late)."""

    required_permissions = {"GET": "overseas_ngos.oversee"}

    @extend_schema(
        parameters=[OpenApiParameter("year", int), OpenApiParameter("late", bool)],
        responses=s.AnnualRowSerializer(many=True),
    )
    def get(self, request):
        today = timezone.localdate()
        if request.query_params.get("late") in ("true", "1"):
            rows = selectors.late(request.user, today)
        else:
            year = request.query_params.get("year") or str(today.year)
            year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else today.year
            rows = selectors.annual_rows(request.user, years=[year], today=today)
        return Response(s.AnnualRowSerializer(rows, many=True).data)


class AnnualDocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.AnnualDocumentSerializer
    required_permissions = {
        "list": "overseas_ngos.oversee",
        "retrieve": "overseas_ngos.oversee",
        "create": "overseas_ngos.manage",
        "review": "overseas_ngos.review",
        "remind": "overseas_ngos.manage",
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AnnualDocument.objects.none()
        return selectors.documents_for(self.request.user).order_by("-year", "pk")

    def _office(self, pk):
        get_object_or_404(selectors.organisations_for(self.request.user), pk=pk)

    @extend_schema(request=s.ReceiveInput, responses={201: s.AnnualDocumentSerializer})
    def create(self, request):
        """Records a plan or report a representative office handed in."""
        data = validated(s.ReceiveInput, request.data, context={"request": request})
        self._office(data["organisation"])
        document = services.receive_document(actor=request.user, data=data)
        return Response(s.AnnualDocumentSerializer(document).data, status=201)

    @extend_schema(request=s.ReviewInput, responses=s.AnnualDocumentSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """The office's review opinion (not by whoever recorded it)."""
        document = self.get_object()
        data = validated(s.ReviewInput, request.data, context={"request": request})
        return Response(
            s.AnnualDocumentSerializer(
                services.review_document(actor=request.user, document=document, data=data)
            ).data
        )

    @extend_schema(request=s.RemindInput, responses={201: OpenApiTypes.OBJECT})
    @action(detail=False, methods=["post"])
    def remind(self, request):
        """Records that the office reminded a representative office of a plan or report."""
        data = validated(s.RemindInput, request.data, context={"request": request})
        self._office(data["organisation"])
        reminder = services.remind(actor=request.user, data=data)
        return Response({"id": reminder.pk, "reminded_on": reminder.reminded_on}, status=201)
