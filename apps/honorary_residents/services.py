"""Writes of the Honorary Residents module: every state change goes through the casework
engine; every write is one transaction with its audit row."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.roles import permissions_for_role
from apps.accounts.scoping import is_unit_bound
from apps.audit import services as audit
from apps.casework import services as casework
from apps.honorary_residents.models import HolderVisit, Nomination
from apps.honorary_residents.workflow import EDITABLE_STATES
from apps.registry.units import unit_kind

WORKFLOW_ID = "honorary_residents.nomination"
FIELDS = [
    "title",
    "unit_code",
    "name_latin",
    "name_zh",
    "sex",
    "nationality",
    "occupation",
    "employer",
    "in_city_since",
    "field",
    "contribution",
    "responsible_person",
    "responsible_phone",
    "email",
    "phone",
    "address",
    "contact_consent",
]
CONTACT_FIELDS = ["email", "phone", "address", "contact_consent"]
NUMBERING_KIND = "honorary_resident"


def _require(actor, permission: str) -> None:
    if permission not in permissions_for_role(actor.role, connection.tenant.profile):
        raise PermissionDenied(_("You may not do this."))


def _prepare(actor, data: dict[str, Any]) -> dict[str, Any]:
    _require(actor, "honorary_residents.submit")
    data = dict(data)
    if is_unit_bound(actor):
        data["unit_code"] = actor.unit  # a unit nominates for itself only
    known = {unit["code"] for unit in connection.tenant.profile.get("submitting_units") or []}
    if data.get("unit_code") not in known:
        raise ValidationError({"unit_code": [_("Unknown submitting unit.")]})
    since = data.get("in_city_since")
    if since and since > timezone.localdate():
        raise ValidationError({"in_city_since": [_("This date is in the future.")]})
    data.setdefault("title", "")
    if not data["title"]:
        data["title"] = _("Honorary Resident: %(name)s") % {"name": data["name_latin"]}
    for key in ("name_zh", "email", "phone", "address"):
        data[key] = data.get(key) or ""
    data["contact_consent"] = bool(data.get("contact_consent"))
    data["in_city_since"] = since or None
    return data


def snapshot(nomination: Nomination) -> dict[str, Any]:
    return {field: getattr(nomination, field) for field in FIELDS}


def create_nomination(*, actor, data: dict[str, Any]) -> Nomination:
    data = _prepare(actor, data)
    with transaction.atomic():
        case = casework.open_case(
            actor=actor, workflow_id=WORKFLOW_ID, title=data["title"], unit_code=data["unit_code"]
        )
        nomination = Nomination.objects.create(
            case=case, unit_kind=unit_kind(data["unit_code"]), **{f: data[f] for f in FIELDS}
        )
        nomination.refresh_search_text()
        audit.record(
            actor=actor, action="honorary_residents.create", obj=nomination, after=snapshot(nomination)
        )
    return nomination


def update_nomination(*, actor, nomination: Nomination, data: dict[str, Any]) -> Nomination:
    data = _prepare(actor, data)
    with transaction.atomic():
        locked = Nomination.objects.select_for_update().select_related("case").get(pk=nomination.pk)
        if locked.case.state not in EDITABLE_STATES:
            raise ValidationError(_("Only a draft or a returned application can be changed."))
        before = snapshot(locked)
        for field in FIELDS:
            setattr(locked, field, data[field])
        locked.unit_kind = unit_kind(locked.unit_code)
        locked.save()
        locked.refresh_search_text()
        locked.case.title, locked.case.unit_code = locked.title, locked.unit_code
        locked.case.save(update_fields=["title", "unit_code", "updated_at"])
        old, new = audit.changes(before, snapshot(locked))
        audit.record(actor=actor, action="honorary_residents.update", obj=locked, before=old, after=new)
    return locked


def submit(*, actor, record: Nomination, data: dict[str, Any]) -> Nomination:
    with transaction.atomic():
        case = record.case
        case.facts = {"nationalities": [record.nationality]}
        case.save(update_fields=["facts", "updated_at"])
        casework.perform(
            case=case,
            name="submit",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
    return record


def _decision(*, actor, record: Nomination, data: dict[str, Any], transition: str) -> Nomination:
    decided, reference = data["decision_date"], (data.get("decision_reference") or "").strip()
    errors: dict[str, list[str]] = {}
    if decided > timezone.localdate():
        errors["decision_date"] = [_("This date is in the future.")]
    if record.case.decided_at and decided < record.case.decided_at.date():
        errors["decision_date"] = [_("The city government cannot decide before the office approved.")]
    if not reference:
        errors["decision_reference"] = [_("The reference of the city government's decision is required.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Nomination.objects.filter(pk=record.pk).update(decision_date=decided, decision_reference=reference)
        audit.record(
            actor=actor,
            action="honorary_residents.decision",
            obj=record,
            after={"decision_date": decided, "decision_reference": reference, "outcome": transition},
        )
        casework.perform(
            case=record.case,
            name=transition,
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
    return record


def record_decision(*, actor, record: Nomination, data: dict[str, Any]) -> Nomination:
    """The city government conferred the title (an external step: its date and reference)."""
    return _decision(actor=actor, record=record, data=data, transition="record_decision")


def record_refusal(*, actor, record: Nomination, data: dict[str, Any]) -> Nomination:
    return _decision(actor=actor, record=record, data=data, transition="record_refusal")


def issue_certificate(*, actor, record: Nomination, data: dict[str, Any]) -> Nomination:
    """Issues the bilingual certificate, numbered from the profile's ``honorary_resident``
    series; all or nothing."""
    from apps.documents import numbering
    from apps.documents import services as documents

    try:
        numbering.numbering_rule(connection.tenant.profile, NUMBERING_KIND)
    except ValueError as error:
        raise ValidationError(_("The office's profile numbers no Honorary Resident certificates.")) from error
    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="issue_certificate",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        nomination = Nomination.objects.select_related("case").get(pk=record.pk)
        document = documents.issue_document(
            actor=actor,
            kind=NUMBERING_KIND,
            title=_("Honorary Resident certificate: %(name)s") % {"name": nomination.name_latin},
            template_name="honorary_residents/certificate_pdf.html",
            context={
                "nomination": nomination,
                "office": connection.tenant,
                "city_names": connection.tenant.profile.get("city_names") or {},
            },
            subject=nomination,
            unit_code=nomination.unit_code,
            language="bilingual",
        )
        Nomination.objects.filter(pk=nomination.pk).update(
            certificate_number=document.number,
            certificate_document_id=document.pk,
            certified_at=timezone.now(),
        )
        nomination.certificate_number = document.number
        nomination.refresh_search_text()
    return record


def update_contacts(*, actor, record: Nomination, data: dict[str, Any]) -> Nomination:
    _require(actor, "honorary_residents.manage")
    with transaction.atomic():
        locked = Nomination.objects.select_for_update().get(pk=record.pk)
        before = {field: getattr(locked, field) for field in CONTACT_FIELDS}
        for field in CONTACT_FIELDS:
            setattr(locked, field, data.get(field) or ("" if field != "contact_consent" else False))
        locked.save(update_fields=CONTACT_FIELDS)
        old, new = audit.changes(before, {field: getattr(locked, field) for field in CONTACT_FIELDS})
        audit.record(actor=actor, action="honorary_residents.contacts", obj=locked, before=old, after=new)
    return record


def record_visit(*, actor, record: Nomination, data: dict[str, Any]) -> Nomination:
    _require(actor, "honorary_residents.manage")
    visited = data["visited_on"]
    if visited > timezone.localdate():
        raise ValidationError({"visited_on": [_("This date is in the future.")]})
    with transaction.atomic():
        visit = HolderVisit.objects.create(
            nomination=record,
            visited_on=visited,
            purpose=data["purpose"],
            notes=data.get("notes") or "",
            recorded_by=actor,
        )
        audit.record(
            actor=actor,
            action="honorary_residents.visit",
            obj=record,
            after={"visited_on": visit.visited_on, "purpose": visit.purpose},
        )
    return record
