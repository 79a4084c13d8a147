"""Writes of the sister-cities module: one transaction and one audit row per change; every
state change of a relationship's case goes through the casework engine; the relationship,
its exchanges and plans are linked to the partner in the kernel's register."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.accounts.roles import permissions_for_role
from apps.accounts.scoping import is_unit_bound
from apps.audit import services as audit
from apps.casework import services as casework
from apps.partners import services as partners
from apps.partners.models import Partner
from apps.registry.units import unit_kind
from apps.sister_cities.models import LINK_KIND, AnnualPlan, Exchange, Relationship
from apps.sister_cities.workflow import EDITABLE_STATES

MODULE = "sister_cities"
WORKFLOW_ID = "sister_cities.relationship"
FIELDS = ["title", "unit_code", "partner", "level", "background", "exchanges_so_far", "proposed_term_years"]


def _require(actor, permission: str) -> None:
    if permission not in permissions_for_role(actor.role, connection.tenant.profile):
        raise PermissionDenied(_("You may not do this."))


def _url(name: str, *args) -> str:
    return reverse(name, args=args, urlconf="waiban.urls_city")


def snapshot(relationship: Relationship) -> dict[str, Any]:
    values = {field: getattr(relationship, field) for field in FIELDS if field != "partner"}
    values["partner"] = relationship.partner_id
    return values


def _prepare(actor, data: dict[str, Any]) -> dict[str, Any]:
    _require(actor, "sister_cities.submit")
    data = dict(data)
    if is_unit_bound(actor):
        data["unit_code"] = actor.unit  # a district or county proposes its own twinning
    code = data.get("unit_code") or ""
    known = {unit["code"] for unit in connection.tenant.profile.get("submitting_units") or []}
    if code and code not in known:
        raise ValidationError({"unit_code": [_("Unknown submitting unit.")]})
    partner = Partner.objects.filter(pk=data.get("partner")).first()
    if partner is None or partner.kind != "city":
        raise ValidationError({"partner": [_("Choose a foreign city or region of the register.")]})
    data["partner"] = partner
    return data


def create_relationship(*, actor, data: dict[str, Any]) -> Relationship:
    data = _prepare(actor, data)
    with transaction.atomic():
        case = casework.open_case(
            actor=actor, workflow_id=WORKFLOW_ID, title=data["title"], unit_code=data.get("unit_code") or ""
        )
        relationship = Relationship.objects.create(
            case=case,
            unit_kind=unit_kind(data.get("unit_code")) if data.get("unit_code") else "",
            **{field: data.get(field) for field in FIELDS if field != "unit_code"},
            unit_code=data.get("unit_code") or "",
        )
        relationship.refresh_search_text()
        partners.link(
            actor=actor,
            partner=relationship.partner,
            module=MODULE,
            record_ref=relationship.record_ref,
            kind="agreement",
            title=relationship.title,
            url=_url("sister_cities:detail", relationship.pk),
        )
        audit.record(
            actor=actor, action="sister_cities.create", obj=relationship, after=snapshot(relationship)
        )
    return relationship


def update_relationship(*, actor, relationship: Relationship, data: dict[str, Any]) -> Relationship:
    data = _prepare(actor, data)
    with transaction.atomic():
        locked = Relationship.objects.select_for_update().select_related("case").get(pk=relationship.pk)
        if locked.case.state not in EDITABLE_STATES:
            raise ValidationError(_("Only a draft or a returned application can be changed."))
        before = snapshot(locked)
        for field in FIELDS:
            setattr(locked, field, data.get(field) if field != "unit_code" else data.get(field) or "")
        locked.unit_kind = unit_kind(locked.unit_code) if locked.unit_code else ""
        locked.save()
        locked.refresh_search_text()
        partners.relink(
            actor=actor,
            partner=locked.partner,
            module=MODULE,
            record_ref=locked.record_ref,
            kind="agreement",
            title=locked.title,
            url=_url("sister_cities:detail", locked.pk),
        )
        locked.case.title, locked.case.unit_code = locked.title, locked.unit_code
        locked.case.save(update_fields=["title", "unit_code", "updated_at"])
        old, new = audit.changes(before, snapshot(locked))
        audit.record(actor=actor, action="sister_cities.update", obj=locked, before=old, after=new)
    return locked


def facts(relationship: Relationship) -> dict[str, Any]:
    """What the ``twinning`` chain's conditions look at (``SisterCitiesModule.chain_facts``)."""
    return {
        "new_relationship": True,
        "levels": [relationship.level],
        "proposer_kinds": [relationship.unit_kind or "city"],
    }


def submit(*, actor, record: Relationship, data: dict[str, Any]) -> Relationship:
    with transaction.atomic():
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


def attach(*, actor, record: Relationship, data: dict[str, Any]) -> Relationship:
    """The draft agreement (or other papers) on the proposal; told by its first bytes."""
    from apps.documents import services as documents

    _require(actor, "sister_cities.submit")
    try:
        documents.store_attachment(
            actor=actor, uploaded_file=data["file"], subject=record, unit_code=record.unit_code
        )
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    return record


