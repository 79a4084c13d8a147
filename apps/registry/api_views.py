"""API views every city host has besides the modules': the OpenAPI document, its docs
page and the JSON 404 for unknown API paths."""

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView


class CitySchemaView(SpectacularAPIView):
    """This city's OpenAPI 3 document: only its enabled modules appear."""

    required_permissions = {"GET": "core.use_api"}


class CityDocsView(SpectacularSwaggerSplitView):
    """Swagger UI with its start-up script served as a file (``?script=``): no inline script,
    so the Content-Security-Policy holds on the docs page too."""

    required_permissions = {"GET": "core.use_api"}


@extend_schema(exclude=True)
class UnknownEndpointView(APIView):
    public_endpoint = True
    authentication_classes: list = []

    def get(self, request, *args, **kwargs):
        raise NotFound

    post = put = patch = delete = get
