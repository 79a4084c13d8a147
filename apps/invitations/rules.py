"""The rules an invitation is checked against, from the module's settings (the profile's
``modules.invitations``, over the province's ``module_defaults.invitations``, over the
defaults of ``module.SETTINGS_SCHEMA``).

Each breach names its rule; an overridable one blocks submission until a division head or
director overrides it with a reason (``services.override_rule``); a blocked unit cannot
invite at all. Which invitations go up to the province is a chain fact (``needs_province``)
that the profile's ``approval_chains.invitation.escalate_to_province`` looks at.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.casework.rules import Breach

RULE_LABELS = {
    "min_lead_working_days": {"zh": "提前申报时间", "en": "Lead time"},
    "max_invitees": {"zh": "邀请人数", "en": "Number of invitees"},
    "passport_valid_months": {"zh": "护照有效期", "en": "Passport validity"},
    "blocked_unit": {"zh": "暂停邀请资格的单位", "en": "Unit barred from inviting"},
}


def settings() -> dict[str, Any]:
    from apps.registry.settings import module_settings

    return module_settings("invitations")


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def breaches(invitation, *, today: datetime.date | None = None) -> list[Breach]:
    from apps.workdays.calendar import working_days_between

    rules = settings()
    today = today or timezone.localdate()
    invitees = list(invitation.invitees.all())
    found: list[Breach] = []
    if invitation.unit_code in (rules.get("blocked_units") or []):
        found.append(
            Breach("blocked_unit", _("This unit may not invite foreigners at present."), overridable=False)
        )
    if (limit := rules.get("max_invitees")) and len(invitees) > limit:
        found.append(
            Breach(
                "max_invitees", _("%(n)d invitees; at most %(limit)d.") % {"n": len(invitees), "limit": limit}
            )
        )
    if (limit := rules.get("min_lead_working_days")) is not None:
        lead = working_days_between(today, invitation.arrival)
        if lead < limit:
            found.append(
                Breach(
                    "min_lead_working_days",
                    _("Arrival is %(lead)d working days away; at least %(limit)d are needed.")
                    % {"lead": lead, "limit": limit},
                )
            )
    if months := rules.get("passport_valid_months"):
        needed = add_months(invitation.departure, months)
        short = [i.name_latin for i in invitees if i.passport_expiry < needed]
        if short:
            found.append(
                Breach(
                    "passport_valid_months",
                    _(
                        "Passports must be valid until %(date)s (%(months)d months after the visit): %(names)s."  # noqa: E501
                    )
                    % {"date": needed.isoformat(), "months": months, "names": ", ".join(short)},
                )
            )
    return found


def needs_province(nationalities: list[str], categories: list[str]) -> bool:
    rules = settings()
    return bool(
        set(nationalities) & set(rules.get("province_countries") or [])
        or set(categories) & set(rules.get("province_categories") or [])
    )
