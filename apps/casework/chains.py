"""Approval chains from the office profile, resolved for one case's facts.

A profile's ``approval_chains.<key>`` lists the steps in order, each a role, or a role
with a condition (``{role: director, when: {min_rank: division}}``), and the condition
under which the case goes up to the provincial FAO once the city's steps are done::

    approval_chains:
      trip:
        steps: [reviewer, division_head, {role: director, when: {min_budget: 100000}}]
        escalate_to_province: {min_rank: department}

A condition holds when every key it lists holds for the case's facts:

* ``min_rank``: the highest rank among the people concerned is at least this rank;
* ``destinations_any``: one of the destinations (ISO 3166 codes, HK and MO included) is listed;
* ``regions_any``: one of the destinations lies in a listed region (``latin_america``, ...);
* ``min_budget``: the budget (yuan) is at least this.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from city_profiles.schema import RANKS


@dataclass(frozen=True)
class Chain:
    steps: tuple[str, ...]
    escalate: bool


class ChainMissing(LookupError):
    pass


def rank_at_least(rank: str | None, minimum: str) -> bool:
    if rank not in RANKS:
        return False
    return RANKS.index(rank) >= RANKS.index(minimum)


def condition_holds(condition: dict[str, Any] | None, facts: dict[str, Any]) -> bool:
    if not condition:
        return True
    checks = {
        "min_rank": lambda value: rank_at_least(facts.get("rank"), value),
        "destinations_any": lambda value: bool(set(value) & set(facts.get("destinations", ()))),
        "regions_any": lambda value: bool(set(value) & set(facts.get("regions", ()))),
        "min_budget": lambda value: float(facts.get("budget") or 0) >= float(value),
    }
    return all(checks[key](value) for key, value in condition.items())


def resolve_chain(profile: dict[str, Any], key: str, facts: dict[str, Any]) -> Chain:
    """The roles that approve, in order, and whether the province decides last."""
    definition = (profile.get("approval_chains") or {}).get(key)
    if not definition:
        raise ChainMissing(f"the office profile has no approval_chains.{key}")
    steps = []
    for step in definition["steps"]:
        if isinstance(step, str):
            steps.append(step)
        elif condition_holds(step.get("when"), facts):
            steps.append(step["role"])
    escalation = definition.get("escalate_to_province")
    return Chain(steps=tuple(steps), escalate=bool(escalation) and condition_holds(escalation, facts))
