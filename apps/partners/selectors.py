"""Reads of the register of partners. Partners are the office's shared register: every
office user may read it; what a module shows of its own records stays behind the module's
own scoping (a link carries only a title, a date and the address of the record's page)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, QuerySet

from apps.partners.models import Partner, PartnerLink, Person
from apps.registry import search as text_search
from apps.registry.modules import enabled_module_ids


def partners(*, q: str = "", kind: str = "", country: str = "") -> QuerySet[Partner]:
    """Partners by name in either script (also their people's names and their country's names)."""
    rows = Partner.objects.matching(q)
    if kind:
        rows = rows.filter(kind=kind)
    if country:
        rows = rows.filter(country=country)
    return rows


def search_people(q: str) -> QuerySet[Person]:
    q = (q or "").strip().lower()
    rows = Person.objects.select_related("partner")
    return text_search.matching(rows, q) if q else rows.none()


def search_links(q: str) -> QuerySet[PartnerLink]:
    """Links (agreements, exchanges, visits...) whose title contains ``q``, of switched-on modules."""
    q = (q or "").strip().lower()
    rows = PartnerLink.objects.select_related("partner").filter(module__in=_enabled_modules())
    return text_search.matching(rows, q) if q else rows.none()


def _enabled_modules() -> list[str]:
    from django.db import connection

    tenant = getattr(connection, "tenant", None)
    profile = getattr(tenant, "profile", None)
    return sorted(enabled_module_ids(profile)) if profile is not None else []


def links_of(partner: Partner, *, kind: str = "") -> QuerySet[PartnerLink]:
    """The partner's history (newest first), links of switched-off modules left out."""
    rows = partner.links.filter(module__in=_enabled_modules())
    return rows.filter(kind=kind) if kind else rows


def open_follow_ups(partner: Partner) -> QuerySet[PartnerLink]:
    return links_of(partner).filter(follow_up_open=True).order_by("due", "pk")


def partners_of_record(module: str, record_ref: str | int, *, kind: str = "") -> QuerySet[Partner]:
    rows = Partner.objects.filter(links__module=module, links__record_ref=str(record_ref))
    return rows.filter(links__kind=kind) if kind else rows


def link_of_record(module: str, record_ref: str | int, *, kind: str) -> PartnerLink | None:
    return (
        PartnerLink.objects.select_related("partner")
        .filter(module=module, record_ref=str(record_ref), kind=kind)
        .first()
    )


def people_over_time(partner: Partner) -> QuerySet[Person]:
    return partner.people.order_by("-since", "-pk")


@dataclass
class History:
    partner: Partner
    links: QuerySet[PartnerLink]
    people: QuerySet[Person]
    follow_ups: QuerySet[PartnerLink]
    counts: dict[str, int]
    last_date: datetime.date | None


def partner_history(partner: Partner) -> History:
    links = links_of(partner)
    counts = dict(links.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    last = links.aggregate(last=Max("date"))["last"]
    return History(
        partner=partner,
        links=links,
        people=people_over_time(partner),
        follow_ups=open_follow_ups(partner),
        counts=counts,
        last_date=last,
    )


def last_link_dates(module: str, *, kinds: list[str] | None = None) -> dict[int, datetime.date]:
    """{partner id: date of its latest link of ``module``} (e.g. the last exchange)."""
    rows = PartnerLink.objects.filter(module=module, date__isnull=False)
    if kinds:
        rows = rows.filter(kind__in=kinds)
    return dict(rows.values("partner_id").annotate(last=Max("date")).values_list("partner_id", "last"))


def partner_choices(*, kind: str | list[str] = "") -> list[tuple[int, str]]:
    rows = Partner.objects.filter(active=True)
    if kind:
        rows = rows.filter(kind__in=[kind] if isinstance(kind, str) else kind)
    return [(p.pk, p.display_name) for p in rows.only("pk", "name_zh", "name_en")]


def consulate_for(country: str) -> Partner | None:
    """The consulate or mission that covers this city for ``country`` (kernel lookup: a
    module's visa letters read it without knowing who records it)."""
    from apps.partners.models import ConsularJurisdiction

    row = (
        ConsularJurisdiction.objects.select_related("partner").filter(country=(country or "").upper()).first()
    )
    return row.partner if row is not None else None


def jurisdictions():
    from apps.partners.models import ConsularJurisdiction

    return ConsularJurisdiction.objects.select_related("partner").order_by("country")
