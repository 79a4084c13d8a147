"""Reception levels (接待规格): the profile's table from the head of the delegation's
protocol rank to who receives the guests on the city's side (meets them, hosts the
banquet, sees them off).

The module's ``reception_levels`` setting gives the table (``module.SETTINGS_SCHEMA`` has
the default); a province's ``module_defaults.receptions.reception_levels`` or a city's
``modules.receptions.reception_levels`` replaces the rows it names, the others stay.
A visit may ask for a higher level than the table's (with a reason): its case then
carries the chain fact ``above_table`` the profile's approval chain looks at.
"""

from __future__ import annotations

from typing import Any

from apps.receptions.models import HOST_LEVEL_ORDER, HOST_LEVELS, OCCASIONS, PROTOCOL_RANKS
from apps.registry.i18n import label

DEFAULT_TABLE: dict[str, dict[str, str]] = {
    "staff": {"meets": "division_head", "banquet": "division_head", "sees_off": "division_head"},
    "official": {"meets": "fao_deputy", "banquet": "division_head", "sees_off": "division_head"},
    "senior_official": {"meets": "fao_director", "banquet": "fao_deputy", "sees_off": "division_head"},
    "consul_general": {"meets": "vice_mayor", "banquet": "fao_director", "sees_off": "fao_deputy"},
    "mayor": {"meets": "mayor", "banquet": "vice_mayor", "sees_off": "fao_director"},
    "ambassador": {"meets": "mayor", "banquet": "vice_mayor", "sees_off": "fao_director"},
    "vice_minister": {"meets": "mayor", "banquet": "mayor", "sees_off": "vice_mayor"},
    "minister": {"meets": "party_secretary", "banquet": "mayor", "sees_off": "vice_mayor"},
    "head_of_government": {"meets": "party_secretary", "banquet": "party_secretary", "sees_off": "mayor"},
    "head_of_state": {"meets": "party_secretary", "banquet": "party_secretary", "sees_off": "mayor"},
}


def settings() -> dict[str, Any]:
    from apps.registry.settings import module_settings

    return module_settings("receptions")


def table() -> dict[str, dict[str, str]]:
    """The city's table, every protocol rank present."""
    overrides = settings().get("reception_levels") or {}
    return {rank: {**DEFAULT_TABLE[rank], **(overrides.get(rank) or {})} for rank in DEFAULT_TABLE}


def for_rank(rank: str) -> dict[str, str] | None:
    return table().get(rank) if rank else None


def requested(visit_or_data) -> dict[str, str]:
    get = (
        visit_or_data.get if isinstance(visit_or_data, dict) else lambda k, d="": getattr(visit_or_data, k, d)
    )
    return {occasion: get(f"{occasion}_level", "") or "" for occasion in OCCASIONS}


def above_table(rank: str, asked: dict[str, str]) -> list[str]:
    """The occasions for which ``asked`` names a higher host than the table gives ``rank``."""
    row = for_rank(rank)
    if not row:
        return []
    return [
        occasion
        for occasion, level in asked.items()
        if level in HOST_LEVELS and HOST_LEVEL_ORDER.index(level) > HOST_LEVEL_ORDER.index(row[occasion])
    ]


def effective(rank: str, asked: dict[str, str]) -> dict[str, str]:
    """Who receives the guests: what was asked, else the table's level."""
    row = for_rank(rank) or {}
    return {occasion: asked.get(occasion) or row.get(occasion, "") for occasion in OCCASIONS}


def level_label(level: str) -> str:
    return label(HOST_LEVELS.get(level, {}), level) if level else ""


def rank_label(rank: str) -> str:
    return label(PROTOCOL_RANKS.get(rank, {}), rank) if rank else ""


def equivalent(rank: str) -> str | None:
    """The kernel rank a protocol rank is received as (for the chain's ``guest_rank``)."""
    return PROTOCOL_RANKS.get(rank, {}).get("equivalent")


def rows_for_page() -> list[dict[str, str]]:
    return [
        {"rank": rank_label(rank), **{occasion: level_label(level) for occasion, level in row.items()}}
        for rank, row in table().items()
    ]
