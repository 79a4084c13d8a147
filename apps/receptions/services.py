"""Writes of the receptions module. Every state change of a case goes through the casework
engine; every write is one transaction with its audit row; a refused input changes nothing."""

from __future__ import annotations

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
from apps.receptions import levels, planner
from apps.receptions.models import (
    PROTOCOL_RANKS,
    FollowUp,
    Gift,
    Participant,
    ProgrammeItem,
    Registration,
    Seat,
    Seating,
    Visit,
)
from apps.receptions.workflow import EDITABLE_STATES, PLANNING_STATES
from apps.registry.units import unit_kind

FIELDS = [
    "title",
    "unit_code",
    "division",
    "purpose",
    "arrival",
    "departure",
    "budget",
    "meets_level",
    "banquet_level",
    "sees_off_level",
    "level_reason",
]
PERSON_FIELDS = [
    "name_zh",
    "name_en",
    "title_text",
    "organisation",
    "country",
    "protocol_rank",
    "rank",
    "took_office",
    "dietary",
    "languages",
    "role",
]
VISIT_WORKFLOW, REGISTRATION_WORKFLOW = "receptions.visit", "receptions.registration"


def _require(actor, permission: str) -> None:
    if permission not in permissions_for_role(actor.role, connection.tenant.profile):
        raise PermissionDenied(_("You may not do this."))


def _check_unit(actor, data: dict[str, Any]) -> None:
    if is_unit_bound(actor):
        data["unit_code"] = actor.unit
    known = {unit["code"] for unit in connection.tenant.profile.get("submitting_units") or []}
    if data.get("unit_code") not in known:
        raise ValidationError({"unit_code": [_("Unknown submitting unit.")]})


def _require_state(record, states, message=None) -> None:
    if record.case.state not in states:
        raise ValidationError(message or _("This is not possible at this stage of the visit."))


# --- the visit ------------------------------------------------------------------------


