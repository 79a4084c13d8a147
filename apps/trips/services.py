"""Writes of the trips module. Every state change of a delegation's case goes through the
casework engine (``apps.casework.services.perform``)."""

from __future__ import annotations

import copy
import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.roles import permissions_for_role
from apps.accounts.scoping import is_unit_bound
from apps.audit import services as audit
from apps.casework import services as casework
from apps.casework.rules import Breach, refuse_override_when_closed, still_open
from apps.registry import countries
from apps.registry.ranks import RANKS
from apps.trips import limits, validation
from apps.trips.models import (
    Delegation,
    Destination,
    LimitOverride,
    Member,
    TravelDocument,
    search_text_for,
)

# What an application's author writes (the invitation letter comes by ``attach_invitation``).
DELEGATION_FIELDS = [
    "kind", "title", "unit_code", "purpose", "inviter_name", "inviter_country",
    "funding_source", "budget", "departure", "return_date",
]  # fmt: skip
MEMBER_FIELDS = [
    "name", "gender", "birth_date", "unit", "position", "rank", "document_type", "document_number",
    "visa_or_endorsement", "is_interpreter",
]  # fmt: skip
DESTINATION_FIELDS = ["country", "arrive", "leave", "transit_airside"]
EDITABLE_STATES = {"draft", "returned"}


def _require(actor, permission: str) -> None:
    if permission not in permissions_for_role(actor.role, connection.tenant.profile):
        raise PermissionDenied(_("You may not do this."))


def _unit_kind(unit_code: str) -> str:
    for unit in connection.tenant.profile.get("submitting_units") or []:
        if unit.get("code") == unit_code:
            return unit.get("kind", "")
    return ""


def _check_unit(actor, data: dict[str, Any]) -> None:
    if is_unit_bound(actor):
        data["unit_code"] = actor.unit  # a department submits for itself only
    known = {unit["code"] for unit in connection.tenant.profile.get("submitting_units") or []}
    if data.get("unit_code") not in known:
        raise ValidationError({"unit_code": [_("Unknown submitting unit.")]})


def _write_children(delegation: Delegation, data: dict[str, Any]) -> None:
    delegation.members.all().delete()
    delegation.destinations.all().delete()
    Member.objects.bulk_create(
        Member(
            delegation=delegation,
            order=index,
            **{key: member.get(key) for key in MEMBER_FIELDS if key in member},
        )
        for index, member in enumerate(data["members"])
    )
    delegation.search_text = search_text_for(
        delegation.title, delegation.inviter_name, [member["name"] for member in data["members"]]
    )
    delegation.save(update_fields=["search_text"])
    Destination.objects.bulk_create(
        Destination(
            delegation=delegation,
            order=index,
            **{key: item[key] for key in DESTINATION_FIELDS if key in item},
        )
        for index, item in enumerate(data["destinations"])
    )


def _inviter_link(delegation: Delegation):
    from apps.partners.selectors import link_of_record

    return link_of_record("trips", delegation.pk, kind="visit_out")


def _link_inviter(actor, delegation: Delegation, data: dict[str, Any]) -> None:
    """The inviter as a partner of the register (optional): the partner's page lists the trip."""
    from django.urls import reverse

    from apps.partners import services as partners

    if "inviter_partner" not in data:
        return
    partners.relink(
        actor=actor,
        partner=data.get("inviter_partner"),
        module="trips",
        record_ref=delegation.pk,
        kind="visit_out",
        title=delegation.title,
        date=delegation.departure,
        url=reverse("trips:detail", args=[delegation.pk], urlconf="waiban.urls_city"),
    )


def snapshot(delegation: Delegation) -> dict[str, Any]:
    link = _inviter_link(delegation)
    return {
        **{field: getattr(delegation, field) for field in DELEGATION_FIELDS},
        "inviter_partner": link.partner_id if link else None,
        "members": [{key: getattr(m, key) for key in MEMBER_FIELDS} for m in delegation.members.all()],
        "destinations": [
            {key: getattr(d, key) for key in DESTINATION_FIELDS} for d in delegation.destinations.all()
        ],
    }


