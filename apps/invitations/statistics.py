"""Half-year statistics of invitations: approved invitations whose visit starts in the
half-year, by inviting unit, by nationality and by kind of visit (web, XLSX, PDF, API)."""

from __future__ import annotations

from apps.casework.statistics import HalfYearReport, Measure, tabulate
from apps.invitations import selectors
from apps.invitations.models import VISIT_KINDS
from apps.registry import countries
from apps.registry.i18n import label
from apps.registry.units import unit_label

NAMES = {"zh": "邀请外国人来华统计", "en": "Invitations of foreigners to China"}
COUNTED_STATES = ("approved", "issued", "closed")
INVITATIONS = Measure("invitations", {"zh": "邀请批次", "en": "Invitations"})
INVITEES = Measure("invitees", {"zh": "人数", "en": "Invitees"}, lambda i: len(i.invitees.all()))
PERSON_DAYS = Measure(
    "person_days", {"zh": "人天数", "en": "Person-days"}, lambda i: len(i.invitees.all()) * i.days
)


def half_year_report(actor, *, year: int, half: int) -> HalfYearReport:
    start, end = HalfYearReport.period(year, half)
    invitations = list(
        selectors.invitations_for(actor)
        .filter(case__state__in=COUNTED_STATES, arrival__gte=start, arrival__lte=end)
        .prefetch_related("invitees")
        .order_by("arrival", "pk")
    )
    measures = [INVITATIONS, INVITEES, PERSON_DAYS]
    by_country = tabulate(
        [(i, invitee) for i in invitations for invitee in i.invitees.all()],
        key="country",
        names={"zh": "按国籍", "en": "By nationality"},
        group=lambda pair: pair[1].nationality,
        label_of=countries.name,
        measures=[
            Measure("invitees", INVITEES.names),
            Measure("person_days", PERSON_DAYS.names, lambda p: p[0].days),
        ],
    )
    return HalfYearReport(
        names=NAMES,
        year=year,
        half=half,
        start=start,
        end=end,
        slug="invitations-statistics",
        tables=[
            tabulate(
                invitations,
                key="unit",
                names={"zh": "按邀请单位", "en": "By inviting unit"},
                group=lambda i: i.unit_code,
                label_of=unit_label,
                measures=measures,
            ),
            by_country,
            tabulate(
                invitations,
                key="kind",
                names={"zh": "按来访类别", "en": "By kind of visit"},
                group=lambda i: i.visit_kind,
                label_of=lambda code: label(VISIT_KINDS.get(code, {}), code),
                measures=measures,
            ),
        ],
    )
