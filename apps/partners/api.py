"""The register's API: partners (search by name in either script), a partner's people and
history, search across everything, consular jurisdictions."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.casework.inputs import query_filters, validated
from apps.partners import inputs as s
from apps.partners import selectors, services
from apps.partners.models import Partner


class PartnerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    required_permissions = {
        "list": "partners.view",
        "retrieve": "partners.view",
        "history": "partners.view",
        "create": "partners.manage",
        "update": "partners.manage",
        "add_person": "partners.manage",
    }

    def get_serializer_class(self):
        return s.PartnerDetailSerializer if self.action == "retrieve" else s.PartnerSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False) or self.action != "list":
            return Partner.objects.all()
        filters = query_filters(s.SearchFilter, self.request.query_params)
        return selectors.partners(**filters)

    @extend_schema(parameters=[s.SearchFilter])
    def list(self, request, *args, **kwargs):
        """Partners by name in either script (``q``), kind, country; paginated."""
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.PartnerInput, responses={201: s.PartnerDetailSerializer})
    def create(self, request):
        data = validated(s.PartnerInput, request.data, context={"request": request})
        partner = services.create_partner(actor=request.user, **data)
        return Response(s.PartnerDetailSerializer(partner).data, status=201)

    @extend_schema(request=s.PartnerInput, responses=s.PartnerDetailSerializer)
    def update(self, request, pk=None):
        partner = self.get_object()
        data = validated(s.PartnerInput, request.data, context={"request": request})
        partner = services.update_partner(actor=request.user, partner=partner, **data)
        return Response(s.PartnerDetailSerializer(partner).data)

    @extend_schema(request=s.PersonInput, responses={201: s.PersonSerializer})
    @action(detail=True, methods=["post"], url_path="people")
    def add_person(self, request, pk=None):
        partner = self.get_object()
        data = validated(s.PersonInput, request.data, context={"request": request})
        person = services.add_person(actor=request.user, partner=partner, **data)
        return Response(s.PersonSerializer(person).data, status=201)

    @extend_schema(responses=s.LinkSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """The partner's history: agreements, exchanges, visits both ways (newest first), paginated."""
        links = selectors.links_of(self.get_object())
        page = self.paginate_queryset(links)
        return self.get_paginated_response(s.LinkSerializer(page, many=True).data)


class SearchView(APIView):
    """Search across everything by name in either script: partners, people, history."""

    required_permissions = {"GET": "partners.view"}

    @extend_schema(parameters=[OpenApiParameter("q", str, required=True)], responses=OpenApiTypes.OBJECT)
    def get(self, request):
        q = (request.query_params.get("q") or "").strip()[:100]
        partners = selectors.partners(q=q)[:20] if q else []
        people = selectors.search_people(q)[:20]
        links = selectors.search_links(q)[:20]
        return Response(
            {
                "partners": s.PartnerSerializer(partners, many=True).data,
                "people": [
                    {**s.PersonSerializer(p).data, "partner": p.partner_id, "partner_name": str(p.partner)}
                    for p in people
                ],
                "history": [{**s.LinkSerializer(link).data, "partner": link.partner_id} for link in links],
            }
        )


class JurisdictionSerializer(serializers.Serializer):
    country = serializers.CharField()
    country_name = serializers.CharField()
    partner = serializers.IntegerField(source="partner_id")
    partner_name = serializers.CharField(source="partner.display_name")
    notes = serializers.CharField()


class JurisdictionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Which consulate covers the city for each country."""

    required_permissions = {"list": "partners.view", "create": "partners.manage"}

    def get_queryset(self):
        return selectors.jurisdictions()

    def get_serializer_class(self):
        return JurisdictionSerializer

    @extend_schema(request=s.JurisdictionInput, responses={200: OpenApiTypes.OBJECT})
    def create(self, request):
        data = validated(s.JurisdictionInput, request.data, context={"request": request})
        row = services.set_jurisdiction(actor=request.user, **data)
        return Response(
            JurisdictionSerializer(row).data if row else {"country": data["country"], "partner": None}
        )
