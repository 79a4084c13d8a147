"""Writes to the register of partners: one transaction and one audit row per change.

Modules link their records to partners with ``link``/``unlink`` (a trip's hosts, an
invitation's inviter, an agreement, an exchange); the partner's page reads the links back
(``apps.partners.selectors.partner_history``) without knowing the modules."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit.services import changes, record
from apps.partners.models import LINK_KINDS, PARTNER_KINDS, Partner, PartnerLink, Person
from apps.registry import countries

PARTNER_FIELDS = ["kind", "name_zh", "name_en", "country", "place", "website", "notes", "active"]
PERSON_FIELDS = [
    "name_zh", "name_latin", "title", "since", "until", "email", "phone", "contact_consent", "notes",
]  # fmt: skip


def _check_partner(values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if values.get("kind") not in PARTNER_KINDS:
        errors["kind"] = [_("Unknown kind of partner.")]
    if not (values.get("name_zh") or "").strip():
        errors["name_zh"] = [_("This field is required.")]
    if not (values.get("name_en") or "").strip():
        errors["name_en"] = [_("This field is required.")]
    country = values.get("country") or ""
    if country and not countries.is_known(country):
        errors["country"] = [_("Unknown country or region.")]
    if errors:
        raise ValidationError(errors)


def _snapshot(obj, fields: list[str]) -> dict[str, Any]:
    return {field: getattr(obj, field) for field in fields}


@transaction.atomic
def create_partner(*, actor, **values: Any) -> Partner:
    values = {k: v for k, v in values.items() if k in PARTNER_FIELDS}
    _check_partner(values)
    partner = Partner(**values)
    partner.full_clean(exclude=["search_text"])
    partner.save()
    partner.refresh_search_text()
    record(actor=actor, action="partners.create", obj=partner, after=_snapshot(partner, PARTNER_FIELDS))
    return partner


@transaction.atomic
def update_partner(*, actor, partner: Partner, **values: Any) -> Partner:
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    old = _snapshot(partner, PARTNER_FIELDS)
    new = {**old, **{k: v for k, v in values.items() if k in PARTNER_FIELDS}}
    _check_partner(new)
    for field, value in new.items():
        setattr(partner, field, value)
    partner.full_clean(exclude=["search_text"])
    partner.save()
    partner.refresh_search_text()
    before, after = changes(old, new)
    if after:
        record(actor=actor, action="partners.update", obj=partner, before=before, after=after)
    return partner


def _check_person(values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if not (values.get("name_latin") or "").strip():
        errors["name_latin"] = [_("This field is required.")]
    since, until = values.get("since"), values.get("until")
    if since and until and until < since:
        errors["until"] = [_("The end cannot be before the start.")]
    if (values.get("email") or values.get("phone")) and not values.get("contact_consent"):
        errors["contact_consent"] = [_("Contact details are kept only with the person's consent.")]
    if errors:
        raise ValidationError(errors)


def _person_audit(person: Person) -> dict[str, Any]:
    # Contact details themselves stay out of the audit log: the row says what changed.
    values = _snapshot(person, ["name_zh", "name_latin", "title", "since", "until", "contact_consent"])
    values["has_contact_details"] = bool(person.email or person.phone)
    return values


@transaction.atomic
def add_person(*, actor, partner: Partner, **values: Any) -> Person:
    values = {k: v for k, v in values.items() if k in PERSON_FIELDS}
    _check_person(values)
    person = Person(partner=partner, **values)
    if person.contact_consent:
        person.consent_recorded_at = timezone.now()
        person.consent_recorded_by = actor if getattr(actor, "pk", None) else None
    person.full_clean(exclude=["search_text", "partner", "consent_recorded_by"])
    person.search_text = f"{person.name_zh} {person.name_latin} {person.title}".lower()
    person.save()
    partner.refresh_search_text()
    record(actor=actor, action="partners.add_person", obj=person, after=_person_audit(person))
    return person


@transaction.atomic
def update_person(*, actor, person: Person, **values: Any) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    old = _snapshot(person, PERSON_FIELDS)
    new = {**old, **{k: v for k, v in values.items() if k in PERSON_FIELDS}}
    _check_person(new)
    before_audit = _person_audit(person)
    consent_given = new["contact_consent"] and not old["contact_consent"]
    for field, value in new.items():
        setattr(person, field, value)
    if consent_given:
        person.consent_recorded_at = timezone.now()
        person.consent_recorded_by = actor if getattr(actor, "pk", None) else None
    if not person.contact_consent:
        person.consent_recorded_at, person.consent_recorded_by = None, None
    person.full_clean(exclude=["search_text", "partner", "consent_recorded_by"])
    person.search_text = f"{person.name_zh} {person.name_latin} {person.title}".lower()
    person.save()
    person.partner.refresh_search_text()
    before, after = changes(before_audit, _person_audit(person))
    if after:
        record(actor=actor, action="partners.update_person", obj=person, before=before, after=after)
    return person


def _link_search_text(link: PartnerLink) -> str:
    return f"{link.title}".lower()


@transaction.atomic
def link(
    *,
    actor,
    partner: Partner | int,
    module: str,
    record_ref: str | int,
    kind: str,
    title: str,
    date: datetime.date | None = None,
    url: str = "",
    follow_up_open: bool = False,
    due: datetime.date | None = None,
) -> PartnerLink:
    """Links ``partner`` to a module's record. A second link of the same partner to the same
    record is a ValidationError (``partner``), and nothing is written."""
    partner_id = partner.pk if isinstance(partner, Partner) else partner
    if not Partner.objects.filter(pk=partner_id).exists():
        raise ValidationError({"partner": [_("Unknown partner.")]})
    if kind not in LINK_KINDS:
        raise ValidationError({"kind": [_("Unknown kind of link.")]})
    record_ref = str(record_ref)
    if PartnerLink.objects.filter(partner_id=partner_id, module=module, record_ref=record_ref).exists():
        raise ValidationError({"partner": [_("This partner is already linked to this record.")]})
    try:
        with transaction.atomic():
            row = PartnerLink.objects.create(
                partner_id=partner_id,
                module=module,
                record_ref=record_ref,
                kind=kind,
                title=(title or "")[:300],
                date=date,
                url=url or "",
                follow_up_open=follow_up_open,
                due=due,
                search_text=(title or "").lower(),
            )
    except IntegrityError as error:  # a concurrent link of the same pair
        raise ValidationError({"partner": [_("This partner is already linked to this record.")]}) from error
    record(
        actor=actor,
        action="partners.link",
        obj=row,
        after={"partner": partner_id, "module": module, "record_ref": record_ref, "kind": kind},
    )
    return row


@transaction.atomic
def update_link(
    *, actor, partner: Partner | int, module: str, record_ref: str | int, **values: Any
) -> PartnerLink:
    """Changes a link's title, date, url, kind or follow-up (``follow_up_open``, ``due``)."""
    partner_id = partner.pk if isinstance(partner, Partner) else partner
    row = (
        PartnerLink.objects.select_for_update()
        .filter(partner_id=partner_id, module=module, record_ref=str(record_ref))
        .first()
    )
    if row is None:
        raise ValidationError({"partner": [_("This partner is not linked to this record.")]})
    fields = ["kind", "title", "date", "url", "follow_up_open", "due"]
    old = _snapshot(row, fields)
    new = {**old, **{k: v for k, v in values.items() if k in fields}}
    if new["kind"] not in LINK_KINDS:
        raise ValidationError({"kind": [_("Unknown kind of link.")]})
    for field, value in new.items():
        setattr(row, field, value)
    row.search_text = (row.title or "").lower()
    row.save()
    before, after = changes(old, new)
    if after:
        record(actor=actor, action="partners.update_link", obj=row, before=before, after=after)
    return row


