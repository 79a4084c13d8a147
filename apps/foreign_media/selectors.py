"""Reads of the media module: only what the actor may see (unit scoping for the requests;
the register of journalists is the office's)."""

from __future__ import annotations

from django.db.models import Count, Max, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.foreign_media.models import InterviewRequest, Journalist
from apps.registry import search as text_search


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
        queryset = text_search.matching(queryset, q)
    if country:
        queryset = queryset.filter(nationality=country.upper())
    return queryset.order_by("name_latin", "pk")


def waiting_for(actor) -> list:
    """A unit's submitter: the requests of its unit awaiting its consent. The office: the
    approved requests to arrange, the interviews held with no article recorded yet."""
    from django.db import connection

    from apps.accounts.roles import permissions_for_role
    from apps.casework.selectors import WaitingItem

    granted = permissions_for_role(actor.role, connection.tenant.profile)
    mine = interviews_for(actor).order_by("start", "pk")
    tasks = []
    if "foreign_media.consent" in granted:
        tasks.append(
            (mine.filter(case__state="awaiting_consent"), _("Answer whether your unit accepts the interview"))
        )
    if "foreign_media.manage" in granted:
        tasks.append((mine.filter(case__state="approved"), _("Arrange the interview")))
        held = mine.filter(
            case__state__in=["arranged", "done"], held_on__lt=timezone.localdate(), articles=None
        )
        tasks.append((held, _("Record what was published after the interview")))
    return [
        WaitingItem(
            task=task,
            title=row.title,
            url=reverse("foreign_media:detail", args=[row.pk]),
            since=row.case.updated_at,
            due=row.start,
        )
        for rows, task in tasks
        for row in rows
    ]
