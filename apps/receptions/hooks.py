"""What happens when a visit's or a registration's case moves (called by the casework
engine in its transaction): the province's figures (``ReceptionsModule.figures``)."""

from __future__ import annotations


def after_transition(*, case, transition, from_state, actor) -> None:
    from apps.reporting import figures

    if case.workflow == "receptions.registration":
        if case.state == "reviewed" and from_state in ("in_review", "escalated"):
            from apps.receptions.models import Registration

            figures.count(metric="receptions.registered", on=Registration.for_case(case).arrival)
        return
    if case.state == "approved" and from_state in ("in_review", "escalated"):
        from apps.receptions.models import Visit

        count_approved(Visit.for_case(case))


def count_approved(visit) -> None:
    from apps.receptions import levels, services
    from apps.reporting import figures

    on = visit.arrival
    guests = [p for p in visit.participants.all() if p.side == "guest"]
    figures.count(metric="receptions.visits", on=on)
    figures.count(metric="receptions.guests", on=on, by=len(guests))
    if visit.country:
        figures.count(metric="receptions.by_country", key=visit.country, on=on)
    chief = services.chief_guest(visit)
    level = levels.effective(chief.protocol_rank if chief else "", levels.requested(visit)).get("meets")
    if level:
        figures.count(metric="receptions.by_level", key=level, on=on)
