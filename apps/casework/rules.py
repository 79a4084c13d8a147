"""Rules an application is checked against before it goes for review (a module's limits
from its settings), and their overrides.

A module's check returns ``Breach`` rows, each naming its rule; an overridable breach
blocks submission until an authorised role overrides it with a recorded justification,
an absolute one (a barred unit, an overdue passport past the block) never lets it through.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# An override is a decision about a live application: none on one that is withdrawn or
# refused (it would count in the province's figures for nothing).
CLOSED_STATES = ("withdrawn", "rejected")


@dataclass(frozen=True)
class Breach:
    rule: str
    message: str
    overridable: bool = True


def still_open(breaches: Iterable[Breach], overridden: Iterable[str]) -> list[Breach]:
    """The breaches that still block: every absolute one, and the overridable ones whose
    rule has not been overridden."""
    done = set(overridden)
    return [breach for breach in breaches if not (breach.overridable and breach.rule in done)]


def refuse_override_when_closed(case) -> None:
    """ValidationError when ``case`` is withdrawn or refused: no override on it."""
    if case.state in CLOSED_STATES:
        raise ValidationError(
            {"rule": [_("This application is withdrawn or refused: nothing to override.")]}, code="closed"
        )