def create_delegation(*, actor, data: dict[str, Any]) -> Delegation:
    _require(actor, "trips.submit")
    data = validation.normalise(copy.deepcopy(dict(data)))
    _check_unit(actor, data)
    validation.check(data)
    with transaction.atomic():
        case = casework.open_case(
            actor=actor, workflow_id="trips.delegation", title=data["title"], unit_code=data["unit_code"]
        )
        delegation = Delegation.objects.create(
            case=case,
            unit_kind=_unit_kind(data["unit_code"]),
            **{field: data.get(field) for field in DELEGATION_FIELDS if field in data},
        )
        _write_children(delegation, data)
        _link_inviter(actor, delegation, data)
        audit.record(actor=actor, action="trips.create", obj=delegation, after=snapshot(delegation))
    return delegation


def update_delegation(*, actor, delegation: Delegation, data: dict[str, Any]) -> Delegation:
    _require(actor, "trips.submit")
    data = validation.normalise(copy.deepcopy(dict(data)))
    _check_unit(actor, data)
    validation.check(data)
    with transaction.atomic():
        locked = Delegation.objects.select_for_update().select_related("case").get(pk=delegation.pk)
        if locked.case.state not in EDITABLE_STATES:
            raise ValidationError(_("Only a draft or a returned application can be changed."))
        before = snapshot(locked)
        for field in DELEGATION_FIELDS:
            if field in data:
                setattr(locked, field, data[field])
        locked.unit_kind = _unit_kind(locked.unit_code)
        locked.save()
        _write_children(locked, data)
        _link_inviter(actor, locked, data)
        locked.case.title = locked.title
        locked.case.save(update_fields=["title", "updated_at"])
        old, new = audit.changes(before, snapshot(locked))
        audit.record(actor=actor, action="trips.update", obj=locked, before=old, after=new)
    return locked


def attach_invitation(*, actor, delegation: Delegation, uploaded_file) -> Delegation:
    """Stores the inviting organisation's letter (PDF or image) on the application."""
    from apps.documents import services as documents

    _require(actor, "trips.submit")
    with transaction.atomic():
        locked = Delegation.objects.select_for_update().select_related("case").get(pk=delegation.pk)
        if locked.case.state not in EDITABLE_STATES:
            raise ValidationError(_("Only a draft or a returned application can be changed."))
        attachment = documents.store_attachment(
            actor=actor, uploaded_file=uploaded_file, subject=locked, unit_code=locked.unit_code
        )
        before = {"invitation_attachment_id": locked.invitation_attachment_id}
        locked.invitation_attachment_id = attachment.pk
        locked.save(update_fields=["invitation_attachment_id"])
        after = {"invitation_attachment_id": attachment.pk, "file": attachment.filename}
        audit.record(actor=actor, action="trips.attach_invitation", obj=locked, before=before, after=after)
    return locked


def facts(delegation: Delegation) -> dict[str, Any]:
    """What the approval chain's conditions look at."""
    ranks = [member.rank for member in delegation.members.all() if member.rank in RANKS]
    codes = limits.counted_countries(delegation.destinations.all())
    return {
        "rank": max(ranks, key=RANKS.index) if ranks else None,
        "destinations": codes,
        "regions": countries.regions_of(codes),
        "budget": float(delegation.budget),
    }


def open_breaches(delegation: Delegation, today: datetime.date | None = None) -> list[Breach]:
    return still_open(
        limits.breaches(delegation, today=today), delegation.overrides.values_list("rule", flat=True)
    )


# The kinds of trip whose application goes in with the inviting organisation's letter.
INVITATION_REQUIRED_KINDS = frozenset({Delegation.Kind.ABROAD, Delegation.Kind.HKMO})


def missing_invitation(delegation: Delegation) -> str | None:
    """Why the application cannot go in without its letter, or None when it has it."""
    if delegation.kind not in INVITATION_REQUIRED_KINDS or delegation.invitation_attachment_id:
        return None
    return _(
        "The invitation letter from “%(inviter)s” has not been uploaded; upload it before submitting."
    ) % {"inviter": delegation.inviter_name}


def submit(*, actor, delegation: Delegation, version: int | None = None) -> Delegation:
    with transaction.atomic():
        errors: dict[str, list[str]] = {}
        delegation.refresh_from_db(fields=["kind", "inviter_name", "invitation_attachment_id"])
        if letter := missing_invitation(delegation):
            errors["invitation"] = [letter]
        blocking = open_breaches(delegation)
        if blocking:
            errors["limits"] = [
                _("%(rule)s: %(message)s")
                % {"rule": validation.rule_label(breach.rule), "message": breach.message}
                for breach in blocking
            ]
        if errors:
            raise ValidationError(errors)
        case = delegation.case
        case.facts = facts(delegation)
        case.save(update_fields=["facts", "updated_at"])
        casework.perform(case=case, name="submit", actor=actor, version=version)
    delegation.refresh_from_db()
    return delegation


