"""Reads of the media module: only what the actor may see (unit scoping for the requests;
the register of journalists is the office's)."""

from __future__ import annotations

from django.db.models import Count, Max, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.foreign_media.models import InterviewRequest, Journalist


def interviews_for(actor) -> QuerySet[InterviewRequest]:
    return InterviewRequest.objects.visible_to(actor).select_related("outlet", "journalist")


def search(actor, *, q="", state="", unit="", country="") -> QuerySet[InterviewRequest]:
    queryset = interviews_for(actor).matching(q)
    if state:
        queryset = queryset.filter(case__state=state)
    if unit:
        queryset = queryset.filter(unit_code=unit)
    if country:
        queryset = queryset.filter(outlet__country=country.upper())
    return queryset.order_by("-start", "-pk")


def journalists(*, q="", country="") -> QuerySet[Journalist]:
    """The register of accredited journalists, with how often and when they last came."""
    queryset = Journalist.objects.select_related("outlet").annotate(
        interview_count=Count("interviews"), last_interview=Max("interviews__start")
    )
    q = (q or "").strip().lower()
    if q:
        queryset = queryset.filter(search_text__contains=q)
    if country:
        queryset = queryset.filter(nationality=country.upper())
    return queryset.order_by("name_latin", "pk")


def waiting_for(actor) -> list:
    """A unit's submitter: the requests of its unit awaiting its consent."""
    from apps.casework.selectors import WaitingItem

    if getattr(actor, "role", None) != "submitter":
        return []
    rows = interviews_for(actor).filter(case__state="awaiting_consent").order_by("start")
    return [
        WaitingItem(
            task=_("Answer whether your unit accepts the interview"),
            title=row.title,
            url=reverse("foreign_media:detail", args=[row.pk]),
            since=row.case.updated_at,
            due=row.start,
        )
        for row in rows
    ]