def record_national_approval(*, actor, record: Relationship, data: dict[str, Any]) -> Relationship:
    """The national approval, an external step: its date and reference, then the case moves."""
    approved_on, reference = data["approved_on"], (data.get("reference") or "").strip()
    errors: dict[str, list[str]] = {}
    if not reference:
        errors["reference"] = [_("This field is required.")]
    if approved_on > datetime.date.today():
        errors["approved_on"] = [_("This date is in the future.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="record_national_approval",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        Relationship.objects.filter(pk=record.pk).update(
            national_approval_on=approved_on, national_approval_reference=reference
        )
        fresh = Relationship.objects.get(pk=record.pk)
        fresh.refresh_search_text()
        audit.record(
            actor=actor,
            action="sister_cities.national_approval",
            obj=record,
            after={"approved_on": approved_on, "reference": reference},
        )
    return record


def _check_term(start, end, field: str = "term_end") -> None:
    if start and end and end < start:
        raise ValidationError({field: [_("The agreement cannot end before it starts.")]})


def sign(*, actor, record: Relationship, data: dict[str, Any]) -> Relationship:
    """The signing: date, place, the agreement's term and its PDF; all or nothing."""
    from apps.documents import services as documents

    _check_term(data["term_start"], data.get("term_end"))
    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="sign",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        attachment_id = None
        if data.get("agreement"):
            try:
                attachment = documents.store_attachment(
                    actor=actor, uploaded_file=data["agreement"], subject=record, unit_code=record.unit_code
                )
            except ValidationError as error:
                raise ValidationError({"agreement": error.messages}) from error
            attachment_id = attachment.pk
        Relationship.objects.filter(pk=record.pk).update(
            signed_on=data["signed_on"],
            signed_place=data.get("signed_place", ""),
            term_start=data["term_start"],
            term_end=data.get("term_end"),
            agreement_attachment_id=attachment_id,
        )
        partners.update_link(
            actor=actor,
            partner=record.partner_id,
            module=MODULE,
            record_ref=record.record_ref,
            date=data["signed_on"],
        )
        audit.record(
            actor=actor,
            action="sister_cities.sign",
            obj=record,
            after={
                "signed_on": data["signed_on"],
                "signed_place": data.get("signed_place", ""),
                "term_start": data["term_start"],
                "term_end": data.get("term_end"),
            },
        )
        from apps.reporting import figures

        figures.count(metric="sister_cities.established", on=data["signed_on"])
    return record


def renew(*, actor, record: Relationship, data: dict[str, Any]) -> Relationship:
    """The agreement renewed: its new end (after its start and its current end)."""
    _require(actor, "sister_cities.manage")
    new_end = data["term_end"]
    with transaction.atomic():
        locked = Relationship.objects.select_for_update().get(pk=record.pk)
        _check_term(locked.term_start, new_end)
        if locked.term_end and new_end <= locked.term_end:
            raise ValidationError({"term_end": [_("A renewal ends after the current term.")]})
        before = {"term_end": locked.term_end}
        locked.term_end = new_end
        locked.save(update_fields=["term_end"])
        audit.record(
            actor=actor, action="sister_cities.renew", obj=locked, before=before, after={"term_end": new_end}
        )
    return record


def add_exchange(*, actor, record: Relationship, data: dict[str, Any]) -> Relationship:
    _require(actor, "sister_cities.manage")
    with transaction.atomic():
        exchange = Exchange.objects.create(
            relationship=record,
            kind=data["kind"],
            field=data["field"],
            date=data["date"],
            title=data["title"],
            description=data.get("description", ""),
            participants=data.get("participants") or 0,
        )
        partners.link(
            actor=actor,
            partner=record.partner_id,
            module=MODULE,
            record_ref=exchange.record_ref,
            kind=LINK_KIND.get(exchange.kind, "exchange"),
            title=exchange.title,
            date=exchange.date,
            url=_url("sister_cities:detail", record.pk),
        )
        audit.record(
            actor=actor,
            action="sister_cities.add_exchange",
            obj=record,
            after={
                "exchange": exchange.pk,
                "kind": exchange.kind,
                "field": exchange.field,
                "date": exchange.date,
            },
        )
        from apps.reporting import figures

        figures.count(metric="sister_cities.exchanges", key=exchange.field, on=exchange.date)
    return record


def set_plan(*, actor, record: Relationship, data: dict[str, Any]) -> Relationship:
    """The year's plan of exchanges with the partner (one a year; a second one replaces it)."""
    _require(actor, "sister_cities.manage")
    year, items = data["year"], data["items"].strip()
    if not items:
        raise ValidationError({"items": [_("This field is required.")]})
    with transaction.atomic():
        plan, created = AnnualPlan.objects.update_or_create(
            relationship=record, year=year, defaults={"items": items}
        )
        values = {
            "kind": "plan",
            "title": _("Annual plan %(year)s: %(title)s") % {"year": year, "title": record.title},
            "date": datetime.date(year, 1, 1),
            "url": _url("sister_cities:report", record.pk) + f"?year={year}",
            "follow_up_open": year >= datetime.date.today().year,
            "due": datetime.date(year, 12, 31),
        }
        if created:
            partners.link(
                actor=actor, partner=record.partner_id, module=MODULE, record_ref=plan.record_ref, **values
            )
        else:
            partners.update_link(
                actor=actor, partner=record.partner_id, module=MODULE, record_ref=plan.record_ref, **values
            )
        audit.record(
            actor=actor, action="sister_cities.set_plan", obj=record, after={"year": year, "items": items}
        )
    return record
