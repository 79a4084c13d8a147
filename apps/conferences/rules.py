"""The module's settings (the profile's ``modules.conferences`` over the province's
``module_defaults.conferences`` over the defaults of ``module.SETTINGS_SCHEMA``): the
thresholds above which the province decides, the scale bands and the report deadline."""

from __future__ import annotations

from typing import Any

from apps.registry.ranks import rank_at_least


def settings() -> dict[str, Any]:
    from apps.registry.settings import module_settings

    return module_settings("conferences")


def scale_of(foreign_participants: int) -> str:
    rules = settings()
    if foreign_participants >= rules.get("large_from", 200):
        return "large"
    if foreign_participants >= rules.get("medium_from", 50):
        return "medium"
    return "small"


def province_reasons(foreign_participants: int, guest_rank: str | None, countries: list[str]) -> list[str]:
    """Which thresholds send the conference to the province (any one suffices)."""
    rules = settings()
    reasons = []
    if foreign_participants >= rules.get("province_min_foreign_participants", 100):
        reasons.append("foreign_participants")
    if guest_rank and rank_at_least(guest_rank, rules.get("province_min_guest_rank", "deputy_provincial")):
        reasons.append("guest_rank")
    if set(countries) & set(rules.get("sensitive_countries") or []):
        reasons.append("sensitive_countries")
    return reasons
