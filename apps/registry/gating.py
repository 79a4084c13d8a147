"""Answers 404 for every URL of a module the current city's profile does not switch on.

Module URLconfs are mounted under a namespace equal to the module id (``trips:...`` on
the web, ``api:trips:...`` in the API), so the resolver match says which module a
request is for before any view runs.
"""

from __future__ import annotations

from django.http import Http404, JsonResponse
from rest_framework.exceptions import NotFound

from apps.registry.modules import enabled_module_ids, registry


def not_found_body() -> dict:
    """The API's 404 body (same as ``api_errors`` gives), in the active language."""
    return {"status": 404, "code": "not_found", "message": str(NotFound.default_detail)}


def module_of(resolver_match) -> str | None:
    for namespace in resolver_match.namespaces if resolver_match else ():
        if namespace in registry:
            return namespace
    return None


def city_enables(city, module_id: str) -> bool:
    return module_id in enabled_module_ids(getattr(city, "profile", None))


class ModuleGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        module_id = module_of(request.resolver_match)
        if module_id is None:
            return None
        city = getattr(request, "city", None)
        if city is None or not city_enables(city, module_id):
            if "api" in request.resolver_match.namespaces:
                return JsonResponse(not_found_body(), status=404)
            raise Http404("No such page")
        return None
