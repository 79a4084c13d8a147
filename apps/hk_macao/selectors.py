"""Reads of the Hong Kong and Macao module: official exchanges scoped to the actor's unit."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from apps.hk_macao.models import KINDS, Exchange, NonGovExchange
from apps.registry.i18n import label


def exchanges_for(actor) -> QuerySet[Exchange]:
    return Exchange.objects.visible_to(actor).select_related("partner")


def search(actor, *, q="", state="", kind="", region="") -> QuerySet[Exchange]:
    rows = exchanges_for(actor).matching(q)
    if state:
        rows = rows.filter(case__state=state)
    if kind:
        rows = rows.filter(kind=kind)
    if region:
        rows = rows.filter(region=region)
    return rows.order_by("-start", "-pk")


def non_governmental() -> QuerySet[NonGovExchange]:
    return NonGovExchange.objects.select_related("partner").order_by("-date", "-pk")


def figures_by_kind(actor, year: int) -> list[dict]:
    """Per kind: official exchanges approved (or carried out) and non-governmental ones, in ``year``."""
    official = dict(
        exchanges_for(actor)
        .filter(case__state__in=("approved", "done"), start__year=year)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    civil = dict(
        NonGovExchange.objects.filter(date__year=year)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    return [
        {
            "kind": code,
            "name": label(names, code),
            "official": official.get(code, 0),
            "non_governmental": civil.get(code, 0),
        }
        for code, names in KINDS.items()
    ]
