"""Texts and clients for the profile operations tests."""

from __future__ import annotations

from city_profiles import CITIES_DIR
from tests.conftest import in_city
from tests.factories import UserFactory


def city_text(code: str) -> str:
    return (CITIES_DIR / f"{code}.yaml").read_text(encoding="utf-8")


def new_city_text() -> str:
    """Quzhou's profile as a new city, Lishui (丽水), in Zhejiang."""
    text = city_text("quzhou")
    return (
        text.replace("code: quzhou", "code: lishui")
        .replace("subdomain: quzhou", "subdomain: lishui")
        .replace("衢州市人民政府外事侨务办公室", "丽水市人民政府外事办公室")
        .replace(
            "Quzhou Municipal Foreign Affairs and Overseas Chinese Affairs Office", "Lishui Municipal FAO"
        )
    )


def with_module(text: str, module_id: str) -> str:
    return text.replace("\nmodules:\n", f"\nmodules:\n  {module_id}: {{}}\n", 1)


def line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the text")


def operator():
    with in_city("public"):
        return UserFactory(username="ops_profiles", role="operator")
