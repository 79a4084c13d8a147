"""The biannual statistics of official trips (a city reports them to the provincial FAO
twice a year): per submitting unit, the delegations that departed in the half-year and
were approved (approved, issued or closed), with totals. A read, like the selectors.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from apps.trips import limits, selectors
from apps.trips.models import Delegation, TravelDocument
from apps.workdays.periods import current_period, half_year, parse_period  # noqa: F401 (re-exported)

APPROVED_STATES = ("approved", "issued", "closed")

# Column of the table -> (Chinese, English) heading, in order (web, XLSX, PDF, API).
COLUMNS = {
    "delegations": ("团组数", "Delegations"),
    "people": ("人数", "People"),
    "countries": ("国家/地区数", "Countries/regions"),
    "person_days": ("在外人天数", "Person-days abroad"),
    "overrides": ("超限批准", "Limits overridden"),
    "overdue_documents": ("逾期未交证照", "Travel documents overdue"),
    "overdue_reports": ("逾期未交报告", "Post-trip reports overdue"),
}


@dataclass
class Row:
    unit_code: str
    unit_name: str
    delegations: int = 0
    people: int = 0
    countries: int = 0
    person_days: int = 0
    overrides: int = 0
    overdue_documents: int = 0
    overdue_reports: int = 0
    country_codes: set[str] = field(default_factory=set, repr=False)

    def values(self) -> list[int]:
        return [getattr(self, key) for key in COLUMNS]

    def as_dict(self) -> dict:
        return {
            "unit_code": self.unit_code,
            "unit_name": self.unit_name,
            **{k: getattr(self, k) for k in COLUMNS},
        }


@dataclass
class Statistics:
    year: int
    half: int
    start: datetime.date
    end: datetime.date
    today: datetime.date
    rows: list[Row]
    total: Row

    @property
    def period_label(self) -> str:
        return f"{self.year}年{'上' if self.half == 1 else '下'}半年 / {self.year} H{self.half}"

    def as_dict(self) -> dict:
        return {
            "year": self.year,
            "half": self.half,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "as_of": self.today.isoformat(),
            "units": [row.as_dict() for row in self.rows],
            "total": {key: getattr(self.total, key) for key in COLUMNS},
        }


def _unit_names() -> dict[str, str]:
    """Each unit's name in the active language."""
    from apps.registry.units import unit_choices

    return dict(unit_choices())


def biannual(actor, *, year: int, half: int, today: datetime.date | None = None) -> Statistics:
    """The figures of the half-year ``half`` (1 or 2) of ``year`` over the delegations the
    actor may see; overdue items are counted as of ``today``."""
    today = today or timezone.localdate()
    start, end = half_year(year, half)
    delegations = (
        selectors.delegations_for(actor)
        .filter(case__state__in=APPROVED_STATES, departure__gte=start, departure__lte=end)
        .prefetch_related("members", "destinations", "overrides")
        .order_by("unit_code", "departure", "pk")
    )
    overdue_documents: dict[int, int] = {}
    for delegation_id in (
        selectors.overdue_travel_documents(today)
        .filter(issued_for__in=delegations)
        .values_list("issued_for_id", flat=True)
    ):
        overdue_documents[delegation_id] = overdue_documents.get(delegation_id, 0) + 1

    names = _unit_names()
    rows: dict[str, Row] = {}
    total = Row(unit_code="", unit_name="合计 Total")
    for delegation in delegations:
        row = rows.get(delegation.unit_code)
        if row is None:
            code = delegation.unit_code
            row = rows[code] = Row(unit_code=code, unit_name=names.get(code, code))
        members = len(delegation.members.all())
        codes = limits.counted_countries(delegation.destinations.all())
        late_report = int(
            delegation.case.state == "issued"
            and bool(delegation.report_due)
            and delegation.report_due < today
        )
        for target in (row, total):
            target.delegations += 1
            target.people += members
            target.person_days += members * delegation.days
            target.overrides += len(delegation.overrides.all())
            target.overdue_documents += overdue_documents.get(delegation.pk, 0)
            target.overdue_reports += late_report
            target.country_codes.update(codes)
    for target in (*rows.values(), total):
        target.countries = len(target.country_codes)
    return Statistics(
        year=year, half=half, start=start, end=end, today=today, rows=list(rows.values()), total=total
    )


def overdue_counts(today: datetime.date) -> dict[str, int]:
    """What is overdue in the current city now (the snapshot the province sees)."""
    documents = TravelDocument.objects.filter(status=TravelDocument.Status.ISSUED, due_back__lt=today).count()
    reports = Delegation.objects.filter(case__state="issued", report_due__lt=today).count()
    return {"documents": documents, "reports": reports}
