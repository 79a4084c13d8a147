"""Reads of the overseas NGOs module: a partner unit sees its own filings only; the register
and the annual cycle are the office's."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from apps.accounts.roles import permissions_for_role
from apps.accounts.scoping import is_unit_bound
from apps.overseas_ngos.models import (
    DOCUMENT_KINDS,
    AnnualDocument,
    AnnualReminder,
    Filing,
    Organisation,
    due_date,
)
from apps.registry import search as text_search
from apps.registry.i18n import label
from apps.registry.settings import module_settings


def _holds(actor, permission: str) -> bool:
    return permission in permissions_for_role(getattr(actor, "role", ""), connection.tenant.profile)


def filings_for(actor) -> QuerySet[Filing]:
    return Filing.objects.visible_to(actor).select_related("organisation")


def search_filings(actor, *, q="", state="", unit="", field="", country="") -> QuerySet[Filing]:
    queryset = filings_for(actor).matching(q)
    if state:
        queryset = queryset.filter(case__state=state)
    if unit:
        queryset = queryset.filter(unit_code=unit)
    if field:
        queryset = queryset.filter(organisation__field=field)
    if country:
        queryset = queryset.filter(organisation__country=country.upper())
    return queryset.order_by("-start", "-pk")


def organisations_for(actor) -> QuerySet[Organisation]:
    """The register (the office's): a partner unit sees none of it beyond the names it
    files for (``active_organisations``). ``None``: the system (reminders), all of it."""
    if actor is None:
        return Organisation.objects.all()
    if is_unit_bound(actor) or not _holds(actor, "overseas_ngos.oversee"):
        return Organisation.objects.none()
    return Organisation.objects.all()


def search_organisations(actor, *, q="", kind="", field="", country="", status="") -> QuerySet[Organisation]:
    queryset = organisations_for(actor)
    if q:
        queryset = text_search.matching(queryset, q)
    for name, value in (("kind", kind), ("field", field), ("status", status)):
        if value:
            queryset = queryset.filter(**{name: value})
    if country:
        queryset = queryset.filter(country=country.upper())
    return queryset.order_by("name_zh", "pk")


def active_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(status="active").order_by("name_zh", "pk")


@dataclass
class AnnualRow:
    """A representative office's plan or report for a year: due when, what the office
    has of it, whether it is late and when it was last reminded."""

    organisation: Organisation
    kind: str
    year: int
    due: datetime.date
    document: AnnualDocument | None
    reminded_on: datetime.date | None
    today: datetime.date

    @property
    def kind_label(self) -> str:
        return label(DOCUMENT_KINDS[self.kind], self.kind)

    @property
    def late(self) -> bool:
        missing = self.document is None or self.document.opinion == "returned"
        return missing and self.due < self.today

    @property
    def status_label(self) -> str:
        from django.utils.translation import gettext as _

        if self.document is not None and self.document.opinion != "returned":
            return self.document.get_opinion_display()
        if self.late:
            return _("Late")
        if self.document is not None:
            return self.document.get_opinion_display()
        return _("Not yet due")


def annual_rows(actor, *, years, kinds=("plan", "report"), today=None, organisation=None) -> list[AnnualRow]:
    """The annual cycle of the active representative offices for ``years`` (only what was
    due after an office was registered)."""
    today = today or timezone.localdate()
    offices = organisations_for(actor).filter(kind="office", status="active")
    if organisation is not None:
        offices = offices.filter(pk=organisation.pk)
    offices = list(offices.order_by("name_zh", "pk"))
    settings_ = module_settings("overseas_ngos")
    documents = {
        (d.organisation_id, d.kind, d.year): d
        for d in AnnualDocument.objects.filter(organisation__in=offices, year__in=list(years))
    }
    reminded: dict = {}
    for reminder in AnnualReminder.objects.filter(organisation__in=offices, year__in=list(years)).order_by(
        "reminded_on"
    ):
        reminded[(reminder.organisation_id, reminder.kind, reminder.year)] = reminder.reminded_on
    rows = []
    for office in offices:
        for year in years:
            for kind in kinds:
                due = due_date(kind, year, settings_)
                if office.registered_on and office.registered_on > due:
                    continue
                key = (office.pk, kind, year)
                rows.append(AnnualRow(office, kind, year, due, documents.get(key), reminded.get(key), today))
    return rows


CYCLE_DAYS = 366


def current_cycle(actor, today=None, organisation=None) -> list[AnnualRow]:
    """The plans and reports due within the last year or still to come (the current
    cycle: older ones are history, not chased)."""
    today = today or timezone.localdate()
    rows = annual_rows(
        actor, years=range(today.year - 1, today.year + 2), today=today, organisation=organisation
    )
    since = today - datetime.timedelta(days=CYCLE_DAYS)
    return [row for row in rows if row.due >= since]


def late(actor, today=None) -> list[AnnualRow]:
    """Who is late: plans and reports of the current cycle past due and not in (or
    returned), oldest due first."""
    rows = [row for row in current_cycle(actor, today) if row.late]
    return sorted(rows, key=lambda row: (row.due, row.organisation.name_zh))


def documents_for(actor) -> QuerySet[AnnualDocument]:
    if is_unit_bound(actor) or not _holds(actor, "overseas_ngos.oversee"):
        return AnnualDocument.objects.none()
    return AnnualDocument.objects.select_related("organisation", "received_by", "reviewed_by")


def attachments_of(filing: Filing):
    from apps.documents.models import Attachment

    return Attachment.objects.filter(subject_type="overseas_ngos.filing", subject_id=str(filing.pk)).only(
        "id", "filename", "content_type", "size", "uploaded_at"
    )
