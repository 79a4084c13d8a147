"""Operators' API on the platform host."""

from rest_framework import serializers, viewsets

from tenants import selectors
from tenants.models import City


class CitySerializer(serializers.ModelSerializer):
    province = serializers.SlugRelatedField(slug_field="code", read_only=True)
    domains = serializers.SlugRelatedField(slug_field="domain", many=True, read_only=True)

    class Meta:
        model = City
        fields = ["code", "name_zh", "name_en", "province", "status", "profile_version", "domains"]
        read_only_fields = fields


class CityViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CitySerializer
    lookup_field = "code"
    required_permissions = {"list": "platform.manage_cities", "retrieve": "platform.manage_cities"}

    def get_queryset(self):
        return selectors.office_list()
