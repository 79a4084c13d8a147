"""Reads of the Honorary Residents module: only what the actor may see (unit scoping)."""

from __future__ import annotations

from django.db.models import QuerySet

from apps.honorary_residents.models import Nomination


def nominations_for(actor) -> QuerySet[Nomination]:
    return Nomination.objects.visible_to(actor)


def search(actor, *, q="", state="", unit="", country="") -> QuerySet[Nomination]:
    queryset = nominations_for(actor).matching(q)
    if state:
        queryset = queryset.filter(case__state=state)
    if unit:
        queryset = queryset.filter(unit_code=unit)
    if country:
        queryset = queryset.filter(nationality=country.upper())
    return queryset.order_by("-created_at", "-pk")


def holders(actor, *, q="", country="") -> QuerySet[Nomination]:
    """The register: nominees whose certificate is issued, latest first."""
    queryset = search(actor, q=q, country=country).filter(case__state="certified")
    return queryset.order_by("-decision_date", "-pk")


def documents_of(nomination: Nomination):
    from apps.documents.models import Document

    return Document.objects.filter(
        subject_type="honorary_residents.nomination", subject_id=str(nomination.pk)
    ).only("id", "kind", "number", "title", "created_at")