def check(data: dict[str, Any]) -> None:
    """The visit's own rules, every error on its field, before anything is written."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    arrival, departure = data.get("arrival"), data.get("departure")
    if arrival and departure and departure < arrival:
        add("departure", _("The departure is before the arrival."))
    guests = data.get("guests") or []
    if not guests:
        add("guests", _("At least one guest is needed."))
    elif guests[0].get("role") == "interpreter":
        add("guests[0].role", _("The first guest is the head of the delegation, not an interpreter."))
    elif not guests[0].get("protocol_rank"):
        add(
            "guests[0].protocol_rank",
            _(
                "The reception level table needs the protocol rank of the head of the delegation "
                "(the first guest)."
            ),
        )
    for side in ("guests", "hosts"):
        for index, person in enumerate(data.get(side) or []):
            if not (person.get("name_zh") or "").strip() and not (person.get("name_en") or "").strip():
                add(f"{side}[{index}].name_zh", _("Give the name in Chinese or in English."))
    divisions = {d["code"] for d in connection.tenant.profile.get("divisions") or []}
    if data.get("division") and data["division"] not in divisions:
        add("division", _("Unknown division."))
    if guests and guests[0].get("protocol_rank"):
        above = levels.above_table(guests[0]["protocol_rank"], levels.requested(data))
        if above and not (data.get("level_reason") or "").strip():
            add("level_reason", _("A level above the reception level table needs a reason."))
    if errors:
        raise ValidationError(errors)


def _partner_link(visit: Visit):
    from apps.partners.selectors import link_of_record

    return link_of_record("receptions", visit.pk, kind="visit_in")


def _link_partner(actor, visit: Visit, data: dict[str, Any]) -> None:
    """The guests' organisation as a partner of the register (optional): the partner's page
    lists the visit. Left as it is when the input does not name it."""
    from django.urls import reverse

    from apps.partners import services as partners

    if "partner" not in data:
        return
    partners.relink(
        actor=actor,
        partner=data.get("partner"),
        module="receptions",
        record_ref=visit.pk,
        kind="visit_in",
        title=visit.title,
        date=visit.arrival,
        url=reverse("receptions:detail", args=[visit.pk], urlconf="waiban.urls_city"),
    )


def snapshot(visit: Visit) -> dict[str, Any]:
    people = list(visit.participants.all())
    link = _partner_link(visit)

    def row(p):
        return {key: getattr(p, key) for key in PERSON_FIELDS} | {"user": p.user_id}

    return {
        **{field: getattr(visit, field) for field in FIELDS},
        "partner": link.partner_id if link else None,
        "guests": [row(p) for p in sorted(people, key=lambda p: p.order) if p.side == "guest"],
        "hosts": [row(p) for p in sorted(people, key=lambda p: p.order) if p.side == "host"],
    }


def _person_key(row) -> tuple:
    get = row.get if isinstance(row, dict) else lambda k, d="": getattr(row, k, d)
    return ((get("name_zh", "") or "").strip(), (get("name_en", "") or "").strip().casefold())


def _write_participants(visit: Visit, data: dict[str, Any]) -> None:
    """Updates the people in place (matched by name, so their programme items and seats
    stay theirs), adds the new ones, removes the others."""
    existing = {side: list(visit.participants.filter(side=side)) for side in ("guest", "host")}
    for side, key in (("guest", "guests"), ("host", "hosts")):
        pool = {}
        for person in existing[side]:
            pool.setdefault(_person_key(person), []).append(person)
        kept = []
        for index, row in enumerate(data.get(key) or []):
            matches = pool.get(_person_key(row)) or []
            person = matches.pop(0) if matches else Participant(visit=visit, side=side)
            for field in PERSON_FIELDS:
                value = row.get(field)
                setattr(
                    person, field, value if value is not None else ("" if field != "took_office" else None)
                )
            if side == "guest":
                person.rank = ""
            else:
                person.protocol_rank, person.country = "", person.country or ""
            person.role = row.get("role") or "member"
            person.user_id = row.get("user") or None
            person.source = row.get("source", person.source or "") or ""
            person.order = index
            person.save()
            kept.append(person.pk)
        visit.participants.filter(side=side).exclude(pk__in=kept).delete()
    visit.country = next((g.get("country") or "" for g in data.get("guests") or []), "") or ""
    Visit.objects.filter(pk=visit.pk).update(country=visit.country)
    recompute_precedence(visit)
    visit.refresh_search_text()


def recompute_precedence(visit: Visit) -> None:
    """Applies the rules' order to each side the clerk has not reordered by hand."""
    people = list(visit.participants.all())
    for side, manual in (("host", visit.host_order_manual), ("guest", visit.guest_order_manual)):
        members = [p for p in people if p.side == side]
        if manual and all(p.precedence or p.role == "interpreter" for p in members):
            ordered = sorted((p for p in members if p.role != "interpreter"), key=lambda p: p.precedence)
        else:
            ordered = planner.order_of_precedence(members)
        _set_precedence(members, ordered)


def _set_precedence(members, ordered) -> None:
    position = {p.pk: n for n, p in enumerate(ordered, start=1)}
    changed = []
    for person in members:
        new = position.get(person.pk)
        if person.precedence != new:
            person.precedence = new
            changed.append(person)
    if not changed:
        return
    # One statement for the whole side (a 300-guest banquet: one round trip, no CASE chain).
    table = connection.ops.quote_name(Participant._meta.db_table)
    rows = ", ".join(["(%s::integer, %s::smallint)"] * len(changed))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS t SET precedence = v.precedence FROM (VALUES {rows}) AS v(id, precedence) "  # noqa: S608 (table from the model)
            "WHERE t.id = v.id",
            [value for person in changed for value in (person.pk, person.precedence)],
        )


def _prepare(actor, data: dict[str, Any]) -> dict[str, Any]:
    _require(actor, "receptions.submit")
    data = dict(data)
    _check_unit(actor, data)
    check(data)
    _check_users(data)
    return data


def _check_users(data) -> None:
    from apps.accounts.models import User

    wanted = {row.get("user") for row in data.get("hosts") or [] if row.get("user")}
    if wanted:
        known = set(User.objects.filter(pk__in=wanted, is_active=True).values_list("pk", flat=True))
        for index, row in enumerate(data.get("hosts") or []):
            if row.get("user") and row["user"] not in known:
                raise ValidationError({f"hosts[{index}].user": [_("Unknown user.")]})