def override_limit(*, actor, delegation: Delegation, rule: str, justification: str) -> LimitOverride:
    _require(actor, "trips.override")
    justification = (justification or "").strip()
    if not justification:
        raise ValidationError({"justification": [_("A justification is required.")]})
    refuse_override_when_closed(delegation.case)
    found = {breach.rule: breach for breach in limits.breaches(delegation)}
    if rule not in found:
        raise ValidationError({"rule": [_("This delegation does not exceed “%(rule)s”.") % {"rule": rule}]})
    if not found[rule].overridable:
        raise ValidationError({"rule": [_("This limit cannot be overridden.")]})
    with transaction.atomic():
        override, created = LimitOverride.objects.update_or_create(
            delegation=delegation, rule=rule, defaults={"justification": justification, "decided_by": actor}
        )
        audit.record(
            actor=actor,
            action="trips.override_limit",
            obj=delegation,
            after={"rule": rule, "message": found[rule].message, "justification": justification},
        )
        from apps.reporting import figures

        if created:  # a justification rewritten is not a second override
            figures.count(metric="trips.overrides", key=rule, on=delegation.departure)
    return override


def acknowledge_education(*, actor, member: Member) -> Member:
    """Records that the member took the pre-departure education on foreign-affairs discipline."""
    _require(actor, "trips.manage")
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        if member.education_acknowledged_at is None:
            member.education_acknowledged_at = timezone.now()
            member.save(update_fields=["education_acknowledged_at"])
            audit.record(actor=actor, action="trips.acknowledge_education", obj=member.delegation,
                         after={"member": member.name})  # fmt: skip
    return member


def issue_approval_document(
    *, actor, delegation: Delegation, version: int | None = None, today=None
) -> Delegation:
    """Issues the numbered task approval document (任务批件) as PDF and hands out the
    members' travel documents from custody."""
    from apps.documents import services as documents

    today = today or timezone.localdate()
    missing = [member.name for member in delegation.members.all() if member.education_acknowledged_at is None]
    if missing:
        raise ValidationError(
            _("Pre-departure education not yet acknowledged by: %(names)s.") % {"names": "、".join(missing)}
        )
    if delegation.notice_until and today <= delegation.notice_until:
        raise ValidationError(
            _("The public notice runs until %(date)s; the document can be issued after it.")
            % {"date": delegation.notice_until}
        )
    with transaction.atomic():
        casework.perform(case=delegation.case, name="issue", actor=actor, version=version)
        document = documents.issue_document(
            actor=actor,
            kind="approval",
            title=_("Task approval document: %(title)s") % {"title": delegation.title},
            template_name="trips/approval_document.html",
            context={
                "delegation": delegation,
                "office": connection.tenant,
                "province_approved": delegation.case.events.filter(transition="province_approve").exists(),
                "province": connection.tenant.province,
            },
            subject=delegation,
            language="bilingual",
            unit_code=delegation.unit_code,
        )
        Delegation.objects.filter(pk=delegation.pk).update(
            approval_document_id=document.pk, approval_number=document.number
        )
        _issue_travel_documents(delegation, actor)
    delegation.refresh_from_db()
    return delegation


def _issue_travel_documents(delegation: Delegation, actor) -> None:
    """The members' documents leave custody with the delegation: one audit row each."""
    return_days = limits.effective_limits().get("passport_return_days") or 7
    due = delegation.return_date + datetime.timedelta(days=return_days)
    for member in delegation.members.all():
        document, _created = TravelDocument.objects.get_or_create(
            number=member.document_number,
            defaults={
                "holder_name": member.name,
                "holder_birth_date": member.birth_date,
                "document_type": member.document_type,
            },
        )
        document.status = TravelDocument.Status.ISSUED
        document.issued_for = delegation
        document.issued_at = timezone.now()
        document.due_back = due
        document.returned_at = None
        document.save()
        audit.record(actor=actor, action="trips.issue_travel_document", obj=document,
                     after={"status": "issued", "delegation": delegation.pk, "due_back": due})  # fmt: skip


