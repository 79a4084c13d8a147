"""Approval chains from the office profile, resolved for one case's facts.

A profile's ``approval_chains.<key>`` lists the steps in order, each a role, or a role
with a condition (``{role: director, when: {min_rank: division}}``), and the condition
under which the case goes up to the provincial FAO once the city's steps are done::

    approval_chains:
      trip:
        steps: [reviewer, division_head, {role: director, when: {min_budget: 100000}}]
        escalate_to_province: {min_rank: department}

What a condition may test is declared by the module that uses the chain
(``Module.chain_facts``): a ``rank`` or ``number`` fact ``x`` gives ``min_x``, a
``codes`` fact gives ``x_any``, a ``boolean`` fact gives ``x``. A condition holds when
every key it lists holds for the case's facts (the dict fixed on the case at submission).
The engine knows no module's vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from apps.registry.modules import Fact, registry
from apps.registry.ranks import rank_at_least


@dataclass(frozen=True)
class Chain:
    steps: tuple[str, ...]
    escalate: bool


class ChainMissing(LookupError):
    pass


def facts_of_chain(chain_key: str) -> dict[str, Fact]:
    module = registry.module_for_chain(chain_key)
    return dict(module.chain_facts.get(chain_key, {})) if module else {}


def condition_keys(chain_key: str) -> dict[str, tuple[str, Fact]]:
    """{condition key: (fact name, fact)} for the chain."""
    return {fact.condition_key(name): (name, fact) for name, fact in facts_of_chain(chain_key).items()}


def _holds(fact: Fact, actual: Any, wanted: Any) -> bool:
    if fact.type == "rank":
        return rank_at_least(actual, wanted)
    if fact.type == "number":
        try:
            return float(actual or 0) >= float(wanted)
        except (TypeError, ValueError):
            return False
    if fact.type == "codes":
        return bool(set(wanted) & set(actual or ()))
    return bool(actual) is bool(wanted)


def condition_holds(condition: dict[str, Any] | None, facts: dict[str, Any], chain_key: str) -> bool:
    if not condition:
        return True
    keys = condition_keys(chain_key)
    for key, wanted in condition.items():
        if key not in keys:
            return False  # the profile validator refuses unknown keys; never guess here
        name, fact = keys[key]
        if not _holds(fact, facts.get(name), wanted):
            return False
    return True


def resolve_chain(profile: dict[str, Any], key: str, facts: dict[str, Any]) -> Chain:
    """The roles that approve, in order, and whether the province decides last."""
    definition = (profile.get("approval_chains") or {}).get(key)
    if not definition:
        raise ChainMissing(f"the office profile has no approval_chains.{key}")
    steps = []
    for step in definition["steps"]:
        if isinstance(step, str):
            steps.append(step)
        elif condition_holds(step.get("when"), facts, key):
            steps.append(step["role"])
    escalation = definition.get("escalate_to_province")
    return Chain(steps=tuple(steps), escalate=bool(escalation) and condition_holds(escalation, facts, key))


def condition_schema(chain_key: str) -> dict[str, Any]:
    """The JSON Schema of a condition on ``approval_chains.<chain_key>``, from the facts."""
    from apps.registry.ranks import RANKS

    properties: dict[str, Any] = {}
    for key, (_name, fact) in condition_keys(chain_key).items():
        if fact.type == "rank":
            properties[key] = {"enum": RANKS}
        elif fact.type == "number":
            properties[key] = {"type": "number", "minimum": 0}
        elif fact.type == "codes":
            properties[key] = {
                "type": "array",
                "items": fact.item_schema or {"type": "string"},
                "minItems": 1,
            }
        else:
            properties[key] = {"type": "boolean"}
    return {"type": "object", "properties": properties, "minProperties": 1, "additionalProperties": False}
