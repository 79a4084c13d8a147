"""The limits on official trips, as the province sets them and the city may tighten them
(``trip_limits`` in both profiles), checked against one delegation.

Each breach names its rule. An authorised role may override an overridable breach with a
recorded justification (``services.override_limit``); a traveller whose travel document
is overdue beyond the limit can never be put on a new application.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.casework.rules import Breach
from apps.registry import countries
from apps.registry.settings import module_settings
from apps.registry.units import UNIT_KIND_LABELS  # noqa: F401 (re-exported)

# The rules by code, as breaches, overrides and figures name them.
RULE_LABELS = {
    "max_members": {"zh": "团组人数", "en": "Delegation size"},
    "max_countries": {"zh": "出访国家（地区）数", "en": "Countries per trip"},
    "max_days": {"zh": "在外天数", "en": "Days abroad"},
    "min_lead_working_days": {"zh": "提前申报时间", "en": "Lead time"},
    "max_trips_per_person_per_year": {"zh": "每人每年出访次数", "en": "Trips per person per year"},
    "travel_document_overdue": {"zh": "证照逾期未交", "en": "Travel document overdue"},
}
COUNTED_STATES = {"in_review", "escalated", "approved", "on_hold", "issued", "closed"}


def effective_limits(city=None) -> dict[str, Any]:
    """The module's defaults, under the province's, under the city's own."""
    return module_settings("trips", city)


def counted_countries(destinations) -> list[str]:
    """Countries/regions that count: transits count unless the traveller stays airside."""
    seen = []
    for destination in destinations:
        if not destination.transit_airside and destination.country not in seen:
            seen.append(destination.country)
    return seen


def max_days(limits: dict[str, Any], codes: list[str]) -> int | None:
    table = limits.get("max_days_by_country_count") or {}
    if not table or not codes:
        return None
    counts = sorted(int(key) for key in table)
    key = next((count for count in counts if count >= len(codes)), counts[-1])
    allowed = table[str(key)]
    if set(limits.get("extra_days_regions") or ()) & set(countries.regions_of(codes)):
        allowed += limits.get("extra_days") or 0
    return allowed


def breaches(delegation, *, today: datetime.date | None = None) -> list[Breach]:
    from apps.trips.models import Delegation, TravelDocument
    from apps.workdays.calendar import working_days_between

    limits = effective_limits()
    today = today or timezone.localdate()
    members = list(delegation.members.all())
    destinations = list(delegation.destinations.all())
    codes = counted_countries(destinations)
    found: list[Breach] = []

    if (limit := limits.get("max_members")) and len(members) > limit:
        found.append(
            Breach(
                "max_members", _("%(n)d members; at most %(limit)d.") % {"n": len(members), "limit": limit}
            )
        )
    if (limit := limits.get("max_countries")) and len(codes) > limit:
        found.append(
            Breach(
                "max_countries",
                _("%(n)d countries/regions; at most %(limit)d.") % {"n": len(codes), "limit": limit},
            )
        )
    if (allowed := max_days(limits, codes)) is not None and delegation.days > allowed:
        found.append(
            Breach(
                "max_days",
                _("%(days)d days for %(n)d countries/regions; at most %(limit)d.")
                % {"days": delegation.days, "n": len(codes), "limit": allowed},
            )
        )
    if (limit := limits.get("min_lead_working_days")) is not None:
        lead = working_days_between(today, delegation.departure)
        if lead < limit:
            found.append(
                Breach(
                    "min_lead_working_days",
                    _("Departure is %(lead)d working days away; at least %(limit)d are needed.")
                    % {"lead": lead, "limit": limit},
                )
            )
    if limit := limits.get("max_trips_per_person_per_year"):
        year = delegation.departure.year
        for member in members:
            trips = (
                Delegation.objects.filter(
                    departure__year=year,
                    case__state__in=COUNTED_STATES,
                    members__name=member.name,
                    members__birth_date=member.birth_date,
                )
                .exclude(pk=delegation.pk)
                .distinct()
                .count()
            )
            if trips >= limit:
                found.append(
                    Breach(
                        "max_trips_per_person_per_year",
                        _("%(name)s already has %(n)d trip(s) in %(year)d; at most %(limit)d.")
                        % {"name": member.name, "n": trips, "year": year, "limit": limit},
                    )
                )
    if block_days := limits.get("passport_overdue_block_days"):
        cutoff = today - datetime.timedelta(days=block_days)
        for member in members:
            overdue = TravelDocument.objects.filter(
                holder_name=member.name,
                holder_birth_date=member.birth_date,
                status=TravelDocument.Status.ISSUED,
                due_back__lt=cutoff,
            ).first()
            if overdue is not None:
                found.append(
                    Breach(
                        "travel_document_overdue",
                        _("%(name)s has not returned %(number)s, due back on %(due)s.")
                        % {"name": member.name, "number": overdue.number, "due": overdue.due_back},
                        overridable=False,
                    )
                )
    return found
