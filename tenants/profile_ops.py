"""Operators change profiles from the site and the API (issue 13): validate a text, see
what applying it would do (in the users' terms), apply it with a reason, restore an older
version. Applying goes through ``tenants.services`` (``onboard_city`` and
``apply_province_profile``), which keep every applied version (``tenants.versions``).

Nothing here writes unless the whole text is valid: a problem anywhere (an unknown module,
a chain naming a role that does not exist, a subdomain taken) refuses it with the path and
the line, and nothing changes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tenants.utils import schema_context

from apps.accounts.roles import role_label
from apps.registry.i18n import label
from apps.registry.modules import registry
from city_profiles.lines import LocatedProblem, check_text, locate
from city_profiles.loader import Problem, Profile
from tenants import services
from tenants.models import City, ProfileVersion, Province

KINDS = ("city", "province")


class ProfileTextError(Exception):
    """The text cannot be applied; ``problems`` carry path, line and message."""

    def __init__(self, problems: list[LocatedProblem]):
        self.problems = problems
        super().__init__("; ".join(f"{p.path or '(top)'} (line {p.line}): {p.message}" for p in problems))


# -- validation ----------------------------------------------------------------------------


def _name(kind: str, owner: str | None) -> str:
    return f"{kind}:{owner}" if owner else f"{kind}:new"


def validate(*, kind: str, text: str, owner: str | None = None) -> tuple[dict | None, list[LocatedProblem]]:
    """Every problem of ``text`` as a ``kind`` profile (the loader's checks, as
    ``check_profiles`` runs them, then the database's), each with its line. ``owner``: the
    code of the city or province being changed (a new one when None)."""
    data, problems = check_text(kind, text, _name(kind, owner))
    if data is None or problems:
        return data, problems
    name = _name(kind, owner)
    extra: list[Problem] = []
    code = data.get("code")
    if owner is not None and code != owner:
        extra.append(Problem(name, "code", f"the code of this profile is {owner!r}; it cannot change"))
    if kind == "city":
        if owner is None and City.objects.filter(code=code).exists():
            extra.append(Problem(name, "code", f"city {code!r} exists already; change its profile instead"))
        extra += services._database_problems(Profile(kind=kind, file=name, data=data))
    elif owner is None and Province.objects.filter(code=code).exists():
        extra.append(Problem(name, "code", f"province {code!r} exists already; change its profile instead"))
    return data, locate(extra, text)


def profile_of(*, kind: str, text: str, owner: str | None = None) -> Profile:
    """The valid profile in ``text``, or ``ProfileTextError``."""
    if kind not in KINDS:
        raise ProfileTextError([LocatedProblem("", f"unknown kind {kind!r}", None)])
    data, problems = validate(kind=kind, text=text, owner=owner)
    if problems:
        raise ProfileTextError(problems)
    return Profile(kind=kind, file=_name(kind, owner), data=data, text=text)


# -- what a profile changes, in the users' terms -------------------------------------------


# The profile's other keys, named for the diff pages.
OTHER_KEYS = {
    "names": gettext_lazy("Office name"),
    "short_names": gettext_lazy("Short name"),
    "city_names": gettext_lazy("City name"),
    "province_names": gettext_lazy("Province name"),
    "subdomain": gettext_lazy("Address of the site"),
    "province": gettext_lazy("Province"),
    "time_zone": gettext_lazy("Time zone"),
    "languages": gettext_lazy("Languages"),
    "contact": gettext_lazy("Contact details"),
    "numbering": gettext_lazy("Document numbering"),
    "administration": gettext_lazy("What the office administrator may change"),
    "module_defaults": gettext_lazy("Module defaults for the province's cities"),
    "schema_version": gettext_lazy("Profile format version"),
    "code": gettext_lazy("Code"),
}


def _module_name(module_id: str) -> str:
    module = registry.get(module_id)
    return module.name if module else module_id


def chain_name(key: str) -> str:
    module = registry.module_for_chain(key)
    if module is None:
        return key
    if len(module.approval_chains) > 1:  # no names of their own: numbered in the module's order
        number = module.approval_chains.index(key) + 1
        return _("%(module)s, chain %(number)s") % {"module": module.name, "number": number}
    return module.name


def step_label(step: Any) -> str:
    if isinstance(step, dict):
        return _("%(role)s (when conditions hold)") % {"role": role_label(step.get("role", ""))}
    return role_label(str(step))


def _steps(chain: Any) -> list[str]:
    steps = (chain or {}).get("steps") or [] if isinstance(chain, dict) else []
    return [step_label(step) for step in steps]


def _step_keys(chain: Any) -> list[str]:
    steps = (chain or {}).get("steps") or [] if isinstance(chain, dict) else []
    return [json.dumps(step, sort_keys=True, ensure_ascii=False) for step in steps]


@dataclass
class ChainChange:
    key: str
    name: str
    before: list[str]
    after: list[str]
    added: list[str]
    removed: list[str]
    reordered: bool
    escalation_changed: bool
    open_cases: int = 0


@dataclass
class SettingChange:
    module: str
    label: str
    before: str
    after: str


@dataclass
class NamedChange:
    code: str
    name: str
    before: str = ""


@dataclass
class Impact:
    modules_on: list[str] = field(default_factory=list)
    modules_off: list[str] = field(default_factory=list)
    chains: list[ChainChange] = field(default_factory=list)
    settings: list[SettingChange] = field(default_factory=list)
    units_added: list[NamedChange] = field(default_factory=list)
    units_removed: list[NamedChange] = field(default_factory=list)
    units_renamed: list[NamedChange] = field(default_factory=list)
    units_retired: list[NamedChange] = field(default_factory=list)
    divisions_added: list[NamedChange] = field(default_factory=list)
    divisions_removed: list[NamedChange] = field(default_factory=list)
    divisions_renamed: list[NamedChange] = field(default_factory=list)
    divisions_retired: list[NamedChange] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # paths of other changed keys

    @property
    def open_cases_affected(self) -> int:
        return sum(change.open_cases for change in self.chains)

    @property
    def empty(self) -> bool:
        return not any(value for value in self.as_json().values())

    def as_json(self) -> dict[str, Any]:
        from dataclasses import asdict

        return {
            name: [asdict(item) if hasattr(item, "__dataclass_fields__") else item for item in value]
            for name, value in self.__dict__.items()
        }


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _setting_label(module_id: str, key: str) -> str:
    module = registry.get(module_id)
    schema = ((module.settings_schema if module else {}) or {}).get("properties", {}).get(key, {})
    title = schema.get("title")
    if isinstance(title, dict):
        return label(title, key)
    return title or f"modules.{module_id}.{key}"


def _named(items: Any) -> dict[str, dict]:
    return {item["code"]: item for item in items or [] if isinstance(item, dict) and "code" in item}


def _named_changes(old: Any, new: Any) -> tuple[list, list, list, list]:
    before, after = _named(old), _named(new)
    added = [NamedChange(code, label(after[code]["names"], code)) for code in after if code not in before]
    removed = [NamedChange(code, label(before[code]["names"], code)) for code in before if code not in after]
    renamed, retired = [], []
    for code in after:
        if code not in before:
            continue
        if after[code].get("names") != before[code].get("names"):
            renamed.append(
                NamedChange(code, label(after[code]["names"], code), label(before[code]["names"], code))
            )
        if after[code].get("retired") and not before[code].get("retired"):
            retired.append(NamedChange(code, label(after[code]["names"], code)))
    return added, removed, renamed, retired


def open_cases_by_chain(city_code: str, chain_keys: list[str]) -> dict[str, int]:
    """Cases of the city still in review (submitted, not decided) per chain key."""
    from apps.casework.models import Case
    from apps.casework.workflows import all_workflows

    counts = {}
    with schema_context(city_code):
        for key in chain_keys:
            workflows = [workflow.id for workflow in all_workflows() if workflow.chain_key == key]
            counts[key] = Case.objects.filter(
                workflow__in=workflows, submitted_at__isnull=False, decided_at__isnull=True
            ).count()
    return counts


def impact(old: dict | None, new: dict, *, city_code: str | None = None) -> Impact:
    """What ``new`` changes against ``old`` for the office's users."""
    old = old or {}
    result = Impact()
    old_modules, new_modules = old.get("modules") or {}, new.get("modules") or {}
    result.modules_on = [_module_name(m) for m in new_modules if m not in old_modules]
    result.modules_off = [_module_name(m) for m in old_modules if m not in new_modules]
    for module_id in new_modules:
        if module_id not in old_modules:
            continue
        before, after = old_modules[module_id] or {}, new_modules[module_id] or {}
        for key in sorted(set(before) | set(after)):
            if before.get(key) != after.get(key):
                result.settings.append(
                    SettingChange(
                        _module_name(module_id),
                        _setting_label(module_id, key),
                        _value(before.get(key)),
                        _value(after.get(key)),
                    )
                )
    old_chains, new_chains = old.get("approval_chains") or {}, new.get("approval_chains") or {}
    for key in sorted(set(old_chains) | set(new_chains)):
        before, after = old_chains.get(key), new_chains.get(key)
        if before == after:
            continue
        old_keys, new_keys = _step_keys(before), _step_keys(after)
        old_labels, new_labels = _steps(before), _steps(after)
        result.chains.append(
            ChainChange(
                key=key,
                name=chain_name(key),
                before=old_labels,
                after=new_labels,
                added=[lab for k, lab in zip(new_keys, new_labels, strict=True) if k not in old_keys],
                removed=[lab for k, lab in zip(old_keys, old_labels, strict=True) if k not in new_keys],
                reordered=sorted(old_keys) == sorted(new_keys) and old_keys != new_keys,
                escalation_changed=(before or {}).get("escalate_to_province")
                != (after or {}).get("escalate_to_province"),
            )
        )
    if city_code and result.chains and old:
        counts = open_cases_by_chain(city_code, [change.key for change in result.chains])
        for change in result.chains:
            change.open_cases = counts.get(change.key, 0)
    (
        result.units_added,
        result.units_removed,
        result.units_renamed,
        result.units_retired,
    ) = _named_changes(old.get("submitting_units"), new.get("submitting_units"))
    (
        result.divisions_added,
        result.divisions_removed,
        result.divisions_renamed,
        result.divisions_retired,
    ) = _named_changes(old.get("divisions"), new.get("divisions"))
    known = {"modules", "approval_chains", "submitting_units", "divisions"}
    result.other = [
        str(OTHER_KEYS.get(key, key))
        for key in sorted(set(old) | set(new))
        if key not in known and old.get(key) != new.get(key)
    ]
    return result


# -- the current profile and its versions --------------------------------------------------


def owner_object(kind: str, owner: str) -> City | Province | None:
    if kind == "city":
        return City.offices.filter(code=owner).first()
    return Province.objects.filter(code=owner).first()


def versions(kind: str, owner: str):
    return ProfileVersion.objects.filter(kind=kind, owner=owner).order_by("-number")


def version(kind: str, owner: str, number: int) -> ProfileVersion | None:
    return ProfileVersion.objects.filter(kind=kind, owner=owner, number=number).first()


def current_text(kind: str, owner: str) -> str:
    """The applied version's text as submitted (the profile dumped, before versions were kept)."""
    latest = versions(kind, owner).first()
    if latest is not None:
        return latest.text
    import yaml

    target = owner_object(kind, owner)
    return yaml.safe_dump(target.profile if target else {}, allow_unicode=True, sort_keys=False)


def text_diff(old: str, new: str, old_name: str = "", new_name: str = "") -> list[str]:
    import difflib

    return list(
        difflib.unified_diff(old.splitlines(), new.splitlines(), old_name, new_name, lineterm="", n=2)
    )


# -- applying ------------------------------------------------------------------------------


@dataclass
class Preview:
    kind: str
    owner: str
    created: bool
    impact: Impact
    changes: list[str]  # the service's own lines (for the API)
    text_diff: list[str]
    profile: Profile

    @property
    def name(self) -> str:
        return label(self.profile.data.get("names") or {}, self.owner)

    @property
    def host(self) -> str:
        return services.city_domain(self.profile.subdomain)


def preview(*, kind: str, text: str, owner: str | None = None) -> Preview:
    """What applying ``text`` would do; writes nothing (the services' dry run)."""
    profile = profile_of(kind=kind, text=text, owner=owner)
    target = owner_object(kind, profile.code)
    if kind == "city":
        result = services.onboard_city(profile=profile, dry_run=True)
    else:
        result = services.apply_province_profile(profile=profile, dry_run=True)
    old = target.profile if target else None
    return Preview(
        kind=kind,
        owner=profile.code,
        created=target is None,
        impact=impact(old, profile.data, city_code=profile.code if (kind == "city" and target) else None),
        changes=result.changes,
        text_diff=text_diff(current_text(kind, profile.code), text) if target else [],
        profile=profile,
    )


def apply(
    *,
    kind: str,
    text: str,
    actor,
    reason: str,
    owner: str | None = None,
    proposed_by: str = "",
    restored_from: int | None = None,
    applied_by: str = "",
    in_process: bool = False,
):
    """Applies ``text`` as the next version (onboarding a new city or province when
    ``owner`` is None). A change of an existing profile needs a reason. Returns the
    services' ``OnboardingResult`` (``admin_link`` for a new city, to show once).

    A new city needs a new schema, which only the database owner may create: a process
    connected as the application role (the web server) has ``manage.py apply_profile``
    do it as the owner."""
    reason = (reason or "").strip()
    if owner is not None and not reason:
        raise ProfileTextError([LocatedProblem("reason", _("Give a reason for the change."), None)])
    if kind == "city" and owner is None and not in_process and settings.DATABASE_ROLE == "app":
        profile_of(kind=kind, text=text, owner=owner)  # refused here, before any process starts
        return _apply_as_owner(kind=kind, text=text, actor=actor, reason=reason)
    provenance = {
        "reason": reason,
        "proposed_by": proposed_by,
        "restored_from": restored_from,
        "applied_by": applied_by,
    }
    with transaction.atomic():
        profile = profile_of(kind=kind, text=text, owner=owner)
        if kind == "city":
            return services.onboard_city(profile=profile, actor=actor, provenance=provenance)
        return services.apply_province_profile(profile=profile, actor=actor, provenance=provenance)


def _apply_as_owner(*, kind: str, text: str, actor, reason: str):
    import os
    import subprocess
    import sys

    request = json.dumps({"kind": kind, "text": text, "reason": reason, "owner": None})
    command = [sys.executable, str(settings.REPO_ROOT / "manage.py"), "apply_profile"]
    if actor is not None and getattr(actor, "pk", None):
        command += ["--actor", str(actor.pk)]
    environment = {**os.environ, "WAIBAN_DB_ROLE": "owner"}
    done = subprocess.run(  # noqa: S603 (our own manage.py, arguments from code)
        command, input=request, capture_output=True, text=True, env=environment, timeout=600, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"apply_profile failed (exit {done.returncode}): {done.stderr[-2000:]}")
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    if "problems" in answer:
        raise ProfileTextError(
            [LocatedProblem(p["path"], p["message"], p["line"]) for p in answer["problems"]]
        )
    return services.OnboardingResult(
        code=answer["code"], created=True, changes=answer["changes"], admin_link=answer["admin_link"]
    )


def restore(*, kind: str, owner: str, number: int, actor, reason: str):
    """Applies version ``number``'s text again, as a new version."""
    old = version(kind, owner, number)
    if old is None:
        raise ProfileTextError([LocatedProblem("version", _("No such version."), None)])
    return apply(kind=kind, text=old.text, actor=actor, reason=reason, owner=owner, restored_from=number)
