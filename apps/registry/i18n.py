"""The one way to pick a bilingual name ({"zh": ..., "en": ...}) in the active language:
modules, roles, workflow states and actions, cities and provinces, ranks, rules."""

from __future__ import annotations

from django.utils import translation
from django.utils.functional import lazy


def speaks_english() -> bool:
    return (translation.get_language() or "zh-hans").startswith("en")


def label(names: dict[str, str], fallback: str = "") -> str:
    """``names["en"]`` when the UI is in English, else ``names["zh"]``; ``fallback`` if
    that one is missing or empty."""
    return names.get("en" if speaks_english() else "zh") or fallback


# The same, picked when shown: for choices declared at import time (models, serializers).
label_lazy = lazy(label, str)


def choices_of(table: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    """(code, name) of a table {code: {"zh", "en"}}, each name in the language of the page
    it is shown on."""
    return [(code, label_lazy(names, code)) for code, names in table.items()]
