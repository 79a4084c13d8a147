"""What happens to a nomination when its case moves (called by the engine in its transaction)."""

from __future__ import annotations

from django.utils import timezone

from apps.honorary_residents.models import Nomination


def after_transition(*, case, transition, from_state, actor) -> None:
    if case.state == "conferred" and from_state == "approved":
        nomination = Nomination.for_case(case)
        from apps.reporting import figures

        on = nomination.decision_date or timezone.localdate()
        figures.count(metric="honorary_residents.conferred", on=on)
        figures.count(metric="honorary_residents.by_country", key=nomination.nationality, on=on)
        figures.count(metric="honorary_residents.by_field", key=nomination.field, on=on)
