"""What happens to a delegation when its case moves (called by the casework engine inside
its transaction), and what the provincial FAO sees of an escalated one."""

from __future__ import annotations

from django.utils import timezone

from apps.trips import countries, limits
from apps.trips.models import Delegation


def after_transition(*, case, transition, from_state, actor) -> None:
    delegation = Delegation.objects.get(case=case)
    if case.state == "approved" and from_state in ("in_review", "escalated"):
        _start_public_notice(delegation)
        _count_approved(delegation)
    if case.state == "issued":
        _set_report_due(delegation)


def _start_public_notice(delegation: Delegation) -> None:
    from apps.workdays.calendar import add_working_days

    today = timezone.localdate()
    days = limits.effective_limits().get("notice_working_days") or 5
    delegation.notice_from = today
    delegation.notice_until = add_working_days(today, days)
    delegation.save(update_fields=["notice_from", "notice_until"])


def _set_report_due(delegation: Delegation) -> None:
    from apps.workdays.calendar import add_working_days

    days = limits.effective_limits().get("report_due_working_days") or 22
    delegation.report_due = add_working_days(delegation.return_date, days)
    delegation.save(update_fields=["report_due"])


def _count_approved(delegation: Delegation) -> None:
    """Keeps the province's figures current (apps.provincial.models.MonthlyFigure)."""
    from apps.provincial.services import count

    on = delegation.departure
    members = delegation.members.count()
    count(metric="trips.delegations", on=on)
    count(metric="trips.people", on=on, by=members)
    count(metric="trips.days", on=on, by=delegation.days * members)
    count(metric="trips.by_unit_kind", key=delegation.unit_kind or "other", on=on)
    count(metric="trips.by_kind", key=delegation.kind, on=on)
    for code in limits.counted_countries(delegation.destinations.all()):
        count(metric="trips.by_destination", key=code, on=on)


def escalation_summary(case) -> dict:
    """The whole application, personal details included: the province decides on it."""
    delegation = Delegation.objects.get(case=case)
    return {
        "kind": delegation.kind,
        "title": delegation.title,
        "unit": delegation.unit_code,
        "purpose": delegation.purpose,
        "inviter": f"{delegation.inviter_name} ({delegation.inviter_country})",
        "departure": delegation.departure.isoformat(),
        "return_date": delegation.return_date.isoformat(),
        "budget": str(delegation.budget),
        "destinations": [
            {"country": d.country, "name": countries.name(d.country), "arrive": d.arrive.isoformat(),
             "leave": d.leave.isoformat()}
            for d in delegation.destinations.all()
        ],
        "members": [
            {"name": m.name, "gender": m.gender, "birth_date": m.birth_date.isoformat(), "unit": m.unit,
             "position": m.position, "rank": m.rank}
            for m in delegation.members.all()
        ],
    }  # fmt: skip
