"""Writes of the invitations module. Every state change of an invitation's case goes
through the casework engine; every write is one transaction with its audit row."""

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
from apps.casework.rules import Breach, refuse_override_when_closed, still_open
from apps.invitations import rules, validation
from apps.invitations.models import INVITEE_FIELDS, Invitation, Invitee, RuleOverride, VisaNotice
from apps.invitations.workflow import EDITABLE_STATES
from apps.registry.units import unit_kind

FIELDS = [
    "title",
    "unit_code",
    "responsible_person",
    "responsible_phone",
    "visit_kind",
    "purpose",
    "programme",
    "arrival",
    "departure",
    "places",
    "costs_paid_by",
]
WORKFLOW_ID = "invitations.invitation"


def _require(actor, permission: str) -> None:
    if permission not in permissions_for_role(actor.role, connection.tenant.profile):
        raise PermissionDenied(_("You may not do this."))


def _check_unit(actor, data: dict[str, Any]) -> None:
    if is_unit_bound(actor):
        data["unit_code"] = actor.unit  # a unit invites for itself only
    known = {unit["code"] for unit in connection.tenant.profile.get("submitting_units") or []}
    if data.get("unit_code") not in known:
        raise ValidationError({"unit_code": [_("Unknown submitting unit.")]})


def _partner_link(invitation: Invitation):
    from apps.partners.selectors import link_of_record

    return link_of_record("invitations", invitation.pk, kind="visit_in")


def _link_partner(actor, invitation: Invitation, data: dict[str, Any]) -> None:
    """The visitors' organisation as a partner of the register (optional): the partner's
    page lists the visit."""
    from django.urls import reverse

    from apps.partners import services as partners

    if "partner" not in data:
        return
    partners.relink(
        actor=actor,
        partner=data.get("partner"),
        module="invitations",
        record_ref=invitation.pk,
        kind="visit_in",
        title=invitation.title,
        date=invitation.arrival,
        url=reverse("invitations:detail", args=[invitation.pk], urlconf="waiban.urls_city"),
    )


def snapshot(invitation: Invitation) -> dict[str, Any]:
    link = _partner_link(invitation)
    return {
        **{field: getattr(invitation, field) for field in FIELDS},
        "partner": link.partner_id if link else None,
        "invitees": [{key: getattr(i, key) for key in INVITEE_FIELDS} for i in invitation.invitees.all()],
    }


def _write_invitees(invitation: Invitation, data: dict[str, Any]) -> None:
    invitation.invitees.all().delete()
    Invitee.objects.bulk_create(
        Invitee(
            invitation=invitation,
            order=index,
            planned_exit=invitation.departure,
            unit_code=invitation.unit_code,
            search_text=f"{row['name_latin']} {row.get('name_zh', '')} {row['passport_number']}".lower(),
            **{key: row.get(key, "") for key in INVITEE_FIELDS},
        )
        for index, row in enumerate(data["invitees"])
    )
    invitation.refresh_search_text()


def _prepare(actor, data: dict[str, Any]) -> dict[str, Any]:
    _require(actor, "invitations.submit")
    data = dict(data)
    _check_unit(actor, data)
    validation.check(data)
    return data


def create_invitation(*, actor, data: dict[str, Any]) -> Invitation:
    data = _prepare(actor, data)
    with transaction.atomic():
        case = casework.open_case(
            actor=actor, workflow_id=WORKFLOW_ID, title=data["title"], unit_code=data["unit_code"]
        )
        invitation = Invitation.objects.create(
            case=case,
            unit_kind=unit_kind(data["unit_code"]),
            acknowledged_by=actor,
            acknowledged_at=timezone.now(),
            **{field: data[field] for field in FIELDS},
        )
        _write_invitees(invitation, data)
        _link_partner(actor, invitation, data)
        audit.record(actor=actor, action="invitations.create", obj=invitation, after=snapshot(invitation))
    return invitation


def update_invitation(*, actor, invitation: Invitation, data: dict[str, Any]) -> Invitation:
    data = _prepare(actor, data)
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().select_related("case").get(pk=invitation.pk)
        if locked.case.state not in EDITABLE_STATES:
            raise ValidationError(_("Only a draft or a returned application can be changed."))
        before = snapshot(locked)
        for field in FIELDS:
            setattr(locked, field, data[field])
        locked.unit_kind = unit_kind(locked.unit_code)
        locked.acknowledged_by, locked.acknowledged_at = actor, timezone.now()
        locked.save()
        _write_invitees(locked, data)
        _link_partner(actor, locked, data)
        locked.case.title, locked.case.unit_code = locked.title, locked.unit_code
        locked.case.save(update_fields=["title", "unit_code", "updated_at"])
        old, new = audit.changes(before, snapshot(locked))
        audit.record(actor=actor, action="invitations.update", obj=locked, before=old, after=new)
    return locked


def facts(invitation: Invitation) -> dict[str, Any]:
    """What the approval chain's conditions look at (``InvitationsModule.chain_facts``)."""
    invitees = list(invitation.invitees.all())
    nationalities = sorted({i.nationality for i in invitees})
    categories = sorted({i.category for i in invitees})
    return {
        "nationalities": nationalities,
        "categories": categories,
        "invitees": len(invitees),
        "needs_province": rules.needs_province(nationalities, categories),
    }


def open_breaches(invitation: Invitation, today=None) -> list[Breach]:
    return still_open(
        rules.breaches(invitation, today=today), invitation.overrides.values_list("rule", flat=True)
    )


