"""What happens to an interview request when its case moves (in the engine's transaction)."""

from __future__ import annotations

from django.utils import timezone

from apps.foreign_media.models import InterviewRequest


def after_transition(*, case, transition, from_state, actor) -> None:
    if transition.name == "consent":
        InterviewRequest.objects.filter(case=case).update(consent_by=actor, consent_at=timezone.now())
    if case.state == "approved" and from_state in ("in_review", "escalated"):
        from apps.reporting import figures

        interview = InterviewRequest.objects.select_related("outlet").get(case=case)
        figures.count(metric="foreign_media.interviews", on=interview.start)
        if interview.outlet.country:
            figures.count(metric="foreign_media.by_country", key=interview.outlet.country, on=interview.start)
