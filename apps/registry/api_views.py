"""API views every city host has besides the modules': the OpenAPI document, its docs
page and the JSON 404 for unknown API paths."""

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView


class CitySchemaView(SpectacularAPIView):
    """This city's OpenAPI 3 document: only its enabled modules appear."""

    required_permissions = {"GET": "core.use_api"}


class CityDocsView(SpectacularSwaggerView):
    required_permissions = {"GET": "core.use_api"}


@extend_schema(exclude=True)
class UnknownEndpointView(APIView):
    public_endpoint = True
    authentication_classes: list = []

    def get(self, request, *args, **kwargs):
        raise NotFound

    post = put = patch = delete = get
