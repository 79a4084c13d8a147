"""What happens to an invitation when its case moves (called by the casework engine in its
transaction)."""

from __future__ import annotations

from apps.invitations.models import Invitation


def after_transition(*, case, transition, from_state, actor) -> None:
    if case.state == "approved" and from_state in ("in_review", "escalated"):
        count_approved(Invitation.for_case(case))


def count_approved(invitation: Invitation) -> None:
    """Keeps the province's figures current (``InvitationsModule.figures``)."""
    from apps.reporting import figures

    on = invitation.arrival
    invitees = list(invitation.invitees.all())
    figures.count(metric="invitations.invitations", on=on)
    figures.count(metric="invitations.invitees", on=on, by=len(invitees))
    figures.count(metric="invitations.by_kind", key=invitation.visit_kind, on=on)
    for invitee in invitees:
        figures.count(metric="invitations.by_country", key=invitee.nationality, on=on)