def create_visit(*, actor, data: dict[str, Any]) -> Visit:
    data = _prepare(actor, data)
    with transaction.atomic():
        case = casework.open_case(
            actor=actor, workflow_id=VISIT_WORKFLOW, title=data["title"], unit_code=data["unit_code"]
        )
        visit = Visit.objects.create(
            case=case,
            unit_kind=unit_kind(data["unit_code"]),
            **{field: data.get(field, "") for field in FIELDS},
        )
        _write_participants(visit, data)
        _link_partner(actor, visit, data)
        audit.record(actor=actor, action="receptions.create", obj=visit, after=snapshot(visit))
    return visit


def update_visit(*, actor, visit: Visit, data: dict[str, Any]) -> Visit:
    data = _prepare(actor, data)
    with transaction.atomic():
        locked = Visit.objects.select_for_update().select_related("case").get(pk=visit.pk)
        _require_state(locked, EDITABLE_STATES, _("Only a draft or a returned plan can be changed."))
        before = snapshot(locked)
        for field in FIELDS:
            setattr(locked, field, data.get(field, ""))
        locked.unit_kind = unit_kind(locked.unit_code)
        locked.save()
        _write_participants(locked, data)
        _link_partner(actor, locked, data)
        locked.case.title, locked.case.unit_code = locked.title, locked.unit_code
        locked.case.save(update_fields=["title", "unit_code", "updated_at"])
        old, new = audit.changes(before, snapshot(locked))
        audit.record(actor=actor, action="receptions.update", obj=locked, before=old, after=new)
    return locked


def chief_guest(visit: Visit) -> Participant | None:
    guests = [p for p in visit.participants.all() if p.side == "guest" and p.role != "interpreter"]
    return min(guests, key=lambda p: p.order) if guests else None


def facts(visit: Visit) -> dict[str, Any]:
    """What the approval chain's conditions look at (``ReceptionsModule.chain_facts``)."""
    chief = chief_guest(visit)
    rank = chief.protocol_rank if chief else ""
    return {
        "guest_rank": levels.equivalent(rank),
        "above_table": bool(levels.above_table(rank, levels.requested(visit))),
        "budget": float(visit.budget or 0),
        "guests": sum(1 for p in visit.participants.all() if p.side == "guest"),
    }


def submit(*, actor, record: Visit, data: dict[str, Any]) -> Visit:
    """Submits the plan: the chain is fixed from the facts and the reception plan (接待方案)
    is issued with the office's number, for the approvers to read."""
    with transaction.atomic():
        chief = chief_guest(record)
        if chief is None or not chief.protocol_rank:
            raise ValidationError(
                {
                    "guests": [
                        _("The reception level table needs the protocol rank of the head of the delegation.")
                    ]
                }
            )
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
        issue_plan(actor=actor, visit=Visit.objects.select_related("case").get(pk=record.pk))
    return record


def plan_context(visit: Visit) -> dict[str, Any]:
    from apps.receptions import selectors

    chief = chief_guest(visit)
    rank = chief.protocol_rank if chief else ""
    asked = levels.requested(visit)
    row = levels.for_rank(rank) or {}
    return {
        "visit": visit,
        "office": connection.tenant,
        "guests": selectors.ordered(visit, "guest"),
        "hosts": selectors.ordered(visit, "host"),
        "items": list(visit.items.prefetch_related("participants")),
        "levels": [
            {
                "occasion": occasion,
                "table": levels.level_label(row.get(occasion, "")),
                "asked": levels.level_label(asked.get(occasion) or row.get(occasion, "")),
                "above": occasion in levels.above_table(rank, asked),
            }
            for occasion in ("meets", "banquet", "sees_off")
        ],
        "chief": chief,
        "rank_label": levels.rank_label(rank),
    }


