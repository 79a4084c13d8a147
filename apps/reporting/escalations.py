"""Cases going up to the provincial FAO: written by the casework engine in the city's
transaction (the public tables are on every city's search_path), so a case is never
escalated without its row here."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from apps.reporting.models import EscalatedCase


def receive_escalation(*, case, workflow, summary: dict) -> EscalatedCase:
    """Called by the casework engine in the city's transaction when a case goes up."""
    city = connection.tenant
    escalation, _created = EscalatedCase.objects.update_or_create(
        city_id=city.pk,
        case_id=case.pk,
        defaults={
            "province_id": city.province_id,
            "workflow": workflow.id,
            "title": case.title,
            "summary": summary,
            "state": EscalatedCase.State.PENDING,
            "escalated_at": timezone.now(),
            "decided_at": None,
            "decided_by": "",
            "comment": "",
        },
    )
    return escalation
