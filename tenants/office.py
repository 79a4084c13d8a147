"""The office administrator keeps the city's submitting units and divisions (issue 13).

A change (add, rename, retire, remove a unit or division) becomes a new profile version at
once when the city's profile says ``administration: {units_live: true}``; otherwise it is a
proposal (``ProfileProposal``, public schema) an operator approves or rejects on the
platform site. The change is stored as what it is (``summary``), and approving applies it
to the profile as it is then, so an approval never undoes a later change.

A unit or division in use (by a user or a case) is never removed: it can be retired (kept
for the records that name it, no longer offered for new ones)."""

from __future__ import annotations

import copy
from dataclasses import dataclass

import yaml
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from apps.audit import services as audit
from city_profiles.loader import validate_city_data
from tenants import profile_ops
from tenants.models import City, ProfileProposal

SECTIONS = ("submitting_units", "divisions")
ACTIONS = ("add", "rename", "retire", "remove")
UNIT_KINDS = ("district", "county", "county_city", "department")


class UnitChangeError(Exception):
    """The change cannot be made; ``errors`` maps a field to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(f"{key}: {' '.join(value)}" for key, value in errors.items()))


@dataclass
class Outcome:
    applied: bool  # True: a new version now; False: a proposal waits for an operator
    proposal: ProfileProposal | None = None
    version: int | None = None


def units_live(profile: dict | None) -> bool:
    return bool(((profile or {}).get("administration") or {}).get("units_live"))


def in_use(city_code: str, code: str) -> bool:
    """A user of the city belongs to it, or a case names it."""
    from apps.accounts.models import User
    from apps.casework.models import Case

    with schema_context(city_code):
        return User.objects.filter(unit=code).exists() or Case.objects.filter(unit_code=code).exists()


def changed_profile(city: City, summary: dict) -> dict:
    """The city's current profile with ``summary``'s change made, or ``UnitChangeError``."""
    section, action, code = summary["section"], summary["action"], summary["code"]
    data = copy.deepcopy(city.profile)
    items = data.setdefault(section, [])
    existing = next((item for item in items if item.get("code") == code), None)
    if action == "add":
        if existing is not None:
            raise UnitChangeError({"code": [_("This code is taken; choose another.")]})
        item = {"code": code, "names": summary["names"]}
        if section == "submitting_units":
            item = {"code": code, "kind": summary.get("kind") or "department", "names": summary["names"]}
        items.append(item)
    elif existing is None:
        raise UnitChangeError({"code": [_("No such unit or division.")]})
    elif action == "rename":
        existing["names"] = summary["names"]
    elif action == "retire":
        existing["retired"] = True
    elif action == "remove":
        if in_use(city.code, code):
            raise UnitChangeError(
                {"code": [_("Users or cases belong to it: it cannot be removed. Retire it instead.")]}
            )
        items.remove(existing)
    problems = validate_city_data(f"city:{city.code}", data)
    if problems:
        raise UnitChangeError({"code": [problem.message for problem in problems]})
    return data


def _clean(*, section: str, action: str, code: str, names: dict | None, kind: str) -> dict:
    errors: dict[str, list[str]] = {}
    if section not in SECTIONS:
        errors["section"] = [_("Choose units or divisions.")]
    if action not in ACTIONS:
        errors["action"] = [_("Unknown action.")]
    if not code:
        errors["code"] = [_("This field is required.")]
    names = {key: (value or "").strip() for key, value in (names or {}).items() if key in ("zh", "en")}
    if action in ("add", "rename") and not (names.get("zh") and names.get("en")):
        errors["names"] = [_("Give the name in Chinese and in English.")]
    if section == "submitting_units" and action == "add" and kind not in UNIT_KINDS:
        errors["kind"] = [_("Choose the kind of unit.")]
    if errors:
        raise UnitChangeError(errors)
    summary = {"section": section, "action": action, "code": code}
    if action in ("add", "rename"):
        summary["names"] = {"zh": names["zh"], "en": names["en"]}
    if section == "submitting_units" and action == "add":
        summary["kind"] = kind
    return summary


def _text(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def change_units_as_input(*, actor, data: dict) -> Outcome:
    """``change_units`` with the validated ``UnitChangeInput`` (the page's and the API's)."""
    return change_units(
        actor=actor,
        section=data["section"],
        action=data["action"],
        code=data["code"],
        names={"zh": data.get("name_zh", ""), "en": data.get("name_en", "")},
        kind=data.get("kind", ""),
        reason=data["reason"],
    )


def change_units(
    *,
    actor,
    section: str,
    action: str,
    code: str,
    reason: str,
    names: dict | None = None,
    kind: str = "",
) -> Outcome:
    """The office administrator's change of the current city's units or divisions."""
    city = connection.tenant
    reason = (reason or "").strip()
    summary = _clean(section=section, action=action, code=(code or "").strip(), names=names, kind=kind)
    if not reason:
        raise UnitChangeError({"reason": [_("Give a reason for the change.")]})
    who = f"{actor.get_username()}@{city.code}"
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="office.change_units",
            object_type="tenants.city",
            object_id=city.pk,
            after={**summary, "reason": reason},
        )
        with schema_context("public"):
            city = City.offices.select_for_update().get(pk=city.pk)
            data = changed_profile(city, summary)
            if units_live(city.profile):
                profile_ops.apply(
                    kind="city",
                    text=_text(data),
                    actor=None,
                    reason=reason,
                    owner=city.code,
                    proposed_by=who,
                    applied_by=who,
                )
                city.refresh_from_db()
                return Outcome(applied=True, version=city.profile_version)
            proposal = ProfileProposal.objects.create(
                city=city,
                base_version=city.profile_version,
                text=_text(data),
                summary=summary,
                proposed_by=who,
                reason=reason[:500],
            )
            audit.record(
                actor=None,
                on_behalf_of=who,
                action="platform.propose_profile",
                obj=proposal,
                after={**summary, "reason": reason},
            )
            return Outcome(applied=False, proposal=proposal)


def pending(city: City | None = None):
    proposals = ProfileProposal.objects.select_related("city").filter(status=ProfileProposal.Status.PENDING)
    return proposals.filter(city=city) if city is not None else proposals


def of_city(city: City):
    return ProfileProposal.objects.filter(city=city).order_by("-created_at")


def proposal_preview(proposal: ProfileProposal) -> profile_ops.Impact:
    """What approving would change now (against the profile as it is now)."""
    data = changed_profile(proposal.city, proposal.summary)
    return profile_ops.impact(proposal.city.profile, data, city_code=proposal.city.code)


@transaction.atomic
def approve(*, proposal: ProfileProposal, actor, reason: str = "") -> ProfileProposal:
    """An operator applies the proposal as a new version, recording the proposer."""
    connection.set_schema_to_public()
    proposal = ProfileProposal.objects.select_for_update().select_related("city").get(pk=proposal.pk)
    if proposal.status != ProfileProposal.Status.PENDING:
        raise UnitChangeError({"status": [_("This proposal was decided already.")]})
    city = City.offices.select_for_update().get(pk=proposal.city_id)
    data = changed_profile(city, proposal.summary)
    why = proposal.reason + (f" / {reason.strip()}" if (reason or "").strip() else "")
    profile_ops.apply(
        kind="city",
        text=_text(data),
        actor=actor,
        reason=why,
        owner=city.code,
        proposed_by=proposal.proposed_by,
    )
    city.refresh_from_db()
    proposal.status = ProfileProposal.Status.APPROVED
    proposal.decided_by = actor.get_username()
    proposal.decision_reason = (reason or "").strip()[:500]
    proposal.decided_at = timezone.now()
    proposal.version = city.profile_version
    proposal.save()
    audit.record(
        actor=actor,
        action="platform.approve_proposal",
        obj=proposal,
        after={"version": proposal.version, "reason": proposal.decision_reason},
    )
    return proposal


@transaction.atomic
def reject(*, proposal: ProfileProposal, actor, reason: str) -> ProfileProposal:
    connection.set_schema_to_public()
    reason = (reason or "").strip()
    if not reason:
        raise UnitChangeError({"reason": [_("Give a reason for the rejection.")]})
    proposal = ProfileProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProfileProposal.Status.PENDING:
        raise UnitChangeError({"status": [_("This proposal was decided already.")]})
    proposal.status = ProfileProposal.Status.REJECTED
    proposal.decided_by = actor.get_username()
    proposal.decision_reason = reason[:500]
    proposal.decided_at = timezone.now()
    proposal.save()
    audit.record(actor=actor, action="platform.reject_proposal", obj=proposal, after={"reason": reason})
    return proposal
