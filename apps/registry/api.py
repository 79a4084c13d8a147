"""Which modules this city has switched on (for clients that build menus)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.registry.modules import registry


class ModuleSerializer(serializers.Serializer):
    id = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()


class EnabledModulesView(APIView):
    required_permissions = {"GET": "core.use_api"}

    @extend_schema(responses=ModuleSerializer(many=True), summary="Modules switched on in this city")
    def get(self, request):
        modules = registry.iter_enabled(request.city.profile)
        data = [{"id": m.id, "name_zh": m.names["zh"], "name_en": m.names["en"]} for m in modules]
        return Response(ModuleSerializer(data, many=True).data)
