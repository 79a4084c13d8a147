"""Submitting units (the city's districts, counties and departments, from its profile):
kernel vocabulary for every module."""

from __future__ import annotations

from django.db import connection

from apps.registry.i18n import label

UNIT_KIND_LABELS: dict[str, dict[str, str]] = {
    "district": {"zh": "区", "en": "District"},
    "county": {"zh": "县", "en": "County"},
    "county_city": {"zh": "县级市", "en": "County-level city"},
    "department": {"zh": "市直部门", "en": "Municipal department"},
    "other": {"zh": "其他", "en": "Other"},
}


def units(profile: dict | None = None) -> list[dict]:
    """The profile's submitting units (the current city's by default)."""
    if profile is None:
        profile = getattr(getattr(connection, "tenant", None), "profile", None)
    return list((profile or {}).get("submitting_units") or [])


def unit_label(code: str | None, profile: dict | None = None) -> str:
    """A unit's name in the active language; the code itself only for an unknown unit."""
    if not code:
        return ""
    for unit in units(profile):
        if unit["code"] == code:
            return label(unit["names"], code)
    return code


def unit_names(code: str | None, profile: dict | None = None) -> dict[str, str]:
    """A unit's names in both languages (the code for an unknown unit)."""
    for unit in units(profile):
        if unit["code"] == code:
            return dict(unit["names"])
    return {"zh": code or "", "en": code or ""}


def unit_kind(code: str | None, profile: dict | None = None) -> str:
    for unit in units(profile):
        if unit["code"] == code:
            return unit.get("kind", "other")
    return "other"


def unit_kind_label(kind: str | None) -> str:
    return label(UNIT_KIND_LABELS.get(kind or "other", {}), kind or "other")


def unit_choices(profile: dict | None = None) -> list[tuple[str, str]]:
    """The units a new record may name: a retired unit keeps its name on old records only."""
    return [
        (unit["code"], label(unit["names"], unit["code"]))
        for unit in units(profile)
        if not unit.get("retired")
    ]
