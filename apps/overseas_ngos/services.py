"""Writes of the overseas NGOs module: the register, the temporary activity filings (every
state change through the casework engine) and the representative offices' annual cycle.
Every write is one transaction with its audit row."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.roles import permissions_for_role
from apps.accounts.scoping import is_unit_bound
from apps.audit import services as audit
from apps.casework import services as casework
from apps.overseas_ngos.models import AnnualDocument, AnnualReminder, Filing, Organisation
from apps.overseas_ngos.workflow import EDITABLE_STATES
from apps.registry.settings import module_settings
from apps.registry.units import unit_kind

WORKFLOW_ID = "overseas_ngos.filing"
ORGANISATION_FIELDS = [
    "kind",
    "name_zh",
    "name_en",
    "name_own",
    "country",
    "field",
    "registration_number",
    "registered_on",
    "scope",
    "area",
    "chief_representative",
    "partners",
]
FILING_FIELDS = [
    "title",
    "unit_code",
    "partner_name",
    "content",
    "place",
    "start",
    "end",
    "funding",
    "funding_source",
    "foreign_participants",
    "chinese_participants",
    "participants_note",
]


def settings() -> dict[str, Any]:
    return module_settings("overseas_ngos")


def _require(actor, permission: str) -> None:
    if permission not in permissions_for_role(actor.role, connection.tenant.profile):
        raise PermissionDenied(_("You may not do this."))


# --- the register ---------------------------------------------------------------------


def _clean_organisation(data: dict[str, Any], *, exclude_pk: int | None = None) -> dict[str, Any]:
    """The register's rules for an organisation's facts, on registering and on editing."""
    data = {field: data.get(field) if data.get(field) is not None else "" for field in ORGANISATION_FIELDS}
    data["registered_on"] = data["registered_on"] or None
    data["registration_number"] = (data["registration_number"] or "").strip()
    errors: dict[str, list[str]] = {}
    if data["kind"] == "office":
        for field, message in (
            ("registration_number", _("A representative office has a registration number.")),
            ("registered_on", _("Give the date of registration.")),
            ("chief_representative", _("Name the chief representative.")),
            ("scope", _("Give the scope of its activities.")),
            ("area", _("Give the area of its activities.")),
        ):
            if not data[field]:
                errors[field] = [message]
    number = data["registration_number"]
    if number and Organisation.objects.filter(registration_number=number).exclude(pk=exclude_pk).exists():
        errors.setdefault("registration_number", []).append(
            _("This registration number is already in the register.")
        )
    if errors:
        raise ValidationError(errors)
    return data


def register_organisation(*, actor, data: dict[str, Any]) -> Organisation:
    _require(actor, "overseas_ngos.manage")
    data = _clean_organisation(data)
    with transaction.atomic():
        organisation = Organisation.objects.create(created_by=actor, **data)
        audit.record(actor=actor, action="overseas_ngos.register", obj=organisation, after=data)
        count_registered(organisation, timezone.localdate())
    return organisation


def update_organisation(*, actor, organisation: Organisation, data: dict[str, Any]) -> Organisation:
    """Corrects or updates an organisation's facts (a new chief representative, a new
    scope); one audit row with what changed. A deregistered organisation stays as it was."""
    _require(actor, "overseas_ngos.manage")
    data = _clean_organisation(data, exclude_pk=organisation.pk)
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if organisation.status != "active":
            raise ValidationError(_("A deregistered organisation is kept as it was; it is not edited."))
        before = {field: getattr(organisation, field) for field in ORGANISATION_FIELDS}
        changed = {field: value for field, value in data.items() if before[field] != value}
        if not changed:
            return organisation
        for field, value in changed.items():
            setattr(organisation, field, value)
        organisation.save()
        audit.record(
            actor=actor,
            action="overseas_ngos.update",
            obj=organisation,
            before={field: before[field] for field in changed},
            after=changed,
        )
    return organisation


def deregister_organisation(*, actor, organisation: Organisation, data: dict[str, Any]) -> Organisation:
    """Records that the organisation was deregistered (its office closed, its registration
    cancelled): it stays in the register with its history, takes no new filings and leaves
    the annual cycle."""
    _require(actor, "overseas_ngos.manage")
    on, reason = data["deregistered_on"], (data.get("reason") or "").strip()
    errors: dict[str, list[str]] = {}
    if on > timezone.localdate():
        errors["deregistered_on"] = [_("The date cannot be in the future.")]
    elif organisation.registered_on and on < organisation.registered_on:
        errors["deregistered_on"] = [_("The date cannot be before the registration.")]
    if not reason:
        errors["reason"] = [_("Give the reason.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if organisation.status != "active":
            raise ValidationError(_("This organisation is already deregistered."))
        organisation.status = "deregistered"
        organisation.deregistered_on = on
        organisation.deregistration_reason = reason
        organisation.save()
        audit.record(
            actor=actor,
            action="overseas_ngos.deregister",
            obj=organisation,
            before={"status": "active"},
            after={"status": "deregistered", "deregistered_on": on.isoformat(), "reason": reason},
        )
    return organisation


def count_registered(organisation: Organisation, on: datetime.date) -> None:
    """The province's figures of the register: organisations entered, by field and country."""
    from apps.reporting import figures

    figures.count(metric="overseas_ngos.organisations_by_field", key=organisation.field, on=on)
    figures.count(metric="overseas_ngos.organisations_by_country", key=organisation.country, on=on)


