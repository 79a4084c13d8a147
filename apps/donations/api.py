"""The donations API: offers and their actions (from the one action table), donors with
their history, the office's exchange rates."""

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
from apps.donations import selectors, services
from apps.donations import serializers as s
from apps.donations.actions import ACTIONS
from apps.donations.models import Donation, Donor, ExchangeRate


class DonationViewSet(
    ActionsViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    action_table = ACTIONS
    record_serializer_class = s.DonationSerializer
    required_permissions = {
        "list": "donations.view",
        "retrieve": "donations.view",
        "create": "donations.submit",
        "update": "donations.submit",
        "history": "donations.view",
        "document": "donations.view",
    }

    def get_serializer_class(self):
        return s.DonationListSerializer if self.action == "list" else s.DonationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Donation.objects.none()
        if self.action != "list":
            return selectors.donations_for(self.request.user).prefetch_related(
                "items", "receipts", "reports", "files"
            )
        return selectors.search(self.request.user, **validated(s.ListFilter, self.request.query_params))

    @extend_schema(parameters=[s.ListFilter])
    def list(self, request, *args, **kwargs):
        """Donations, latest offer first, paginated (``limit``, ``offset``)."""
        ids = self.paginate_queryset(self.get_queryset().values_list("pk", flat=True))
        rows = Donation.objects.select_related("case", "donor").in_bulk(ids)
        return self.get_paginated_response(self.get_serializer([rows[pk] for pk in ids], many=True).data)

    @extend_schema(request=s.DonationInput, responses={201: s.DonationSerializer})
    def create(self, request):
        data = validated(s.DonationInput, request.data, context={"request": request})
        return self.record_response(services.create_donation(actor=request.user, data=data), status=201)

    @extend_schema(request=s.DonationInput, responses=s.DonationSerializer)
    def update(self, request, pk=None):
        donation = self.get_object()
        data = validated(s.DonationInput, request.data, context={"request": request})
        return self.record_response(
            services.update_donation(actor=request.user, donation=donation, data=data)
        )

    @extend_schema(responses=CaseEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        return Response(CaseEventSerializer(self.get_object().case.events.all(), many=True).data)

    @extend_schema(responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="application/pdf")})
    @action(detail=True, methods=["get"], url_path=r"documents/(?P<document_id>\d+)")
    def document(self, request, pk=None, document_id=None):
        """The certificate of acceptance or a use report of this donation, as PDF."""
        from apps.documents.views import document_pdf_response

        donation = self.get_object()
        return document_pdf_response(
            get_object_or_404(selectors.documents_of(donation).defer(None), pk=document_id)
        )


class DonorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Donors, each with the donations of theirs the user may see (their history)."""

    required_permissions = {"list": "donations.view", "retrieve": "donations.view"}

    def get_serializer_class(self):
        return s.DonorSerializer if self.action == "list" else s.DonorHistorySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Donor.objects.none()
        filters = validated(s.DonorFilter, self.request.query_params) if self.action == "list" else {}
        return selectors.donors_for(self.request.user, **filters)

    @extend_schema(parameters=[s.DonorFilter])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        donor = self.get_object()
        history = selectors.history_of(request.user, donor)
        return Response(s.DonorHistorySerializer(donor, context={"donations": history}).data)


class RateViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The office's exchange rates: CNY per unit of a currency, from a date on."""

    serializer_class = s.RateSerializer
    required_permissions = {"list": "donations.view", "create": "donations.rates"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ExchangeRate.objects.none()
        return selectors.rates()

    @extend_schema(request=s.RateInput, responses={201: s.RateSerializer})
    def create(self, request):
        data = validated(s.RateInput, request.data, context={"request": request})
        rate = services.record_rate(actor=request.user, data=data)
        return Response(s.RateSerializer(rate).data, status=201)
