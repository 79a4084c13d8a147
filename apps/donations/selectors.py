"""Reads of the donations module: only what the actor may see (unit scoping)."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from apps.donations.models import PUBLIC_STATES, Donation, Donor, ExchangeRate
from apps.registry import search as text_search


def donations_for(actor) -> QuerySet[Donation]:
    return Donation.objects.visible_to(actor).select_related("donor")


def search(actor, *, q="", state="", unit="", country="", kind="", year=None) -> QuerySet[Donation]:
    queryset = donations_for(actor).matching(q)
    if state:
        queryset = queryset.filter(case__state=state)
    if unit:
        queryset = queryset.filter(unit_code=unit)
    if country:
        queryset = queryset.filter(donor__country=country.upper())
    if kind:
        queryset = queryset.filter(kind=kind)
    if year:
        queryset = queryset.filter(offered_on__year=year)
    return queryset.order_by("-offered_on", "-pk")


def donors_for(actor, *, q="", country="") -> QuerySet[Donor]:
    """Donors of the donations the actor may see."""
    queryset = Donor.objects.filter(pk__in=donations_for(actor).values("donor_id"))
    if q:
        queryset = text_search.matching(queryset, q)
    if country:
        queryset = queryset.filter(country=country.upper())
    return queryset.order_by("name", "pk")


def history_of(actor, donor: Donor) -> QuerySet[Donation]:
    return donations_for(actor).filter(donor=donor).order_by("-offered_on", "-pk")


def overdue(today: datetime.date | None = None) -> QuerySet[Donation]:
    """Donations in use whose progress report or completion is past due."""
    today = today or timezone.localdate()
    return Donation.objects.filter(case__state="in_use").filter(
        Q(next_report_due__lt=today) | Q(use_due__lt=today)
    )


def public_donations() -> QuerySet[Donation]:
    """What the public page lists: accepted donations with their certificate issued."""
    return (
        Donation.objects.filter(case__state__in=PUBLIC_STATES)
        .select_related("donor", "case")
        .prefetch_related("items", "reports")
        .order_by("-accepted_on", "-pk")
    )


def rates() -> QuerySet[ExchangeRate]:
    return ExchangeRate.objects.order_by("currency", "-effective_on")


def documents_of(donation: Donation):
    from apps.documents.models import Document

    return Document.objects.filter(subject_type="donations.donation", subject_id=str(donation.pk)).only(
        "id", "kind", "number", "title", "created_at"
    )


def attachments_of(donation: Donation):
    from apps.documents.models import Attachment

    return Attachment.objects.filter(subject_type="donations.donation", subject_id=str(donation.pk)).only(
        "id", "filename", "content_type", "size", "uploaded_at"
    )
