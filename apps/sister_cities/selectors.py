"""Reads of the sister-cities module: only what the actor may see (a district or county
sees its own unit's proposals)."""

from __future__ import annotations

import datetime

from django.db.models import Max, Q, QuerySet

from apps.registry.settings import module_settings
from apps.sister_cities.models import Exchange, Relationship


def relationships_for(actor) -> QuerySet[Relationship]:
    return Relationship.objects.visible_to(actor).select_related("partner")


def search(actor, *, q="", state="", level="", dormant=False, today=None) -> QuerySet[Relationship]:
    rows = relationships_for(actor).matching(q)
    if state:
        rows = rows.filter(case__state=state)
    if level:
        rows = rows.filter(level=level)
    if dormant:
        rows = dormant_relationships(rows, today or datetime.date.today())
    return rows.order_by("-created_at", "-pk")


def with_last_exchange(rows: QuerySet[Relationship]) -> QuerySet[Relationship]:
    return rows.annotate(last_exchange=Max("exchanges__date"))


def dormant_since(today: datetime.date) -> datetime.date:
    years = module_settings("sister_cities")["dormant_years"]
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def dormant_relationships(rows: QuerySet[Relationship], today: datetime.date) -> QuerySet[Relationship]:
    """Signed relationships with no exchange for the profile's ``dormant_years`` (counted
    from the signing when there was none)."""
    since = dormant_since(today)
    rows = with_last_exchange(rows.filter(case__state="signed"))
    return rows.filter(Q(last_exchange__lt=since) | Q(last_exchange__isnull=True, signed_on__lt=since))


def is_dormant(relationship: Relationship, today: datetime.date) -> bool:
    if relationship.state != "signed":
        return False
    return dormant_relationships(Relationship.objects.filter(pk=relationship.pk), today).exists()


def attachments_of(relationship: Relationship):
    from apps.documents.models import Attachment

    return Attachment.objects.filter(
        subject_type="sister_cities.relationship", subject_id=str(relationship.pk)
    ).only("id", "filename", "content_type", "size", "uploaded_at")


def yearly_report(relationship: Relationship, year: int) -> dict:
    """A year of one relationship: its plan, its exchanges by field and kind."""
    from apps.registry.i18n import label
    from apps.sister_cities.models import EXCHANGE_KINDS, FIELDS

    exchanges = list(relationship.exchanges.filter(date__year=year).order_by("date", "pk"))
    plan = relationship.plans.filter(year=year).first()
    by_field: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    for exchange in exchanges:
        by_field[exchange.field] = by_field.get(exchange.field, 0) + 1
        by_kind[exchange.kind] = by_kind.get(exchange.kind, 0) + 1
    return {
        "year": year,
        "plan": plan.items if plan else "",
        "exchanges": exchanges,
        "participants": sum(e.participants for e in exchanges),
        "by_field": [(label(FIELDS[k], k), n) for k, n in sorted(by_field.items())],
        "by_kind": [(label(EXCHANGE_KINDS[k], k), n) for k, n in sorted(by_kind.items())],
    }


def exchanges_of(relationship: Relationship) -> QuerySet[Exchange]:
    return relationship.exchanges.order_by("-date", "-pk")
