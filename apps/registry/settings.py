"""A module's settings for one city: the defaults its schema declares, under what the
city's province sets for its cities (``module_defaults.<id>`` in the province profile),
under what the city's own profile sets (``modules.<id>``)."""

from __future__ import annotations

from typing import Any

from django.db import connection

from apps.registry.modules import registry


def schema_defaults(schema: dict[str, Any]) -> dict[str, Any]:
    """The ``default`` of each top-level property of a module's settings schema."""
    return {
        name: prop["default"] for name, prop in (schema.get("properties") or {}).items() if "default" in prop
    }


def merge(
    schema: dict[str, Any], province_settings: dict[str, Any] | None, city_settings: dict[str, Any] | None
) -> dict[str, Any]:
    return {**schema_defaults(schema), **(province_settings or {}), **(city_settings or {})}


def module_settings(module_id: str, city=None) -> dict[str, Any]:
    """The effective settings of module ``module_id`` in ``city`` (the current city by
    default)."""
    module = registry.get(module_id)
    if module is None:
        raise LookupError(f"no module {module_id!r}")
    city = city or connection.tenant
    city_profile = getattr(city, "profile", None) or {}
    province = getattr(city, "province", None) if getattr(city, "province_id", None) else None
    province_profile = (getattr(province, "profile", None) or {}) if province is not None else {}
    return merge(
        module.settings_schema,
        (province_profile.get("module_defaults") or {}).get(module_id),
        (city_profile.get("modules") or {}).get(module_id),
    )
