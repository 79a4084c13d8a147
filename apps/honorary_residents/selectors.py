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


def waiting_for(actor) -> list:
    """What the module asks of ``actor`` beyond approval steps: a returned nomination to
    change (its unit), the city government's decision to record, the certificate to issue."""
    from django.db import connection
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from apps.accounts.roles import permissions_for_role
    from apps.casework.selectors import WaitingItem

    granted = permissions_for_role(actor.role, connection.tenant.profile)
    mine = nominations_for(actor).order_by("created_at")
    tasks = [
        ("honorary_residents.submit", "returned", _("Change and resubmit the nomination")),
        ("honorary_residents.manage", "approved", _("Record the city government's decision")),
        ("honorary_residents.issue", "conferred", _("Issue the Honorary Resident certificate")),
    ]
    return [
        WaitingItem(
            task=task,
            title=row.title,
            url=reverse("honorary_residents:detail", args=[row.pk]),
            since=row.case.updated_at,
        )
        for permission, state, task in tasks
        if permission in granted
        for row in mine.filter(case__state=state)
    ]
