"""drf-spectacular hook: a city's OpenAPI document lists only its enabled modules."""

from __future__ import annotations

from django.db import connection

from apps.registry.modules import enabled_module_ids, registry


def only_enabled_modules(endpoints, **kwargs):
    enabled = enabled_module_ids(getattr(connection.tenant, "profile", None))
    disabled_prefixes = tuple(f"/api/v1/{module.id}/" for module in registry if module.id not in enabled)
    return [endpoint for endpoint in endpoints if not endpoint[0].startswith(disabled_prefixes)]
