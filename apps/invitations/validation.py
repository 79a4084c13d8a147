"""Checks of an invitation's data before anything is written (web form and API alike).
Errors are collected for every field (``invitees[1].passport_expiry``: ...) and raised
together; nothing is saved when there is any."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.registry import countries

# A name as printed in the passport's machine-readable zone: Latin letters, spaces,
# hyphens, apostrophes (accents are transliterated there, so none here either).
LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'\-]*$")
PASSPORT_NUMBER = re.compile(r"^[A-Z0-9]{5,20}$")


def check(data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    arrival, departure = data.get("arrival"), data.get("departure")
    if arrival and departure and departure < arrival:
        add("departure", _("The departure is before the arrival."))
    if not data.get("acknowledge_responsibility"):
        add(
            "acknowledge_responsibility", _("The inviting unit must undertake responsibility for its guests.")
        )
    invitees = data.get("invitees") or []
    if not invitees:
        add("invitees", _("At least one invitee is needed."))
    seen_numbers: dict[str, int] = {}
    seen_people: dict[tuple, int] = {}
    for index, invitee in enumerate(invitees):
        where = f"invitees[{index}]"
        name = (invitee.get("name_latin") or "").strip()
        if name and not LATIN_NAME.match(name):
            add(
                f"{where}.name_latin",
                _("“%(name)s”: write the name in Latin letters, as in the passport.") % {"name": name},
            )
        code = (invitee.get("nationality") or "").upper()
        if not countries.is_known(code) or code == "CN":
            add(f"{where}.nationality", _("Unknown country or region code “%(code)s”.") % {"code": code})
        number = (invitee.get("passport_number") or "").upper()
        if number and not PASSPORT_NUMBER.match(number):
            add(
                f"{where}.passport_number",
                _("“%(number)s” is not a passport number (letters and digits).") % {"number": number},
            )
        expiry = invitee.get("passport_expiry")
        if expiry and arrival and expiry < arrival:
            add(f"{where}.passport_expiry", _("The passport has expired by the arrival."))
        elif expiry and departure and expiry <= departure:
            add(f"{where}.passport_expiry", _("The passport expires before the visit ends."))
        birth = invitee.get("birth_date")
        if birth and arrival and birth >= arrival:
            add(f"{where}.birth_date", _("The date of birth is after the visit starts."))
        duplicate_passport = bool(number) and number in seen_numbers
        if duplicate_passport:
            add(
                f"{where}.passport_number",
                _("Invitee %(n)d has the same passport.") % {"n": seen_numbers[number] + 1},
            )
        else:
            seen_numbers[number] = index
        person = (name.upper(), birth)
        if person in seen_people and not duplicate_passport:
            add(
                f"{where}.name_latin",
                _("%(name)s is already invitee %(n)d.") % {"name": name, "n": seen_people[person] + 1},
            )
        seen_people.setdefault(person, index)
    if errors:
        raise ValidationError(errors)