# --- temporary activity filings -------------------------------------------------------


def _check_filing(actor, data: dict[str, Any], today: datetime.date | None = None) -> dict[str, Any]:
    _require(actor, "overseas_ngos.file")
    data = dict(data)
    if is_unit_bound(actor):
        data["unit_code"] = actor.unit  # a partner unit files for itself only
    known = {unit["code"] for unit in connection.tenant.profile.get("submitting_units") or []}
    errors: dict[str, list[str]] = {}
    if data.get("unit_code") not in known:
        errors["unit_code"] = [_("Unknown submitting unit.")]
    organisation = data.get("organisation")
    if not isinstance(organisation, Organisation):
        organisation = Organisation.objects.filter(pk=organisation).first()
    if organisation is None or organisation.status != "active":
        errors["organisation"] = [_("Not an organisation active in the register.")]
    data["organisation"] = organisation
    if data.get("start") and data.get("end") and data["end"] < data["start"]:
        errors["end"] = [_("The activity ends before it starts.")]
    funding = data.get("funding")
    if funding is not None and Decimal(funding) < 0:
        errors["funding"] = [_("The funding cannot be negative.")]
    for field in ("foreign_participants", "chinese_participants"):
        if data.get(field) is not None and data[field] < 0:
            errors[field] = [_("A number of people cannot be negative.")]
    if errors:
        raise ValidationError(errors)
    return data


def snapshot(filing: Filing) -> dict[str, Any]:
    return {
        "organisation": filing.organisation_id,
        **{field: getattr(filing, field) for field in FILING_FIELDS},
    }


def create_filing(*, actor, data: dict[str, Any]) -> Filing:
    data = _check_filing(actor, data)
    with transaction.atomic():
        case = casework.open_case(
            actor=actor, workflow_id=WORKFLOW_ID, title=data["title"], unit_code=data["unit_code"]
        )
        filing = Filing.objects.create(
            case=case,
            organisation=data["organisation"],
            unit_kind=unit_kind(data["unit_code"]),
            **{field: data.get(field, "") for field in FILING_FIELDS},
        )
        filing.refresh_search_text()
        audit.record(actor=actor, action="overseas_ngos.create_filing", obj=filing, after=snapshot(filing))
    return filing


def update_filing(*, actor, filing: Filing, data: dict[str, Any]) -> Filing:
    data = _check_filing(actor, data)
    with transaction.atomic():
        locked = Filing.objects.select_for_update().select_related("case").get(pk=filing.pk)
        if locked.case.state not in EDITABLE_STATES:
            raise ValidationError(_("Only a draft or a returned filing can be changed."))
        before = snapshot(locked)
        locked.organisation = data["organisation"]
        for field in FILING_FIELDS:
            setattr(locked, field, data.get(field, ""))
        locked.unit_kind = unit_kind(locked.unit_code)
        locked.save()
        locked.refresh_search_text()
        locked.case.title, locked.case.unit_code = locked.title, locked.unit_code
        locked.case.save(update_fields=["title", "unit_code", "updated_at"])
        old, new = audit.changes(before, snapshot(locked))
        audit.record(actor=actor, action="overseas_ngos.update_filing", obj=locked, before=old, after=new)
    return locked


