"""Checks of a delegation's data before anything is written (web form and API alike).

Errors are collected for every field (``members[1].document_number``: ...) and raised
together as one ``ValidationError``; nothing is saved when there is any.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.registry import countries
from apps.registry.i18n import label
from apps.trips import limits

# The most member rows an application holds where the profile sets no delegation size.
DEFAULT_MEMBER_ROWS = 12

DOCUMENT_NUMBER_PATTERNS = {
    "official_passport": re.compile(r"^[A-Z]{1,2}[0-9]{7,8}$"),
    "service_passport": re.compile(r"^[A-Z]{1,2}[0-9]{7,8}$"),
    "hkmo_permit": re.compile(r"^C[0-9A-Z][0-9]{7}$"),
}
DOCUMENT_EXAMPLES = {
    "official_passport": "SE1234567",
    "service_passport": "S12345678",
    "hkmo_permit": "C12345678",
}


def rule_label(rule: str) -> str:
    """A limit's name in the reader's language (never its code)."""
    return label(limits.RULE_LABELS.get(rule, {}), rule)


def max_member_rows() -> int:
    """The most members an application can hold, on the form and in the API alike: twice
    the delegation size of the limits (``max_members``, which an authorised role may
    override with a justification), ``DEFAULT_MEMBER_ROWS`` where none is set."""
    size = limits.effective_limits().get("max_members")
    return 2 * int(size) if size else DEFAULT_MEMBER_ROWS


def normalise(data: dict[str, Any]) -> dict[str, Any]:
    """Tidies what people type before it is checked (web and API alike): document numbers
    and country codes upper-cased and stripped ("se1234567" is SE1234567, not an error)."""
    for member in data.get("members") or []:
        if isinstance(member.get("document_number"), str):
            member["document_number"] = member["document_number"].strip().upper()
    for destination in data.get("destinations") or []:
        if isinstance(destination.get("country"), str):
            destination["country"] = destination["country"].strip().upper()
    if isinstance(data.get("inviter_country"), str):
        data["inviter_country"] = data["inviter_country"].strip().upper()
    return data


def check(data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    kind = data.get("kind", "abroad")
    departure, return_date = data.get("departure"), data.get("return_date")
    if departure and return_date and return_date < departure:
        add("return_date", _("The return date is before the departure date."))
    inviter_country = data.get("inviter_country", "")
    if inviter_country and not countries.is_known(inviter_country):
        add("inviter_country", _("Unknown country or region code “%(code)s”.") % {"code": inviter_country})

    destinations = data.get("destinations") or []
    if not destinations:
        add("destinations", _("At least one destination is needed."))
    for index, destination in enumerate(destinations):
        where = f"destinations[{index}]"
        code = destination.get("country", "")
        if not countries.is_known(code) or code in countries.NOT_DESTINATIONS:
            add(f"{where}.country", _("Unknown country or region code “%(code)s”.") % {"code": code})
        elif kind == "hkmo" and code not in countries.HK_MACAO:
            add(f"{where}.country", _("A Hong Kong/Macao trip goes to HK or MO only."))
        elif kind == "abroad" and code in countries.HK_MACAO:
            add(f"{where}.country", _("Hong Kong and Macao trips are their own kind of application."))
        arrive, leave = destination.get("arrive"), destination.get("leave")
        if arrive and leave and leave < arrive:
            add(f"{where}.leave", _("Leaves before it arrives."))
        if departure and return_date and arrive and leave and (arrive < departure or leave > return_date):
            add(f"{where}.arrive", _("Outside the dates of the trip."))

    members = data.get("members") or []
    if not members:
        add("members", _("At least one member is needed."))
    elif len(members) > (most := max_member_rows()):
        add(
            "members",
            _("%(n)d members: an application holds at most %(limit)d.") % {"n": len(members), "limit": most},
        )
    seen: dict[tuple, int] = {}
    for index, member in enumerate(members):
        where = f"members[{index}]"
        identity = (member.get("name", "").strip(), member.get("birth_date"))
        if identity in seen:
            add(
                f"{where}.name",
                _("%(name)s is already member %(n)d.") % {"name": identity[0], "n": seen[identity] + 1},
            )
        seen.setdefault(identity, index)
        document_type = member.get("document_type", "")
        if kind == "hkmo" and document_type != "hkmo_permit":
            add(f"{where}.document_type", _("Hong Kong/Macao trips travel on the exit-entry permit."))
        if kind == "abroad" and document_type == "hkmo_permit":
            add(f"{where}.document_type", _("Trips abroad travel on a passport."))
        pattern = DOCUMENT_NUMBER_PATTERNS.get(document_type)
        number = member.get("document_number", "")
        if pattern is not None and not pattern.match(number):
            add(
                f"{where}.document_number",
                _("“%(number)s” is not a valid number for this document (e.g. %(example)s).")
                % {"number": number, "example": DOCUMENT_EXAMPLES[document_type]},
            )
    if sum(1 for member in members if member.get("is_interpreter")) > 1:
        add("members", _("Only one member can be the interpreter."))
    if errors:
        raise ValidationError(errors)
