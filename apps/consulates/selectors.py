"""Reads of the consulates module (the office's own work: every office role with the view
permission reads all of it)."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from apps.consulates.models import LiaisonEntry, NationalDay, Posting
from apps.partners.models import Partner
from apps.registry import search as text_search


def consulates() -> QuerySet[Partner]:
    return Partner.objects.filter(kind="consulate")


def current_heads(today: datetime.date) -> dict[int, Posting]:
    """{consulate id: its head of post today} (consul general, ambassador, head of office)."""
    rows = (
        Posting.objects.select_related("person")
        .filter(post__in=("consul_general", "ambassador", "head_of_office"), term_start__lte=today)
        .exclude(term_end__lt=today)
        .order_by("term_start")
    )
    return {row.partner_id: row for row in rows}


def postings(*, partner: int | None = None) -> QuerySet[Posting]:
    rows = Posting.objects.select_related("partner", "person")
    return rows.filter(partner_id=partner) if partner else rows


def liaison(
    *, q: str = "", status: str = "", partner: int | None = None, today=None
) -> QuerySet[LiaisonEntry]:
    today = today or datetime.date.today()
    rows = LiaisonEntry.objects.select_related("partner")
    if q:
        rows = text_search.matching(rows, q)
    if partner:
        rows = rows.filter(partner_id=partner)
    if status == "open":
        rows = rows.filter(deadline__isnull=False, answered_on__isnull=True)
    elif status == "overdue":
        rows = overdue(rows, today)
    return rows.order_by("-date", "-pk")


def overdue(rows: QuerySet[LiaisonEntry], today: datetime.date) -> QuerySet[LiaisonEntry]:
    return rows.filter(deadline__lt=today, answered_on__isnull=True)


def national_days(*, upcoming: bool = False, today=None) -> QuerySet[NationalDay]:
    today = today or datetime.date.today()
    rows = NationalDay.objects.select_related("partner")
    return rows.filter(date__gte=today).order_by("date") if upcoming else rows.order_by("-date", "-pk")
