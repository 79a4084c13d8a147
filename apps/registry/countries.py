"""Countries and regions a delegation may visit (ISO 3166-1 alpha-2, names from pycountry).

Hong Kong (HK) and Macao (MO) are the destinations of the Hong Kong/Macao kind of trip
and of no other; mainland China (CN) and Taiwan (TW, a separate procedure) are no
destinations here. Regions are the ones a province may grant extra days for.
"""

from __future__ import annotations

import functools
import gettext

import pycountry

from apps.registry import country_names
from apps.registry.i18n import speaks_english

HK_MACAO = {"HK", "MO"}
NOT_DESTINATIONS = {"CN", "TW"}

REGIONS: dict[str, set[str]] = {
    "latin_america": {
        "AG",
        "AI",
        "AR",
        "AW",
        "BB",
        "BL",
        "BO",
        "BQ",
        "BR",
        "BS",
        "BZ",
        "CL",
        "CO",
        "CR",
        "CU",
        "CW",
        "DM",
        "DO",
        "EC",
        "FK",
        "GD",
        "GF",
        "GP",
        "GT",
        "GY",
        "HN",
        "HT",
        "JM",
        "KN",
        "KY",
        "LC",
        "MF",
        "MQ",
        "MS",
        "MX",
        "NI",
        "PA",
        "PE",
        "PR",
        "PY",
        "SR",
        "SV",
        "SX",
        "TC",
        "TT",
        "UY",
        "VC",
        "VE",
        "VG",
        "VI",
    },
    "africa": {
        "AO",
        "BF",
        "BI",
        "BJ",
        "BW",
        "CD",
        "CF",
        "CG",
        "CI",
        "CM",
        "CV",
        "DJ",
        "DZ",
        "EG",
        "EH",
        "ER",
        "ET",
        "GA",
        "GH",
        "GM",
        "GN",
        "GQ",
        "GW",
        "KE",
        "KM",
        "LR",
        "LS",
        "LY",
        "MA",
        "MG",
        "ML",
        "MR",
        "MU",
        "MW",
        "MZ",
        "NA",
        "NE",
        "NG",
        "RE",
        "RW",
        "SC",
        "SD",
        "SH",
        "SL",
        "SN",
        "SO",
        "SS",
        "ST",
        "SZ",
        "TD",
        "TG",
        "TN",
        "TZ",
        "UG",
        "YT",
        "ZA",
        "ZM",
        "ZW",
    },
}


@functools.cache
def _chinese():
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])


def is_known(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None


def name(code: str) -> str:
    """The country's or region's name in the active language (the code if unknown)."""
    return name_in(code, "en" if speaks_english() else "zh")


def name_in(code: str, language: str) -> str:
    """The name in ``language`` ("zh" or "en"), whatever the active language: the
    standard names of ``apps.registry.country_names`` first, then pycountry's."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    if language == "en":
        return country_names.EN.get(code) or getattr(country, "common_name", None) or country.name
    return country_names.ZH.get(code) or _chinese().gettext(country.name)


def both(code: str) -> dict[str, str]:
    return {"zh": name_in(code, "zh"), "en": name_in(code, "en")}


def regions_of(codes) -> list[str]:
    return sorted(region for region, members in REGIONS.items() if members & set(codes))


def choices(kind: str) -> list[tuple[str, str]]:
    """(code, name) in the active language, sorted by name: the destinations a trip of this
    kind may have ("hkmo", or any other kind: abroad), or "nationality": every country or
    region but China."""
    return _choices(kind, speaks_english())


@functools.cache
def _choices(kind: str, english: bool) -> list[tuple[str, str]]:
    # ``english`` is part of the cache key: the names below are in the active language.
    if kind == "hkmo":
        return [(code, name(code)) for code in sorted(HK_MACAO)]
    if kind == "nationality":
        codes = [country.alpha_2 for country in pycountry.countries if country.alpha_2 != "CN"]
        return sorted(((code, name(code)) for code in codes), key=lambda pair: pair[1])
    codes = [
        country.alpha_2
        for country in pycountry.countries
        if country.alpha_2 not in HK_MACAO | NOT_DESTINATIONS
    ]
    return sorted(((code, name(code)) for code in codes), key=lambda pair: pair[1])
