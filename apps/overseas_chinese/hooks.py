"""What happens to the module's records when their case moves (called by the casework
engine inside its transaction)."""

from __future__ import annotations

from apps.overseas_chinese.models import COMPLAINT_OPEN_STATES, Complaint


def after_transition(*, case, transition, from_state, actor) -> None:
    if case.workflow == "overseas_chinese.complaint":
        sync_complaint(Complaint.for_case(case), case.state)


def current_due(complaint: Complaint, state: str):
    """The deadline running in ``state``: acceptance while received, handling after."""
    if state == "received":
        return complaint.accept_due
    if state in ("accepted", "transferred"):
        return complaint.handle_due
    return None


def sync_complaint(complaint: Complaint, state: str) -> None:
    """Keeps the list's columns (open, deadline now running) with the case's state."""
    Complaint.objects.filter(pk=complaint.pk).update(
        is_open=state in COMPLAINT_OPEN_STATES, due_on=current_due(complaint, state)
    )