def take_into_custody(
    *, actor, holder_name: str, holder_birth_date, document_type: str, number: str
) -> TravelDocument:
    """Records a passport or permit handed to the office for safekeeping, before (or
    without) any trip. Errors name their field; a number already in the ledger is refused."""
    _require(actor, "trips.manage")
    holder_name = (holder_name or "").strip()
    number = (number or "").strip().upper()
    errors: dict[str, list[str]] = {}
    if not holder_name:
        errors["holder_name"] = [_("The holder's name is required.")]
    if not holder_birth_date:
        errors["holder_birth_date"] = [_("The holder's birth date is required.")]
    pattern = validation.DOCUMENT_NUMBER_PATTERNS.get(document_type)
    if pattern is None:
        errors["document_type"] = [_("Choose the kind of document.")]
    elif not pattern.match(number):
        errors["number"] = [
            _("“%(number)s” is not a valid number for this document (e.g. %(example)s).")
            % {"number": number, "example": validation.DOCUMENT_EXAMPLES[document_type]}
        ]
    elif TravelDocument.objects.filter(number=number).exists():
        errors["number"] = [_("%(number)s is already in the ledger.") % {"number": number}]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        document = TravelDocument.objects.create(
            holder_name=holder_name,
            holder_birth_date=holder_birth_date,
            document_type=document_type,
            number=number,
            status=TravelDocument.Status.IN_CUSTODY,
        )
        after = {"holder": holder_name, "document_number": number, "document_type": document_type}
        audit.record(actor=actor, action="trips.take_into_custody", obj=document, after=after)
    return document


def return_travel_document(
    *, actor, document: TravelDocument, today: datetime.date | None = None
) -> TravelDocument:
    """Takes a travel document back into custody after its trip; one that has not left
    yet (before the delegation's departure) cannot come back."""
    _require(actor, "trips.manage")
    today = today or timezone.localdate()
    with transaction.atomic():
        document = (
            TravelDocument.objects.select_for_update(of=("self",))
            .select_related("issued_for")
            .get(pk=document.pk)
        )
        if document.status != TravelDocument.Status.ISSUED:
            raise ValidationError(_("This document is already in custody."))
        trip = document.issued_for
        if trip is not None and today < trip.departure:
            raise ValidationError(
                _("%(number)s leaves with the delegation on %(date)s; it can be returned after that.")
                % {"number": document.number, "date": trip.departure.isoformat()},
                code="not_yet_left",
            )
        document.status = TravelDocument.Status.IN_CUSTODY
        document.returned_at = timezone.now()
        document.save()
        audit.record(actor=actor, action="trips.return_travel_document", obj=document,
                     before={"status": "issued"}, after={"status": "in_custody"})  # fmt: skip
    return document


def record_objection(
    *, actor, delegation: Delegation, objection: str, version: int | None = None
) -> Delegation:
    with transaction.atomic():
        casework.perform(case=delegation.case, name="hold", actor=actor, comment=objection, version=version)
        Delegation.objects.filter(pk=delegation.pk).update(objection=objection)
    delegation.refresh_from_db()
    return delegation


def can_report(delegation: Delegation, today: datetime.date | None = None) -> bool:
    """The post-trip report is written once the delegation is back (from the return date)."""
    return (today or timezone.localdate()) >= delegation.return_date


def file_report(
    *,
    actor,
    delegation: Delegation,
    report: str,
    outcome: str,
    version: int | None = None,
    today: datetime.date | None = None,
):
    """Files the post-trip report and closes the case; refused before the return date."""
    if not (report or "").strip():
        raise ValidationError({"report": [_("The report is empty.")]})
    if not can_report(delegation, today):
        raise ValidationError(
            {
                "report": [
                    _("The post-trip report can be filed from the return date, %(date)s.")
                    % {"date": delegation.return_date.isoformat()}
                ]
            },
            code="not_yet_back",
        )
    with transaction.atomic():
        casework.perform(case=delegation.case, name="close", actor=actor, version=version)
        Delegation.objects.filter(pk=delegation.pk).update(
            report=report.strip(), outcome_notice=(outcome or "").strip(), report_filed_at=timezone.now()
        )
    delegation.refresh_from_db()
    return delegation
