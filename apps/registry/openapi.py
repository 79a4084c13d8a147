"""drf-spectacular hook: a city's OpenAPI document lists only its enabled modules."""

from __future__ import annotations

from django.db import connection
from drf_spectacular.openapi import AutoSchema as BaseAutoSchema

from apps.registry.modules import enabled_module_ids, registry


def only_enabled_modules(endpoints, **kwargs):
    enabled = enabled_module_ids(getattr(connection.tenant, "profile", None))
    disabled_prefixes = tuple(f"/api/v1/{module.id}/" for module in registry if module.id not in enabled)
    return [endpoint for endpoint in endpoints if not endpoint[0].startswith(disabled_prefixes)]


class AutoSchema(BaseAutoSchema):
    """drf-spectacular's schema, with each feature module's components named after the
    module (``TripsOverride``, ``InvitationsOverride``): two modules may each have an
    ``OverrideSerializer`` without their components colliding into one wrong schema."""

    def get_serializer_name(self, serializer, direction):
        name = super().get_serializer_name(serializer, direction)
        parts = type(serializer).__module__.split(".")
        if len(parts) > 1 and parts[0] == "apps" and parts[1] in registry:
            prefix = "".join(word.capitalize() for word in parts[1].split("_"))
            if not name.startswith(prefix):
                name = prefix + name
        return name