def issue_plan(*, actor, visit: Visit):
    from django.utils import translation

    from apps.documents import services as documents

    with translation.override("zh-hans"):  # an official document: its title in Chinese
        title = _("Reception plan: %(title)s") % {"title": visit.title}
    document = documents.issue_document(
        actor=actor,
        kind="approval",
        title=title,
        template_name="receptions/plan_pdf.html",
        context=plan_context(visit),
        subject=visit,
        unit_code=visit.unit_code,
        language="bilingual",
    )
    Visit.objects.filter(pk=visit.pk).update(plan_document_id=document.pk, plan_number=document.number)
    visit.plan_number = document.number
    visit.refresh_search_text()
    audit.record(actor=actor, action="receptions.plan_issued", obj=visit, after={"number": document.number})
    return document


def add_guest(*, actor, record: Visit, data: dict[str, Any]) -> Visit:
    """Copies a person another module knows (an invited visitor) into the guests."""
    from apps.registry.modules import people_lookup

    _require(actor, "receptions.submit")
    _require_state(record, EDITABLE_STATES, _("Only a draft or a returned plan can be changed."))
    found = [p for p in people_lookup(actor, data["ref"]) if p.get("ref") == data["ref"]]
    if not found:
        raise ValidationError({"ref": [_("No such person in the registers you may see.")]})
    person = found[0]
    with transaction.atomic():
        if record.participants.filter(side="guest", source=person["ref"]).exists():
            raise ValidationError({"ref": [_("This person is already a guest of the visit.")]})
        guest = Participant.objects.create(
            visit=record,
            side="guest",
            order=record.participants.filter(side="guest").count(),
            name_zh=person.get("name_zh", "")[:60],
            name_en=person.get("name_latin", "")[:100],
            title_text=person.get("title", "")[:120],
            organisation=person.get("organisation", "")[:200],
            country=person.get("country", "")[:2],
            protocol_rank=data.get("protocol_rank") or "",
            source=person["ref"],
        )
        recompute_precedence(record)
        record.refresh_search_text()
        audit.record(
            actor=actor,
            action="receptions.add_guest",
            obj=record,
            after={"guest": guest.both_names, "from": person["ref"]},
        )
    return record


# --- programme --------------------------------------------------------------------------


def save_item(*, actor, record: Visit, data: dict[str, Any]) -> Visit:
    _require(actor, "receptions.plan")
    _require_state(record, PLANNING_STATES)
    start, end = data["start"], data["end"]
    if end <= start:
        raise ValidationError({"end": [_("The item ends before it starts.")]})
    people = {p.pk: p for p in record.participants.all()}
    chosen = [int(pk) for pk in data.get("participants") or []]
    unknown = [pk for pk in chosen if pk not in people]
    if unknown:
        raise ValidationError({"participants": [_("Not a participant of this visit.")]})
    with transaction.atomic():
        item = None
        if data.get("item"):
            item = record.items.select_for_update().filter(pk=data["item"]).first()
            if item is None:
                raise ValidationError({"item": [_("Not an item of this visit.")]})
        before = _item_row(item) if item else None
        item = item or ProgrammeItem(visit=record)
        for field in ("kind", "title", "start", "end", "venue", "vehicles", "dress", "press", "notes"):
            setattr(item, field, data.get(field) if data.get(field) is not None else "")
        item.save()
        item.participants.set(chosen)
        audit.record(actor=actor, action="receptions.item", obj=record, before=before, after=_item_row(item))
    return record


def _item_row(item: ProgrammeItem) -> dict[str, Any]:
    return {
        "item": item.pk,
        "title": item.title,
        "start": item.start,
        "end": item.end,
        "venue": item.venue,
        "participants": sorted(p.both_names for p in item.participants.all()),
    }


def delete_item(*, actor, record: Visit, data: dict[str, Any]) -> Visit:
    _require(actor, "receptions.plan")
    _require_state(record, PLANNING_STATES)
    item = record.items.filter(pk=data["item"]).first()
    if item is None:
        raise ValidationError({"item": [_("Not an item of this visit.")]})
    with transaction.atomic():
        before = _item_row(item)
        item.delete()
        audit.record(
            actor=actor, action="receptions.item", obj=record, before=before, after={"deleted": True}
        )
    return record


