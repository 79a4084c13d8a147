"""Writes of the overseas Chinese affairs module. Every state change of a case goes
through the casework engine; every write is one transaction with its audit row. Audit
rows reference the record and never hold identity or passport numbers or birth dates."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.roles import permissions_for_role
from apps.audit import services as audit
from apps.casework import services as casework
from apps.overseas_chinese import hooks
from apps.overseas_chinese.models import (
    Complaint,
    IdentityConfirmation,
    Organisation,
    Person,
    RestrictedMatter,
    Settlement,
    SettlementTask,
)
from apps.overseas_chinese.workflow import EDITABLE_STATES
from apps.registry.settings import module_settings
from apps.workdays.calendar import add_working_days

MODULE = "overseas_chinese"
SENSITIVE = {"id_number", "passport_number", "birth_date"}


def settings() -> dict[str, Any]:
    return module_settings(MODULE)


def _require(actor, permission: str) -> None:
    if actor is None or permission not in permissions_for_role(actor.role, connection.tenant.profile):
        raise PermissionDenied(_("You may not do this."))


def _known_units() -> set[str]:
    return {unit["code"] for unit in connection.tenant.profile.get("submitting_units") or []}


def _safe(values: dict[str, Any]) -> dict[str, Any]:
    """What an audit row may hold of a record: everything but the sensitive numbers (whose
    change is noted, not shown)."""
    return {key: ("***" if key in SENSITIVE and value else value) for key, value in values.items()}


# --- the register of people and organisations ------------------------------------------

PERSON_FIELDS = [
    "kind",
    "name",
    "foreign_name",
    "sex",
    "birth_date",
    "id_number",
    "passport_number",
    "country",
    "unit_code",
    "address",
    "phone",
    "notes",
    "legal_basis",
    "legal_basis_note",
]
ORGANISATION_FIELDS = [
    "kind",
    "name",
    "country",
    "address",
    "contact_name",
    "contact_phone",
    "contact_email",
    "notes",
    "legal_basis",
]


def _check_person(data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if data.get("unit_code") and data["unit_code"] not in _known_units():
        errors["unit_code"] = [_("Unknown submitting unit.")]
    if data.get("legal_basis") == "consent" and not (data.get("legal_basis_note") or "").strip():
        errors["legal_basis_note"] = [_("Say how and when the person consented.")]
    birth = data.get("birth_date")
    if birth and birth > timezone.localdate():
        errors["birth_date"] = [_("This date is in the future.")]
    if errors:
        raise ValidationError(errors)


def create_person(*, actor, data: dict[str, Any]) -> Person:
    _require(actor, "overseas_chinese.manage_people")
    _check_person(data)
    with transaction.atomic():
        person = Person.objects.create(
            collected_by=actor, **{f: data.get(f, "") or _blank(f) for f in PERSON_FIELDS}
        )
        audit.record(
            actor=actor,
            action="overseas_chinese.person_create",
            obj=person,
            after=_safe({f: getattr(person, f) for f in PERSON_FIELDS}),
        )
    return person


def _blank(field: str):
    return None if field == "birth_date" else ""


def update_person(*, actor, person: Person, data: dict[str, Any]) -> Person:
    _require(actor, "overseas_chinese.manage_people")
    _check_person(data)
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        before = {f: getattr(locked, f) for f in PERSON_FIELDS}
        for field in PERSON_FIELDS:
            setattr(locked, field, data.get(field, "") or _blank(field))
        locked.save()
        old, new = audit.changes(_safe(before), _safe({f: getattr(locked, f) for f in PERSON_FIELDS}))
        for field in SENSITIVE:  # a changed number is noted as changed, never shown
            if before[field] != getattr(locked, field):
                old[field], new[field] = "***", "*** (changed)"
        audit.record(actor=actor, action="overseas_chinese.person_update", obj=locked, before=old, after=new)
    return locked


def record_full_view(*, actor, obj, what: str = "person") -> None:
    """One audit row per view of a full record (who saw whom, when); no numbers in it."""
    audit.record(actor=actor, action=f"overseas_chinese.view_{what}", obj=obj, after={"viewed": str(obj)})


def record_export(*, actor, what: str, rows: int) -> None:
    audit.record(actor=actor, action="overseas_chinese.export", after={"what": what, "rows": rows})


def create_organisation(*, actor, data: dict[str, Any]) -> Organisation:
    _require(actor, "overseas_chinese.manage_people")
    with transaction.atomic():
        organisation = Organisation.objects.create(
            collected_by=actor, **{f: data.get(f, "") for f in ORGANISATION_FIELDS}
        )
        audit.record(
            actor=actor,
            action="overseas_chinese.organisation_create",
            obj=organisation,
            after={f: getattr(organisation, f) for f in ORGANISATION_FIELDS},
        )
    return organisation


# --- identity confirmation -------------------------------------------------------------

IDENTITY_FIELDS = [
    "claim",
    "applicant_name",
    "sex",
    "birth_date",
    "id_number",
    "phone",
    "address",
    "country",
    "abroad_from",
    "abroad_to",
    "overseas_relative_name",
    "relation",
    "grounds",
]
IDENTITY_WORKFLOW = "overseas_chinese.identity"


def _check_identity(actor, data: dict[str, Any]) -> dict[str, Any]:
    from apps.accounts.scoping import is_unit_bound

    _require(actor, "overseas_chinese.apply_identity")
    data = dict(data)
    if is_unit_bound(actor):
        data["unit_code"] = actor.unit  # a unit applies for its own people only
    errors: dict[str, list[str]] = {}
    if data.get("unit_code") and data["unit_code"] not in _known_units():
        errors["unit_code"] = [_("Unknown submitting unit.")]
    if data.get("claim") == "returnee":
        if not data.get("abroad_to"):
            errors["abroad_to"] = [_("A returned overseas Chinese gives the date of return.")]
        elif data.get("abroad_from") and data["abroad_to"] < data["abroad_from"]:
            errors["abroad_to"] = [_("The return is before the departure.")]
    if data.get("claim") == "relative":
        if not (data.get("overseas_relative_name") or "").strip():
            errors["overseas_relative_name"] = [_("Name the overseas Chinese relative.")]
        if not data.get("relation"):
            errors["relation"] = [_("Say how the applicant is related.")]
    today = timezone.localdate()
    for field in ("birth_date", "abroad_to"):
        if data.get(field) and data[field] > today:
            errors.setdefault(field, []).append(_("This date is in the future."))
    if errors:
        raise ValidationError(errors)
    return data


def _title(data: dict[str, Any]) -> str:
    from apps.overseas_chinese.models import CLAIMS

    return f"{data['applicant_name']} · {CLAIMS[data['claim']]['zh']}"


def create_identity(*, actor, data: dict[str, Any], previous: IdentityConfirmation | None = None):
    data = _check_identity(actor, data)
    with transaction.atomic():
        case = casework.open_case(
            actor=actor,
            workflow_id=IDENTITY_WORKFLOW,
            title=_title(data),
            unit_code=data.get("unit_code") or "",
        )
        record = IdentityConfirmation.objects.create(
            case=case,
            title=_title(data),
            unit_code=data.get("unit_code") or "",
            previous=previous,
            **{
                f: data.get(f) if f in ("birth_date", "abroad_from", "abroad_to") else (data.get(f) or "")
                for f in IDENTITY_FIELDS
            },
        )
        record.refresh_search_text()
        audit.record(
            actor=actor,
            action="overseas_chinese.identity_create",
            obj=record,
            after=_safe({f: getattr(record, f) for f in IDENTITY_FIELDS}),
        )
    return record


def update_identity(*, actor, record: IdentityConfirmation, data: dict[str, Any]) -> IdentityConfirmation:
    data = _check_identity(actor, data)
    with transaction.atomic():
        locked = IdentityConfirmation.objects.select_for_update().select_related("case").get(pk=record.pk)
        if locked.case.state not in EDITABLE_STATES:
            raise ValidationError(_("Only a draft or a returned application can be changed."))
        before = {f: getattr(locked, f) for f in IDENTITY_FIELDS}
        for field in IDENTITY_FIELDS:
            setattr(
                locked,
                field,
                data.get(field)
                if field in ("birth_date", "abroad_from", "abroad_to")
                else (data.get(field) or ""),
            )
        locked.title = _title(data)
        if data.get("unit_code"):
            locked.unit_code = data["unit_code"]
        locked.save()
        locked.refresh_search_text()
        locked.case.title, locked.case.unit_code = locked.title, locked.unit_code
        locked.case.save(update_fields=["title", "unit_code", "updated_at"])
        old, new = audit.changes(_safe(before), _safe({f: getattr(locked, f) for f in IDENTITY_FIELDS}))
        audit.record(
            actor=actor, action="overseas_chinese.identity_update", obj=locked, before=old, after=new
        )
    return locked


def attach_evidence(*, actor, record, data: dict[str, Any]):
    """Stores an evidence file; what it is is told by its first bytes, never by its name
    (a "PDF" that is not one is refused on the file's field)."""
    from apps.documents import services as documents

    _require(actor, "overseas_chinese.apply_identity")
    try:
        documents.store_attachment(
            actor=actor, uploaded_file=data["file"], subject=record, unit_code=record.unit_code
        )
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    return record


def evidence_of(record):
    from apps.documents.models import Attachment

    return Attachment.objects.filter(subject_type=record._meta.label_lower, subject_id=str(record.pk)).only(
        "id", "filename", "content_type", "size", "uploaded_at"
    )


def submit_identity(*, actor, record: IdentityConfirmation, data: dict[str, Any], today=None):
    """Submits the application on the profile's chain; the statutory deadline (working
    days from the module's settings) starts counting today."""
    today = today or timezone.localdate()
    with transaction.atomic():
        if not evidence_of(record).exists():
            raise ValidationError({"file": [_("Attach at least one piece of evidence before submitting.")]})
        case = record.case
        case.facts = {"claim": record.claim}
        case.save(update_fields=["facts", "updated_at"])
        casework.perform(
            case=case,
            name="submit",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        due = add_working_days(today, settings()["identity_deadline_working_days"])
        IdentityConfirmation.objects.filter(pk=record.pk).update(due_on=due)
    return record


def issue_certificate(*, actor, record: IdentityConfirmation, data: dict[str, Any]):
    """Issues the numbered certificate (PDF, numbered from the profile's ``identity``
    series) and enters the person in the register (legal basis: statutory duty)."""
    from apps.documents import services as documents
    from apps.reporting import figures

    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="issue",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        record = IdentityConfirmation.objects.select_related("case").get(pk=record.pk)
        document = documents.issue_document(
            actor=actor,
            kind="identity",
            title=_("Certificate of identity: %(name)s") % {"name": record.applicant_name},
            template_name="overseas_chinese/certificate_pdf.html",
            context={"record": record, "office": connection.tenant},
            subject=record,
            unit_code=record.unit_code,
            language="bilingual",
        )
        person = record.person or Person.objects.create(
            kind=record.claim,
            name=record.applicant_name,
            sex=record.sex,
            birth_date=record.birth_date,
            id_number=record.id_number,
            country=record.country,
            address=record.address,
            phone=record.phone,
            legal_basis="statutory_duty",
            legal_basis_note=_("Identity confirmation %(number)s") % {"number": document.number},
            collected_by=actor,
        )
        IdentityConfirmation.objects.filter(pk=record.pk).update(
            certificate_number=document.number,
            certificate_document_id=document.pk,
            issued_at=timezone.now(),
            person=person,
        )
        record.certificate_number = document.number
        record.refresh_search_text()
        figures.count(metric="overseas_chinese.identities", key=record.claim, on=timezone.localdate())
    return record


def reapply(*, actor, record: IdentityConfirmation, data: dict[str, Any]):
    """A refused application applied for again: a new draft with the same particulars,
    linked to the refused one (its evidence is attached anew)."""
    if record.reapplications.exists():
        raise ValidationError(_("This application has already been applied for again."))
    values = {f: getattr(record, f) for f in IDENTITY_FIELDS}
    values["unit_code"] = record.unit_code
    return create_identity(actor=actor, data=values, previous=record)


# --- complaints ------------------------------------------------------------------------

COMPLAINT_FIELDS = [
    "channel",
    "subject",
    "title",
    "complainant_name",
    "complainant_phone",
    "complainant_email",
    "complainant_address",
    "details",
]
COMPLAINT_WORKFLOW = "overseas_chinese.complaint"
# Unambiguous letters and digits (no 0/O, 1/I/L): a code is read out on the telephone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16  # 31**16 ≈ 7·10^23: not guessable, whatever the rate limit


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[: CODE_LENGTH * 2]


def receive_complaint(*, actor, data: dict[str, Any], today=None) -> Complaint:
    """Registers a complaint, by the office (visit, letter, telephone: ``actor`` a clerk)
    or from the public form (``actor`` None, channel "online"); the acceptance deadline
    starts counting on the day received. Returns it with its tracking code."""
    today = today or timezone.localdate()
    if actor is not None:
        _require(actor, "overseas_chinese.handle_complaints")
    else:
        data = {**data, "channel": "online"}
    received = data.get("received_on") or today
    if received > today:
        raise ValidationError({"received_on": [_("This date is in the future.")]})
    accept_due = add_working_days(received, settings()["complaint_accept_working_days"])
    for _attempt in range(3):
        try:
            with transaction.atomic():
                case = casework.open_case(actor=actor, workflow_id=COMPLAINT_WORKFLOW, title=data["title"])
                complaint = Complaint.objects.create(
                    case=case,
                    received_on=received,
                    tracking_code=new_tracking_code(),
                    accept_due=accept_due,
                    due_on=accept_due,
                    **{f: data.get(f, "") for f in COMPLAINT_FIELDS},
                )
                complaint.refresh_search_text()
                audit.record(
                    actor=actor,
                    on_behalf_of="public" if actor is None else "",
                    action="overseas_chinese.complaint_receive",
                    obj=complaint,
                    after={
                        "channel": complaint.channel,
                        "subject": complaint.subject,
                        "received_on": received,
                    },
                )
                from apps.reporting import figures

                figures.count(metric="overseas_chinese.complaints", on=received)
                figures.count(
                    metric="overseas_chinese.complaints_by_channel", key=complaint.channel, on=received
                )
            return complaint
        except IntegrityError:  # the same code drawn twice: draw again
            continue
    raise RuntimeError("could not draw a unique tracking code")


def _perform(record: Complaint, name: str, actor, data: dict[str, Any]):
    return casework.perform(
        case=record.case, name=name, actor=actor, comment=data.get("comment", ""), version=data.get("version")
    )


def accept_complaint(*, actor, record: Complaint, data: dict[str, Any], today=None):
    today = today or timezone.localdate()
    with transaction.atomic():
        due = add_working_days(today, settings()["complaint_handle_working_days"])
        Complaint.objects.filter(pk=record.pk).update(handle_due=due)
        record.handle_due = due
        _perform(record, "accept", actor, data)
    return record


def decline_complaint(*, actor, record: Complaint, data: dict[str, Any]):
    with transaction.atomic():
        _perform(record, "decline", actor, data)
        Complaint.objects.filter(pk=record.pk).update(decision_reason=data.get("comment", "").strip())
    return record


def transfer_complaint(*, actor, record: Complaint, data: dict[str, Any]):
    """Hands the complaint to the responsible department (it then sees it and replies)."""
    unit = data.get("unit_code") or ""
    errors = {}
    if unit not in _known_units():
        errors["unit_code"] = [_("Unknown submitting unit.")]
    due = data.get("due_on")
    if due and record.handle_due and due > record.handle_due:
        errors["due_on"] = [_("The department's deadline is after the handling deadline.")]
    if due and due < timezone.localdate():
        errors["due_on"] = [_("This date is in the past.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Complaint.objects.filter(pk=record.pk).update(
            unit_code=unit, transfer_note=data.get("instructions", ""), transferred_due=due
        )
        record.case.unit_code = unit
        record.case.save(update_fields=["unit_code", "updated_at"])
        _perform(record, "transfer", actor, data)
        audit.record(
            actor=actor, action="overseas_chinese.complaint_transfer", obj=record, after={"unit": unit}
        )
    return record


def department_answer(*, actor, record: Complaint, data: dict[str, Any]):
    text = (data.get("answer") or "").strip()
    if not text:
        raise ValidationError({"answer": [_("Write the department's reply.")]})
    with transaction.atomic():
        Complaint.objects.filter(pk=record.pk).update(department_reply=text)
        _perform(record, "answer", actor, data)
    return record


def reply_complaint(*, actor, record: Complaint, data: dict[str, Any], today=None):
    """The office's reply to the complainant (shown to them with their code)."""
    text = (data.get("reply") or "").strip()
    if not text:
        raise ValidationError({"reply": [_("Write the reply to the complainant.")]})
    with transaction.atomic():
        Complaint.objects.filter(pk=record.pk).update(reply=text, replied_on=today or timezone.localdate())
        _perform(record, "reply", actor, data)
    return record


def close_complaint(*, actor, record: Complaint, data: dict[str, Any]):
    with transaction.atomic():
        Complaint.objects.filter(pk=record.pk).update(
            satisfaction=data.get("satisfaction") or record.satisfaction,
            satisfaction_note=data.get("satisfaction_note", "") or record.satisfaction_note,
        )
        _perform(record, "close", actor, data)
    return record


def reopen_complaint(*, actor, record: Complaint, data: dict[str, Any], today=None):
    """Handles the matter again (e.g. the complainant is not satisfied): a new handling
    period runs from today."""
    today = today or timezone.localdate()
    with transaction.atomic():
        due = add_working_days(today, settings()["complaint_handle_working_days"])
        Complaint.objects.filter(pk=record.pk).update(handle_due=due, reopened=record.reopened + 1)
        _perform(record, "reopen", actor, data)
    return record


def extend_complaint(*, actor, record: Complaint, data: dict[str, Any]):
    """Extends the handling deadline once, by the module's extension days, with a reason
    (told to the complainant). A second extension is refused."""
    _require(actor, "overseas_chinese.handle_complaints")
    reason = (data.get("reason") or "").strip()
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().select_related("case").get(pk=record.pk)
        if locked.extended:
            raise ValidationError({"reason": [once_only_message()]})
        if not reason:
            raise ValidationError({"reason": [_("Give the reason for the extension.")]})
        if locked.handle_due is None or locked.case.state not in ("accepted", "transferred"):
            raise ValidationError(_("Only a complaint in hand can be extended."))
        before = locked.handle_due
        locked.handle_due = add_working_days(before, settings()["complaint_extension_working_days"])
        locked.extended, locked.extension_reason = True, reason
        locked.save(update_fields=["handle_due", "extended", "extension_reason"])
        hooks.sync_complaint(locked, locked.case.state)
        audit.record(
            actor=actor,
            action="overseas_chinese.complaint_extend",
            obj=locked,
            before={"handle_due": before},
            after={"handle_due": locked.handle_due, "reason": reason},
        )
    return record


def once_only_message() -> str:
    return _("The handling deadline has already been extended once; it cannot be extended again.")


def complainant_rates(*, complaint: Complaint, satisfaction: str, note: str = "") -> Complaint:
    """The complainant's own word on the reply (from the tracking page, with the code)."""
    with transaction.atomic():
        Complaint.objects.filter(pk=complaint.pk).update(
            satisfaction=satisfaction, satisfaction_note=note[:2000]
        )
        audit.record(
            actor=None,
            on_behalf_of="public",
            action="overseas_chinese.complaint_rated",
            obj=complaint,
            after={"satisfaction": satisfaction},
        )
    return complaint


# --- settling in the city --------------------------------------------------------------


def create_settlement(*, actor, data: dict[str, Any]) -> Settlement:
    _require(actor, "overseas_chinese.manage_settlements")
    with transaction.atomic():
        settlement = Settlement.objects.create(
            person=data["person"],
            arrived_on=data["arrived_on"],
            needs=list(dict.fromkeys(data.get("needs") or [])),
            notes=data.get("notes", ""),
            created_by=actor,
        )
        audit.record(
            actor=actor,
            action="overseas_chinese.settlement_create",
            obj=settlement,
            after={
                "person": settlement.person_id,
                "arrived_on": settlement.arrived_on,
                "needs": settlement.needs,
            },
        )
    return settlement


def hand_task(*, actor, settlement: Settlement, data: dict[str, Any]) -> SettlementTask:
    _require(actor, "overseas_chinese.manage_settlements")
    errors = {}
    if settlement.state != "open":
        raise ValidationError(_("This settlement is closed."))
    if data["unit_code"] not in _known_units():
        errors["unit_code"] = [_("Unknown submitting unit.")]
    if data["due_on"] < timezone.localdate():
        errors["due_on"] = [_("This date is in the past.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        task = SettlementTask.objects.create(
            settlement=settlement,
            need=data["need"],
            unit_code=data["unit_code"],
            request=data["request"],
            due_on=data["due_on"],
        )
        audit.record(
            actor=actor,
            action="overseas_chinese.task_hand",
            obj=task,
            after={
                "settlement": settlement.pk,
                "need": task.need,
                "unit": task.unit_code,
                "due_on": task.due_on,
            },
        )
        from apps.notifications.recipients import unit_submitters

        _notify_unit(unit_submitters(task.unit_code), task)
    return task


def _notify_unit(recipients, task: SettlementTask) -> None:
    from django.urls import reverse

    from apps.notifications import services as notifications

    notifications.notify(
        recipients=recipients,
        kind="overseas_chinese.task",
        subject=_("A settlement task for your department"),
        body=task.request,
        url=reverse("overseas_chinese:tasks"),
        about=task,
    )


def answer_task(*, actor, task: SettlementTask, data: dict[str, Any], today=None) -> SettlementTask:
    """The department's reply to its own task (and only its own)."""
    from apps.accounts.scoping import can_see_unit

    _require(actor, "overseas_chinese.answer_tasks")
    if not can_see_unit(actor, task.unit_code):
        raise PermissionDenied(_("You may not do this."))
    text = (data.get("reply") or "").strip()
    if not text:
        raise ValidationError({"reply": [_("Write the department's reply.")]})
    if task.settlement.state != "open":
        raise ValidationError(_("This settlement is closed."))
    with transaction.atomic():
        task.reply, task.replied_on, task.replied_by = text, today or timezone.localdate(), actor
        task.save(update_fields=["reply", "replied_on", "replied_by"])
        audit.record(actor=actor, action="overseas_chinese.task_answer", obj=task, after={"reply": text})
    return task


def close_settlement(*, actor, settlement: Settlement, data: dict[str, Any] | None = None, today=None):
    _require(actor, "overseas_chinese.manage_settlements")
    if settlement.state != "open":
        raise ValidationError(_("This settlement is closed."))
    if settlement.tasks.filter(replied_on__isnull=True).exists():
        raise ValidationError(_("Every task needs its department's reply before the settlement is closed."))
    with transaction.atomic():
        settlement.state, settlement.closed_on = "closed", today or timezone.localdate()
        settlement.save(update_fields=["state", "closed_on"])
        audit.record(
            actor=actor, action="overseas_chinese.settlement_close", obj=settlement, after={"state": "closed"}
        )
        from apps.reporting import figures

        figures.count(metric="overseas_chinese.settled", on=settlement.closed_on)
    return settlement


# --- restricted records ----------------------------------------------------------------

RESTRICTED_TYPE = "overseas_chinese.restrictedmatter"
RESTRICTED_FIELDS = ["kind", "title", "occurred_on", "place", "people_involved", "summary", "actions_taken"]


def create_restricted(*, actor, data: dict[str, Any]) -> RestrictedMatter:
    _require(actor, "overseas_chinese.restricted")
    if data["occurred_on"] > timezone.localdate():
        raise ValidationError({"occurred_on": [_("This date is in the future.")]})
    with transaction.atomic():
        matter = RestrictedMatter.objects.create(
            created_by=actor, **{f: data.get(f, "") for f in RESTRICTED_FIELDS}
        )
        # the row names the record only: its kind and contents stay behind the permission
        audit.record(
            actor=actor,
            action="overseas_chinese.restricted_create",
            object_type=RESTRICTED_TYPE,
            object_id=matter.pk,
        )
    return matter


def close_restricted(*, actor, matter: RestrictedMatter) -> RestrictedMatter:
    _require(actor, "overseas_chinese.restricted")
    with transaction.atomic():
        matter.state = "closed"
        matter.save(update_fields=["state"])
        audit.record(
            actor=actor,
            action="overseas_chinese.restricted_close",
            object_type=RESTRICTED_TYPE,
            object_id=matter.pk,
        )
    return matter
