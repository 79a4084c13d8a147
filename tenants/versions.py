"""Every applied profile version, kept (issue 13): onboarding and the province's profile
call ``record`` in their own transaction, so the version row exists exactly when the
profile was applied, from a file (``manage.py onboard_city``, setup) or from the site."""

from __future__ import annotations

import hashlib

import yaml

from apps.audit import services as audit
from tenants.models import ProfileVersion


def text_of(profile) -> str:
    """The YAML as submitted; a profile built in code gets its data dumped as YAML."""
    if profile.text:
        return profile.text
    return yaml.safe_dump(profile.data, allow_unicode=True, sort_keys=False)


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record(*, kind: str, owner: str, number: int, profile, actor=None, provenance: dict | None = None):
    """Keeps version ``number`` of ``kind``/``owner`` with its text, who applied it and why.

    ``provenance``: ``reason``, ``proposed_by`` (an office administrator's proposal),
    ``restored_from`` (the version restored)."""
    provenance = provenance or {}
    text = text_of(profile)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    version = ProfileVersion.objects.create(
        kind=kind,
        owner=owner,
        number=number,
        text=text,
        sha256=sha256_of(text),
        applied_by=actor.get_username() if authenticated else (provenance.get("applied_by") or "system"),
        proposed_by=provenance.get("proposed_by", ""),
        reason=(provenance.get("reason") or "")[:500],
        restored_from=provenance.get("restored_from"),
    )
    audit.record(
        actor=actor,
        on_behalf_of=provenance.get("applied_by") or "",
        action="platform.profile_version",
        obj=version,
        after={
            "kind": kind,
            "owner": owner,
            "version": number,
            "sha256": version.sha256,
            "reason": version.reason,
            "proposed_by": version.proposed_by,
            "restored_from": version.restored_from,
        },
    )
    return version