# --- order of precedence ----------------------------------------------------------------


def reorder(*, actor, record: Visit, data: dict[str, Any]) -> Visit:
    """The clerk's own order of one side (every member once); recorded with the old one."""
    _require(actor, "receptions.plan")
    _require_state(record, PLANNING_STATES)
    side = data["side"]
    members = [p for p in record.participants.all() if p.side == side and p.role != "interpreter"]
    by_pk = {p.pk: p for p in members}
    order = [int(pk) for pk in data["order"]]
    if sorted(order) != sorted(by_pk) or len(set(order)) != len(order):
        raise ValidationError({"order": [_("List every member of this side once.")]})
    with transaction.atomic():
        _apply_order(actor, record, side, [by_pk[pk] for pk in order], manual=True)
    return record


def move(*, actor, record: Visit, data: dict[str, Any]) -> Visit:
    """One person up or down the order of their side."""
    person = record.participants.filter(pk=data["participant"]).exclude(role="interpreter").first()
    if person is None:
        raise ValidationError({"participant": [_("Not a participant of this visit.")]})
    from apps.receptions import selectors

    ordered = [p.pk for p in selectors.ordered(record, person.side)]
    at = ordered.index(person.pk)
    to = at - 1 if data["direction"] == "up" else at + 1
    if 0 <= to < len(ordered):
        ordered[at], ordered[to] = ordered[to], ordered[at]
    return reorder(actor=actor, record=record, data={"side": person.side, "order": ordered})


def reset_order(*, actor, record: Visit, data: dict[str, Any]) -> Visit:
    """Back to the rules' order for one side."""
    _require(actor, "receptions.plan")
    _require_state(record, PLANNING_STATES)
    side = data["side"]
    members = [p for p in record.participants.all() if p.side == side]
    with transaction.atomic():
        _apply_order(actor, record, side, planner.order_of_precedence(members), manual=False)
    return record


def _apply_order(actor, record: Visit, side: str, ordered, *, manual: bool) -> None:
    members = list(record.participants.filter(side=side))
    before = [p.both_names for p in sorted((p for p in members if p.precedence), key=lambda p: p.precedence)]
    by_pk = {p.pk: p for p in members}
    _set_precedence(members, [by_pk[p.pk] for p in ordered])
    Visit.objects.filter(pk=record.pk).update(**{f"{side}_order_manual": manual})
    setattr(record, f"{side}_order_manual", manual)
    audit.record(
        actor=actor,
        action="receptions.reorder",
        obj=record,
        before={"side": side, "order": before},
        after={"side": side, "order": [p.both_names for p in ordered], "by_hand": manual},
    )


# --- seating ----------------------------------------------------------------------------


def generate_seating(*, actor, record: Visit, data: dict[str, Any]) -> Seating:
    """A seating plan from the order of precedence (a new one, or ``seating`` redone)."""
    _require(actor, "receptions.plan")
    _require_state(record, PLANNING_STATES)
    people = list(record.participants.all())
    if not any(p.side == "guest" for p in people):
        raise ValidationError({"kind": [_("The visit has no guests to seat.")]})
    per_table = data.get("seats_per_table") or levels.settings().get("seats_per_table", 10)
    with transaction.atomic():
        seating = None
        if data.get("seating"):
            seating = record.seatings.filter(pk=data["seating"]).first()
            if seating is None:
                raise ValidationError({"seating": [_("Not a seating plan of this visit.")]})
            seating.seats.all().delete()
            seating.kind, seating.seats_per_table = data["kind"], per_table
            seating.title = data.get("title") or seating.title
            seating.save()
        else:
            seating = Seating.objects.create(
                visit=record,
                kind=data["kind"],
                title=data.get("title") or "",
                seats_per_table=per_table,
                item_id=data.get("item") or None,
            )
        places = planner.generate(seating.kind, people, per_table)
        Seat.objects.bulk_create(
            Seat(seating=seating, table=p.table, seat=p.seat, place=p.place, participant=p.person)
            for p in places
        )
        audit.record(
            actor=actor,
            action="receptions.seating",
            obj=record,
            after={"seating": seating.pk, "kind": seating.kind, "generated": len(places)},
        )
    return seating