@transaction.atomic
def unlink(*, actor, partner: Partner | int, module: str, record_ref: str | int) -> None:
    partner_id = partner.pk if isinstance(partner, Partner) else partner
    row = PartnerLink.objects.filter(partner_id=partner_id, module=module, record_ref=str(record_ref)).first()
    if row is None:
        raise ValidationError({"partner": [_("This partner is not linked to this record.")]})
    record(
        actor=actor,
        action="partners.unlink",
        obj=row,
        before={"partner": partner_id, "module": module, "record_ref": row.record_ref, "kind": row.kind},
    )
    row.delete()


@transaction.atomic
def relink(*, actor, partner: Partner | int | None, module: str, record_ref: str | int, **values: Any):
    """Makes ``partner`` the one partner of ``kind`` linked to a record (a record's single
    partner field, e.g. an invitation's inviting organisation): unlinks the previous one,
    links the new one (None: none). Returns the link or None."""
    partner_id = partner.pk if isinstance(partner, Partner) else partner
    record_ref = str(record_ref)
    current = list(PartnerLink.objects.filter(module=module, record_ref=record_ref, kind=values.get("kind")))
    keep = None
    for row in current:
        if row.partner_id == partner_id:
            keep = row
        else:
            unlink(actor=actor, partner=row.partner_id, module=module, record_ref=record_ref)
    if partner_id is None:
        return None
    if keep is not None:
        return update_link(actor=actor, partner=partner_id, module=module, record_ref=record_ref, **values)
    return link(actor=actor, partner=partner_id, module=module, record_ref=record_ref, **values)


@transaction.atomic
def set_jurisdiction(*, actor, country: str, partner: Partner | int | None, notes: str = ""):
    """Records which consulate covers the city for ``country`` (None: none any more)."""
    from apps.partners.models import ConsularJurisdiction

    country = (country or "").upper()
    if not countries.is_known(country) or country == "CN":
        raise ValidationError({"country": [_("Unknown country or region.")]})
    current = ConsularJurisdiction.objects.select_for_update().filter(country=country).first()
    before = {"country": country, "partner": current.partner_id} if current else None
    if partner is None:
        if current is not None:
            current.delete()
            record(
                actor=actor,
                action="partners.set_jurisdiction",
                object_type="partners.consularjurisdiction",
                object_id=country,
                before=before,
                after={"country": country, "partner": None},
            )
        return None
    partner_id = partner.pk if isinstance(partner, Partner) else partner
    target = Partner.objects.filter(pk=partner_id).first()
    if target is None or target.kind != "consulate":
        raise ValidationError({"partner": [_("Choose a consulate or diplomatic mission.")]})
    row, _created = ConsularJurisdiction.objects.update_or_create(
        country=country, defaults={"partner": target, "notes": notes or ""}
    )
    after = {"country": country, "partner": target.pk}
    record(actor=actor, action="partners.set_jurisdiction", obj=row, before=before, after=after)
    return row
