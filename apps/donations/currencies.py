"""Currencies by their ISO 4217 codes (names from pycountry, in both languages).

Fund codes, precious metals and testing codes (X..) are no currencies a donor pays in."""

from __future__ import annotations

import functools
import gettext

import pycountry

from apps.registry.i18n import speaks_english

BASE = "CNY"


@functools.cache
def _chinese():
    return gettext.translation("iso4217", pycountry.LOCALES_DIR, languages=["zh_CN"])


@functools.cache
def codes() -> tuple[str, ...]:
    return tuple(
        sorted(
            c.alpha_3
            for c in pycountry.currencies
            if not c.alpha_3.startswith("X") or c.alpha_3 in ("XAF", "XOF", "XCD", "XPF")
        )
    )


def is_known(code: str) -> bool:
    return code in codes()


def names(code: str) -> dict[str, str]:
    currency = pycountry.currencies.get(alpha_3=code)
    if currency is None:
        return {"zh": code, "en": code}
    return {"zh": _chinese().gettext(currency.name), "en": currency.name}


def name(code: str) -> str:
    return names(code)["en" if speaks_english() else "zh"]


def choices() -> list[tuple[str, str]]:
    """(code, "USD 美元"): the common ones first, then the rest by code."""
    return _choices(speaks_english())


COMMON = ("CNY", "USD", "EUR", "HKD", "MOP", "TWD", "JPY", "GBP", "SGD", "AUD", "CAD", "KRW", "MYR", "THB")


@functools.cache
def _choices(english: bool) -> list[tuple[str, str]]:
    language = "en" if english else "zh"
    ordered = [*COMMON, *(code for code in codes() if code not in COMMON)]
    return [(code, f"{code} {names(code)[language]}") for code in ordered]


def table() -> dict[str, dict[str, str]]:
    """{code: {"zh", "en"}}: the labels of the province's figures by currency."""
    return {code: names(code) for code in codes()}