def record_filing(*, actor, record: Filing, data: dict[str, Any]) -> Filing:
    """The public security organ's filing number (备案号), once it has filed the activity."""
    number = (data.get("psb_number") or "").strip()
    filed_on = data.get("filed_on")
    errors: dict[str, list[str]] = {}
    if not number:
        errors["psb_number"] = [_("Give the filing number.")]
    elif Filing.objects.filter(psb_number=number).exclude(pk=record.pk).exists():
        errors["psb_number"] = [_("This filing number is already recorded for another activity.")]
    if filed_on and filed_on > timezone.localdate():
        errors["filed_on"] = [_("This date is in the future.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="record_filing",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        Filing.objects.filter(pk=record.pk).update(
            psb_number=number, filed_on=filed_on or timezone.localdate()
        )
        record.psb_number = number
        record.refresh_search_text()
        audit.record(
            actor=actor, action="overseas_ngos.record_filing", obj=record, after={"psb_number": number}
        )
        from apps.reporting import figures

        organisation = record.organisation
        figures.count(metric="overseas_ngos.filings", on=record.start)
        figures.count(metric="overseas_ngos.filings_by_field", key=organisation.field, on=record.start)
        figures.count(metric="overseas_ngos.filings_by_country", key=organisation.country, on=record.start)
    return record


def report_activity(
    *, actor, record: Filing, data: dict[str, Any], today: datetime.date | None = None
) -> Filing:
    today = today or timezone.localdate()
    report = (data.get("report") or "").strip()
    errors: dict[str, list[str]] = {}
    if today < record.end:
        errors["report"] = [
            _("The activity runs until %(date)s: report on it afterwards.") % {"date": record.end.isoformat()}
        ]
    elif not report:
        errors["report"] = [_("Write the report.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="report_activity",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        Filing.objects.filter(pk=record.pk).update(
            report=report, actual_participants=data.get("actual_participants"), reported_at=timezone.now()
        )
        audit.record(
            actor=actor,
            action="overseas_ngos.report_activity",
            obj=record,
            after={"report": report, "actual_participants": data.get("actual_participants")},
        )
    return record


def attach(*, actor, record: Filing, data: dict[str, Any]) -> Filing:
    from apps.documents import services as documents

    _require(actor, "overseas_ngos.file")
    try:
        documents.store_attachment(
            actor=actor, uploaded_file=data["file"], subject=record, unit_code=record.unit_code
        )
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    return record


# --- representative offices' annual cycle --------------------------------------------


def _office(organisation) -> Organisation:
    if not isinstance(organisation, Organisation):
        organisation = Organisation.objects.filter(pk=organisation).first()
    if organisation is None or not organisation.is_office:
        raise ValidationError({"organisation": [_("Only representative offices have an annual cycle.")]})
    return organisation


def receive_document(*, actor, data: dict[str, Any], today: datetime.date | None = None) -> AnnualDocument:
    """The office records a plan or report a representative office handed in (again, after
    it was returned)."""
    _require(actor, "overseas_ngos.manage")
    today = today or timezone.localdate()
    organisation = _office(data.get("organisation"))
    received_on = data.get("received_on") or today
    if received_on > today:
        raise ValidationError({"received_on": [_("This date is in the future.")]})
    summary = (data.get("summary") or "").strip()
    if not summary:
        raise ValidationError({"summary": [_("Summarise what it says.")]})
    with transaction.atomic():
        existing = (
            AnnualDocument.objects.select_for_update()
            .filter(organisation=organisation, kind=data["kind"], year=data["year"])
            .first()
        )
        if existing is not None and existing.opinion != "returned":
            raise ValidationError({"kind": [_("This document is already in; it was not returned.")]})
        values = {
            "received_on": received_on,
            "summary": summary,
            "received_by": actor,
            "opinion": "received",
            "opinion_text": "",
            "reviewed_by": None,
            "reviewed_at": None,
        }
        if existing is None:
            document = AnnualDocument.objects.create(
                organisation=organisation, kind=data["kind"], year=data["year"], **values
            )
        else:
            for key, value in values.items():
                setattr(existing, key, value)
            existing.save()
            document = existing
        audit.record(
            actor=actor,
            action="overseas_ngos.receive_document",
            obj=document,
            after={"kind": document.kind, "year": document.year, "received_on": received_on},
        )
    return document


def review_document(*, actor, document: AnnualDocument, data: dict[str, Any]) -> AnnualDocument:
    """The office's review opinion; whoever recorded the document does not review it."""
    _require(actor, "overseas_ngos.review")
    opinion, text = data["opinion"], (data.get("opinion_text") or "").strip()
    if document.opinion != "received":
        raise ValidationError({"opinion": [_("This document has been reviewed already.")]})
    if document.received_by_id == actor.pk:
        raise PermissionDenied(_("Whoever recorded a document does not review it."))
    if opinion == "returned" and not text:
        raise ValidationError({"opinion_text": [_("Say what is to be changed.")]})
    with transaction.atomic():
        before = document.opinion
        document.opinion, document.opinion_text = opinion, text
        document.reviewed_by, document.reviewed_at = actor, timezone.now()
        document.save(update_fields=["opinion", "opinion_text", "reviewed_by", "reviewed_at"])
        audit.record(
            actor=actor,
            action="overseas_ngos.review_document",
            obj=document,
            before={"opinion": before},
            after={"opinion": opinion, "opinion_text": text},
        )
    return document


def remind(*, actor, data: dict[str, Any], today: datetime.date | None = None) -> AnnualReminder:
    """Records that the office reminded a representative office of a plan or report not in."""
    _require(actor, "overseas_ngos.manage")
    today = today or timezone.localdate()
    organisation = _office(data.get("organisation"))
    document = AnnualDocument.objects.filter(
        organisation=organisation, kind=data["kind"], year=data["year"]
    ).first()
    if document is not None and document.opinion != "returned":
        raise ValidationError({"kind": [_("This document is already in.")]})
    with transaction.atomic():
        reminder = AnnualReminder.objects.create(
            organisation=organisation,
            kind=data["kind"],
            year=data["year"],
            reminded_on=today,
            note=data.get("note") or "",
            reminded_by=actor,
        )
        audit.record(
            actor=actor,
            action="overseas_ngos.remind",
            obj=organisation,
            after={"kind": reminder.kind, "year": reminder.year, "note": reminder.note},
        )
    return reminder