def generate_seating_action(*, actor, record: Visit, data: dict[str, Any]) -> Visit:
    generate_seating(actor=actor, record=record, data=data)
    return record


def set_seats(*, actor, record: Visit, data: dict[str, Any]) -> Visit:
    """The clerk's seating: every row a person at a table and seat (or behind one). A seat
    given twice, or a person seated twice, is refused on its row; nothing is saved then."""
    _require(actor, "receptions.plan")
    _require_state(record, PLANNING_STATES)
    seating = record.seatings.filter(pk=data["seating"]).first()
    if seating is None:
        raise ValidationError({"seating": [_("Not a seating plan of this visit.")]})
    rows = [
        {**row, "place": row.get("place") or "seat", "participant": int(row["participant"])}
        for row in data["seats"]
    ]
    errors = planner.duplicates(rows)
    people = set(record.participants.values_list("pk", flat=True))
    for index, row in enumerate(rows):
        if row["participant"] not in people:
            errors.setdefault(f"seats[{index}].participant", []).append(_("Not a participant of this visit."))
        if seating.kind == "banquet" and row["seat"] > seating.seats_per_table:
            errors.setdefault(f"seats[{index}].seat", []).append(
                _("A table has %(n)d seats.") % {"n": seating.seats_per_table}
            )
        if seating.kind != "banquet" and row["table"] not in (1, 2):
            errors.setdefault(f"seats[{index}].table", []).append(
                _("Table 1 is the host side, 2 the guest side.")
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = list(seating.seats.values_list("table", "seat", "place", "participant_id"))
        seating.seats.all().delete()
        Seat.objects.bulk_create(
            Seat(
                seating=seating,
                table=r["table"],
                seat=r["seat"],
                place=r["place"],
                participant_id=r["participant"],
            )
            for r in rows
        )
        seating.save(update_fields=["updated_at"])
        audit.record(
            actor=actor,
            action="receptions.seating",
            obj=record,
            before={"seating": seating.pk, "seats": before},
            after={
                "seating": seating.pk,
                "seats": [(r["table"], r["seat"], r["place"], r["participant"]) for r in rows],
            },
        )
    return record


def delete_seating(*, actor, record: Visit, data: dict[str, Any]) -> Visit:
    _require(actor, "receptions.plan")
    seating = record.seatings.filter(pk=data["seating"]).first()
    if seating is None:
        raise ValidationError({"seating": [_("Not a seating plan of this visit.")]})
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="receptions.seating",
            obj=record,
            before={"seating": seating.pk},
            after={"deleted": True},
        )
        seating.delete()
    return record


# --- gifts ------------------------------------------------------------------------------


def threshold() -> Decimal:
    return Decimal(str(levels.settings().get("gift_hand_in_threshold", 200)))


