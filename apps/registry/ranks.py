"""Civil-service ranks (职级): kernel vocabulary every module and profile uses.

Lowest first; a chain condition ``min_<fact>: division`` holds for division and above.
"""

from __future__ import annotations

from apps.registry.i18n import label

RANK_LABELS: dict[str, dict[str, str]] = {
    "staff": {"zh": "科员", "en": "Staff"},
    "section": {"zh": "科级", "en": "Section level"},
    "deputy_division": {"zh": "副处级", "en": "Deputy division level"},
    "division": {"zh": "正处级", "en": "Division level"},
    "deputy_department": {"zh": "副厅（局）级", "en": "Deputy department level"},
    "department": {"zh": "正厅（局）级", "en": "Department level"},
    "deputy_provincial": {"zh": "副省（部）级", "en": "Deputy provincial level"},
    "provincial": {"zh": "正省（部）级", "en": "Provincial level"},
}
RANKS: list[str] = list(RANK_LABELS)


def rank_label(rank: str | None) -> str:
    """The rank's name in the active language ("" for none)."""
    if not rank:
        return ""
    return label(RANK_LABELS.get(rank, {}), rank)


def rank_choices() -> list[tuple[str, str]]:
    """(code, name in the active language), lowest first: for forms' selects."""
    return [(rank, rank_label(rank)) for rank in RANKS]


def rank_at_least(rank: str | None, minimum: str) -> bool:
    if rank not in RANK_LABELS or minimum not in RANK_LABELS:
        return False
    return RANKS.index(rank) >= RANKS.index(minimum)


def highest(ranks) -> str | None:
    known = [rank for rank in ranks if rank in RANK_LABELS]
    return max(known, key=RANKS.index) if known else None