def submit(*, actor, record: Invitation, data: dict[str, Any]) -> Invitation:
    with transaction.atomic():
        blocking = open_breaches(record)
        if blocking:
            raise ValidationError({"rules": [f"[{b.rule}] {b.message}" for b in blocking]})
        case = record.case
        case.facts = facts(record)
        case.save(update_fields=["facts", "updated_at"])
        casework.perform(
            case=case,
            name="submit",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
    return record


def override_rule(*, actor, record: Invitation, data: dict[str, Any]) -> Invitation:
    _require(actor, "invitations.override")
    rule, justification = data["rule"], (data.get("justification") or "").strip()
    if not justification:
        raise ValidationError({"justification": [_("A justification is required.")]})
    refuse_override_when_closed(record.case)
    found = {breach.rule: breach for breach in rules.breaches(record)}
    if rule not in found:
        raise ValidationError({"rule": [_("This application does not break “%(rule)s”.") % {"rule": rule}]})
    if not found[rule].overridable:
        raise ValidationError({"rule": [_("This rule cannot be overridden.")]})
    with transaction.atomic():
        _override, created = RuleOverride.objects.update_or_create(
            invitation=record, rule=rule, defaults={"justification": justification, "decided_by": actor}
        )
        audit.record(
            actor=actor,
            action="invitations.override_rule",
            obj=record,
            after={"rule": rule, "message": found[rule].message, "justification": justification},
        )
        from apps.reporting import figures

        if created:  # a justification rewritten is not a second override
            figures.count(metric="invitations.overrides", key=rule, on=record.arrival)
    return record


def attach(*, actor, record: Invitation, data: dict[str, Any]) -> Invitation:
    """Stores a file on the application (passport copies, the programme); what it is is
    told by its first bytes, never by its name."""
    from apps.documents import services as documents

    _require(actor, "invitations.submit")
    try:
        documents.store_attachment(
            actor=actor, uploaded_file=data["file"], subject=record, unit_code=record.unit_code
        )
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    return record


def issue_letters(*, actor, record: Invitation, data: dict[str, Any], today=None) -> Invitation:
    """Issues, numbered from the profile's ``invitation`` series, the bilingual invitation
    letter (one, listing the invitees) and a visa notification letter to each embassy or
    consulate concerned; all or nothing."""
    from apps.documents import services as documents

    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="issue",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        invitation = Invitation.objects.select_related("case").get(pk=record.pk)
        invitees = list(invitation.invitees.all())
        office = connection.tenant
        letter = documents.issue_document(
            actor=actor,
            kind="invitation",
            title=_("Invitation letter: %(title)s") % {"title": invitation.title},
            template_name="invitations/letter_pdf.html",
            context={"invitation": invitation, "invitees": invitees, "office": office},
            subject=invitation,
            unit_code=invitation.unit_code,
            language="bilingual",
        )
        missions: dict[str, list[Invitee]] = {}
        for invitee in invitees:
            missions.setdefault(invitee.mission.strip(), []).append(invitee)
        from apps.partners.selectors import consulate_for

        for mission, guests in missions.items():
            # copied to the consulates that cover this city for the guests' countries, where
            # the office has recorded them (the register's consular jurisdiction)
            copies = {c for c in (consulate_for(g.nationality) for g in guests) if c is not None}
            notice = documents.issue_document(
                actor=actor,
                kind="invitation",
                title=_("Visa notification letter to %(mission)s") % {"mission": mission},
                template_name="invitations/visa_notice_pdf.html",
                context={
                    "invitation": invitation,
                    "invitees": guests,
                    "mission": mission,
                    "office": office,
                    "letter_number": letter.number,
                    "copies_to": sorted(copies, key=lambda c: c.name_zh),
                },
                subject=invitation,
                unit_code=invitation.unit_code,
                language="bilingual",
            )
            VisaNotice.objects.create(
                invitation=invitation, mission=mission, document_id=notice.pk, number=notice.number
            )
        Invitation.objects.filter(pk=invitation.pk).update(
            letter_document_id=letter.pk, letter_number=letter.number, issued_at=timezone.now()
        )
        invitation.invitees.update(issued=True)
        invitation.letter_number = letter.number
        invitation.refresh_search_text()
    return record


def record_visit(*, actor, record: Invitation, data: dict[str, Any]) -> Invitation:
    """The register: the inviting unit (or the office) reports an invitee's visa and the
    actual dates of entry and exit."""
    _require(actor, "invitations.report")
    invitee = record.invitees.filter(pk=data["invitee"]).first()
    if invitee is None:
        raise ValidationError({"invitee": [_("Not an invitee of this application.")]})
    entered, exited = data.get("entered_on"), data.get("exited_on")
    errors: dict[str, list[str]] = {}
    if exited and not entered:
        errors["exited_on"] = [_("Report the entry first.")]
    elif entered and exited and exited < entered:
        errors["exited_on"] = [_("The exit is before the entry.")]
    if (entered or exited) and data["visa_status"] != "obtained":
        errors.setdefault("visa_status", []).append(_("Entry and exit need a visa obtained."))
    today = timezone.localdate()
    for name, value in (("entered_on", entered), ("exited_on", exited)):
        if value and value > today:
            errors.setdefault(name, []).append(_("This date is in the future."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = {
            "visa_status": invitee.visa_status,
            "entered_on": invitee.entered_on,
            "exited_on": invitee.exited_on,
        }
        invitee.visa_status, invitee.entered_on, invitee.exited_on = data["visa_status"], entered, exited
        invitee.save(update_fields=["visa_status", "entered_on", "exited_on"])
        after = {
            "invitee": invitee.name_latin,
            "visa_status": invitee.visa_status,
            "entered_on": entered,
            "exited_on": exited,
        }
        audit.record(actor=actor, action="invitations.record_visit", obj=record, before=before, after=after)
    return record