def add_gift(*, actor, record: Visit, data: dict[str, Any]) -> Visit:
    _require(actor, "receptions.plan")
    _require_state(record, ("approved", "completed"), _("Gifts are registered once the plan is approved."))
    errors: dict[str, list[str]] = {}
    value = data["value"]
    if value < 0:
        errors["value"] = [_("A value cannot be negative.")]
    if data["direction"] == "given" and not (data.get("approved_by") or "").strip():
        errors["approved_by"] = [_("Say who approved the gift.")]
    if data.get("handed_in") and not (data.get("kept_at") or "").strip():
        errors["kept_at"] = [_("Say where the gift handed in is kept.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        gift = Gift.objects.create(
            visit=record,
            direction=data["direction"],
            item=data["item"],
            value=value,
            counterpart=data.get("counterpart") or "",
            approved_by=data.get("approved_by") or "",
            handed_in=bool(data.get("handed_in")) and data["direction"] == "received",
            kept_at=data.get("kept_at") or "",
            recorded_by=actor,
        )
        audit.record(
            actor=actor,
            action="receptions.gift",
            obj=record,
            after={
                "gift": gift.item,
                "direction": gift.direction,
                "value": gift.value,
                "handed_in": gift.handed_in,
            },
        )
    return record


def hand_in(*, actor, record: Visit, data: dict[str, Any]) -> Visit:
    _require(actor, "receptions.plan")
    gift = record.gifts.filter(pk=data["gift"], direction="received").first()
    if gift is None:
        raise ValidationError({"gift": [_("Not a gift received on this visit.")]})
    kept_at = (data.get("kept_at") or "").strip()
    if not kept_at:
        raise ValidationError({"kept_at": [_("Say where the gift handed in is kept.")]})
    with transaction.atomic():
        gift.handed_in, gift.kept_at = True, kept_at
        gift.save(update_fields=["handed_in", "kept_at"])
        audit.record(
            actor=actor,
            action="receptions.gift",
            obj=record,
            after={"gift": gift.item, "handed_in": True, "kept_at": kept_at},
        )
    return record


def must_hand_in(gift: Gift) -> bool:
    return gift.direction == "received" and not gift.handed_in and gift.value > threshold()


# --- after the visit --------------------------------------------------------------------


def complete(*, actor, record: Visit, data: dict[str, Any]) -> Visit:
    """Closes the visit: its summary, its actual cost and its follow-ups (tasks)."""
    summary = (data.get("summary") or "").strip()
    errors: dict[str, list[str]] = {}
    if not summary:
        errors["summary"] = [_("Write a short summary of the visit.")]
    if data.get("actual_cost") is not None and data["actual_cost"] < 0:
        errors["actual_cost"] = [_("A cost cannot be negative.")]
    for index, row in enumerate(data.get("follow_ups") or []):
        if row["due"] < record.departure:
            errors.setdefault(f"follow_ups[{index}].due", []).append(_("A follow-up is due after the visit."))
    pending = [g.item for g in record.gifts.all() if must_hand_in(g)]
    if pending:
        errors.setdefault("summary", []).append(
            _("Gifts received above the threshold are not handed in yet: %(items)s.")
            % {"items": "、".join(pending)}
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="complete",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        Visit.objects.filter(pk=record.pk).update(
            summary=summary, actual_cost=data.get("actual_cost"), completed_at=timezone.now()
        )
        made = FollowUp.objects.bulk_create(
            FollowUp(
                visit=record,
                kind=row["kind"],
                title=row["title"],
                due=row["due"],
                owner_id=row.get("owner") or actor.pk,
            )
            for row in data.get("follow_ups") or []
        )
        audit.record(
            actor=actor,
            action="receptions.complete",
            obj=record,
            after={
                "summary": summary,
                "actual_cost": data.get("actual_cost"),
                "follow_ups": [f.title for f in made],
            },
        )
    return record


def add_follow_up(*, actor, record: Visit, data: dict[str, Any]) -> Visit:
    _require(actor, "receptions.plan")
    with transaction.atomic():
        follow_up = FollowUp.objects.create(
            visit=record,
            kind=data["kind"],
            title=data["title"],
            due=data["due"],
            owner_id=data.get("owner") or actor.pk,
        )
        audit.record(
            actor=actor,
            action="receptions.follow_up",
            obj=record,
            after={"task": follow_up.title, "due": follow_up.due},
        )
    return record


def finish_follow_up(*, actor, record: Visit, data: dict[str, Any]) -> Visit:
    _require(actor, "receptions.plan")
    follow_up = record.follow_ups.filter(pk=data["follow_up"], done_at__isnull=True).first()
    if follow_up is None:
        raise ValidationError({"follow_up": [_("Not an open follow-up of this visit.")]})
    with transaction.atomic():
        follow_up.done_at = timezone.now()
        follow_up.save(update_fields=["done_at"])
        audit.record(
            actor=actor,
            action="receptions.follow_up",
            obj=record,
            after={"task": follow_up.title, "done": True},
        )
    return record


# --- receptions registered by departments ----------------------------------------------

REGISTRATION_FIELDS = [
    "title",
    "unit_code",
    "purpose",
    "arrival",
    "departure",
    "country",
    "chief_guest",
    "protocol_rank",
    "guests",
    "host",
    "programme",
    "budget",
    "contact",
]


def _prepare_registration(actor, data) -> dict[str, Any]:
    _require(actor, "receptions.register")
    data = dict(data)
    _check_unit(actor, data)
    if data["departure"] < data["arrival"]:
        raise ValidationError({"departure": [_("The departure is before the arrival.")]})
    return data


def create_registration(*, actor, data: dict[str, Any]) -> Registration:
    data = _prepare_registration(actor, data)
    with transaction.atomic():
        case = casework.open_case(
            actor=actor, workflow_id=REGISTRATION_WORKFLOW, title=data["title"], unit_code=data["unit_code"]
        )
        registration = Registration.objects.create(
            case=case, unit_kind=unit_kind(data["unit_code"]), **{f: data[f] for f in REGISTRATION_FIELDS}
        )
        registration.refresh_search_text()
        audit.record(
            actor=actor,
            action="receptions.register",
            obj=registration,
            after={f: data[f] for f in REGISTRATION_FIELDS},
        )
    return registration


def update_registration(*, actor, registration: Registration, data: dict[str, Any]) -> Registration:
    data = _prepare_registration(actor, data)
    with transaction.atomic():
        locked = Registration.objects.select_for_update().select_related("case").get(pk=registration.pk)
        _require_state(locked, EDITABLE_STATES, _("Only a draft or a returned registration can be changed."))
        before = {f: getattr(locked, f) for f in REGISTRATION_FIELDS}
        for field in REGISTRATION_FIELDS:
            setattr(locked, field, data[field])
        locked.save()
        locked.refresh_search_text()
        locked.case.title, locked.case.unit_code = locked.title, locked.unit_code
        locked.case.save(update_fields=["title", "unit_code", "updated_at"])
        old, new = audit.changes(before, {f: getattr(locked, f) for f in REGISTRATION_FIELDS})
        audit.record(actor=actor, action="receptions.register", obj=locked, before=old, after=new)
    return locked


def submit_registration(*, actor, record: Registration, data: dict[str, Any]) -> Registration:
    with transaction.atomic():
        case = record.case
        case.facts = {"guest_rank": levels.equivalent(record.protocol_rank)}
        case.save(update_fields=["facts", "updated_at"])
        casework.perform(
            case=case,
            name="submit",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
    return record


def _protocol_rank_for(kernel_rank: str) -> str:
    """The highest protocol rank received at ``kernel_rank`` (对等): a conference's head of
    delegation at deputy_provincial level becomes a vice minister, say."""
    matching = [code for code, rank in PROTOCOL_RANKS.items() if rank.get("equivalent") == kernel_rank]
    return matching[-1] if matching else "official"


def _event_guest(guest) -> dict[str, Any]:
    return {
        "name_zh": guest.name,
        "name_en": guest.name,
        "title_text": guest.title[:120],
        "organisation": "",
        "country": guest.country,
        "protocol_rank": _protocol_rank_for(guest.rank),
        "dietary": "",
        "languages": "",
        "role": "member",
    }


def visit_for_event(*, actor, event) -> str:
    """A draft visit (the reception plan) for another module's event, e.g. an approved
    conference's VIP programme: its guests ranked, the dates and the organiser's unit; the
    clerk then completes it (hosts, programme, seating). Returns the visit's page."""
    from django.urls import reverse

    guests = [_event_guest(guest) for guest in event.guests]
    purpose = event.purpose
    if event.source_url:
        purpose = f"{purpose}\n{event.source_url}".strip()
    data = {
        "title": event.title[:200], "unit_code": event.unit_code, "division": "", "purpose": purpose,
        "arrival": event.start, "departure": event.end, "budget": 0, "meets_level": "",
        "banquet_level": "", "sees_off_level": "", "level_reason": "", "guests": guests, "hosts": [],
    }  # fmt: skip
    visit = create_visit(actor=actor, data=data)
    return reverse("receptions:detail", args=[visit.pk], urlconf="waiban.urls_city")
