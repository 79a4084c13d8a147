"""Writes of the Hong Kong and Macao module: one transaction and one audit row per change;
the case's state changes go through the casework engine; exchanges are linked to the
counterpart in the kernel's register of partners."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.accounts.roles import permissions_for_role
from apps.accounts.scoping import is_unit_bound
from apps.audit import services as audit
from apps.casework import services as casework
from apps.hk_macao.models import Exchange, NonGovExchange
from apps.hk_macao.workflow import EDITABLE_STATES
from apps.partners import services as partners
from apps.partners.models import Partner
from apps.registry.units import unit_kind

MODULE = "hk_macao"
WORKFLOW_ID = "hk_macao.exchange"
FIELDS = [
    "title",
    "unit_code",
    "partner",
    "region",
    "direction",
    "kind",
    "purpose",
    "participants",
    "participant_count",
    "start",
    "end",
]
LINK_KINDS = {"inbound": "visit_in", "outbound": "visit_out", "online": "exchange"}


def _require(actor, permission: str) -> None:
    if permission not in permissions_for_role(actor.role, connection.tenant.profile):
        raise PermissionDenied(_("You may not do this."))


def _partner(partner_id, *, required: bool = True) -> Partner | None:
    if partner_id in (None, "") and not required:
        return None
    partner = Partner.objects.filter(pk=partner_id, kind="hkmo").first()
    if partner is None:
        raise ValidationError({"partner": [_("Choose a Hong Kong or Macao body of the register.")]})
    return partner


def snapshot(exchange: Exchange) -> dict[str, Any]:
    values = {field: getattr(exchange, field) for field in FIELDS if field != "partner"}
    values["partner"] = exchange.partner_id
    return values


def _prepare(actor, data: dict[str, Any]) -> dict[str, Any]:
    _require(actor, "hk_macao.submit")
    data = dict(data)
    if is_unit_bound(actor):
        data["unit_code"] = actor.unit
    known = {unit["code"] for unit in connection.tenant.profile.get("submitting_units") or []}
    if data.get("unit_code") not in known:
        raise ValidationError({"unit_code": [_("Unknown submitting unit.")]})
    data["partner"] = _partner(data.get("partner"))
    if data["end"] < data["start"]:
        raise ValidationError({"end": [_("The end cannot be before the start.")]})
    return data


def _link_values(exchange: Exchange) -> dict[str, Any]:
    return {
        "kind": LINK_KINDS.get(exchange.direction, "exchange"),
        "title": exchange.title,
        "date": exchange.start,
        "url": reverse("hk_macao:detail", args=[exchange.pk], urlconf="waiban.urls_city"),
    }


def create_exchange(*, actor, data: dict[str, Any]) -> Exchange:
    data = _prepare(actor, data)
    with transaction.atomic():
        case = casework.open_case(
            actor=actor, workflow_id=WORKFLOW_ID, title=data["title"], unit_code=data["unit_code"]
        )
        exchange = Exchange.objects.create(
            case=case, unit_kind=unit_kind(data["unit_code"]), **{field: data[field] for field in FIELDS}
        )
        exchange.refresh_search_text()
        partners.link(
            actor=actor,
            partner=exchange.partner,
            module=MODULE,
            record_ref=exchange.record_ref,
            **_link_values(exchange),
        )
        audit.record(actor=actor, action="hk_macao.create", obj=exchange, after=snapshot(exchange))
    return exchange


def update_exchange(*, actor, exchange: Exchange, data: dict[str, Any]) -> Exchange:
    data = _prepare(actor, data)
    with transaction.atomic():
        locked = Exchange.objects.select_for_update().select_related("case").get(pk=exchange.pk)
        if locked.case.state not in EDITABLE_STATES:
            raise ValidationError(_("Only a draft or a returned application can be changed."))
        before = snapshot(locked)
        for field in FIELDS:
            setattr(locked, field, data[field])
        locked.unit_kind = unit_kind(locked.unit_code)
        locked.save()
        locked.refresh_search_text()
        partners.relink(
            actor=actor,
            partner=locked.partner,
            module=MODULE,
            record_ref=locked.record_ref,
            **_link_values(locked),
        )
        locked.case.title, locked.case.unit_code = locked.title, locked.unit_code
        locked.case.save(update_fields=["title", "unit_code", "updated_at"])
        old, new = audit.changes(before, snapshot(locked))
        audit.record(actor=actor, action="hk_macao.update", obj=locked, before=old, after=new)
    return locked


def facts(exchange: Exchange) -> dict[str, Any]:
    return {
        "participants": exchange.participant_count,
        "directions": [exchange.direction],
        "kinds": [exchange.kind],
    }


def submit(*, actor, record: Exchange, data: dict[str, Any]) -> Exchange:
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


def record_outcome(*, actor, record: Exchange, data: dict[str, Any]) -> Exchange:
    outcome = (data.get("outcome") or "").strip()
    if not outcome:
        raise ValidationError({"outcome": [_("This field is required.")]})
    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="record_outcome",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        Exchange.objects.filter(pk=record.pk).update(outcome=outcome)
        audit.record(actor=actor, action="hk_macao.record_outcome", obj=record, after={"outcome": outcome})
    return record


@transaction.atomic
def add_non_governmental(*, actor, data: dict[str, Any]) -> NonGovExchange:
    _require(actor, "hk_macao.manage")
    partner = _partner(data.get("partner"), required=False)
    row = NonGovExchange.objects.create(
        partner=partner,
        region=data["region"],
        kind=data["kind"],
        date=data["date"],
        title=data["title"],
        organiser=data["organiser"],
        participant_count=data.get("participant_count") or 0,
        notes=data.get("notes", ""),
    )
    if partner is not None:
        partners.link(
            actor=actor,
            partner=partner,
            module=MODULE,
            record_ref=row.record_ref,
            kind="exchange",
            title=row.title,
            date=row.date,
            url=reverse("hk_macao:non_governmental", urlconf="waiban.urls_city"),
        )
    audit.record(
        actor=actor,
        action="hk_macao.add_non_governmental",
        obj=row,
        after={"kind": row.kind, "region": row.region, "date": row.date, "title": row.title},
    )
    from apps.reporting import figures

    figures.count(metric="hk_macao.non_governmental", key=row.kind, on=row.date)
    return row
