"""The one way to pick a bilingual name ({"zh": ..., "en": ...}) in the active language:
modules, roles, workflow states and actions, cities and provinces, ranks, rules."""

from __future__ import annotations

from django.utils import translation


def speaks_english() -> bool:
    return (translation.get_language() or "zh-hans").startswith("en")


def label(names: dict[str, str], fallback: str = "") -> str:
    """``names["en"]`` when the UI is in English, else ``names["zh"]``; ``fallback`` if
    that one is missing or empty."""
    return names.get("en" if speaks_english() else "zh") or fallback
