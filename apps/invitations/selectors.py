"""Reads of the invitations module: only what the actor may see (unit scoping)."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from apps.accounts.scoping import scope_to_unit
from apps.invitations.models import Invitation, Invitee
from apps.registry import search as text_search


def invitations_for(actor) -> QuerySet[Invitation]:
    return Invitation.objects.visible_to(actor)


def search(actor, *, q="", state="", unit="", country="", visit_kind="") -> QuerySet[Invitation]:
    queryset = invitations_for(actor).matching(q)
    if state:
        queryset = queryset.filter(case__state=state)
    if unit:
        queryset = queryset.filter(unit_code=unit)
    if visit_kind:
        queryset = queryset.filter(visit_kind=visit_kind)
    if country:
        queryset = queryset.filter(
            pk__in=Invitee.objects.filter(nationality=country.upper()).values("invitation_id")
        )
    return queryset.order_by("-arrival", "-pk")


def register(actor, *, q="", country="", unit="", status="", passport="", today=None) -> QuerySet[Invitee]:
    """The register of invited visitors: invitees of issued invitations, latest planned
    exit first. ``status``: in_city (entered, no exit reported), overstaying (planned exit
    passed, no exit reported), or a visa status."""
    today = today or timezone.localdate()
    queryset = scope_to_unit(Invitee.objects.filter(issued=True), actor)
    if q:
        queryset = text_search.matching(queryset, q)
    if passport:
        queryset = queryset.filter(passport_number=passport.strip().upper())
    if country:
        queryset = queryset.filter(nationality=country.upper())
    if unit:
        queryset = queryset.filter(unit_code=unit)
    if status == "in_city":
        queryset = in_city(queryset)
    elif status == "overstaying":
        queryset = overstaying(queryset, today)
    elif status:
        queryset = queryset.filter(visa_status=status)
    return queryset.order_by("-planned_exit", "-id")


def in_city(queryset: QuerySet[Invitee]) -> QuerySet[Invitee]:
    return queryset.filter(entered_on__isnull=False, exited_on__isnull=True)


def overstaying(queryset: QuerySet[Invitee], today: datetime.date) -> QuerySet[Invitee]:
    return queryset.filter(issued=True, exited_on__isnull=True, planned_exit__lt=today).exclude(
        visa_status="refused"
    )


def visits_of(passport_number: str) -> QuerySet[Invitee]:
    """Every invitation a visitor came on, by passport (published for other modules: a
    reception or a return visit links to its visitor this way)."""
    return (
        Invitee.objects.filter(passport_number=(passport_number or "").strip().upper())
        .select_related("invitation__case")
        .order_by("-planned_exit")
    )


def documents_of(invitation: Invitation):
    from apps.documents.models import Document

    return Document.objects.filter(subject_type="invitations.invitation", subject_id=str(invitation.pk)).only(
        "id", "kind", "number", "title", "created_at"
    )


def attachments_of(invitation: Invitation):
    from apps.documents.models import Attachment

    return Attachment.objects.filter(
        subject_type="invitations.invitation", subject_id=str(invitation.pk)
    ).only("id", "filename", "content_type", "size", "uploaded_at")


def verify(number: str):
    """The letter with this number, and its invitation (None if no such number)."""
    from apps.documents.models import Document

    number = (number or "").strip()
    if not number:
        return None, None
    document = (
        Document.objects.filter(number=number, subject_type="invitations.invitation")
        .only("id", "number", "title", "created_at", "subject_id")
        .first()
    )
    if document is None:
        return None, None
    return document, Invitation.objects.select_related("case").filter(pk=int(document.subject_id)).first()


def calendar_entries(start: datetime.date, end: datetime.date, actor=None) -> list:
    """Visits of approved invitations overlapping [start, end): one all-day entry each, from
    one query; it names the visitors' countries and number, never a passport or a birth date."""
    from apps.registry import countries
    from apps.registry.modules import CalendarEntry

    queryset = Invitation.objects.all() if actor is None else invitations_for(actor)
    rows = (
        queryset.filter(
            case__state__in=["approved", "issued", "closed"], arrival__lt=end, departure__gte=start
        )
        .order_by("arrival", "pk")
        .values_list("pk", "title", "arrival", "departure", "places")
    )
    rows = list(rows)
    nationalities: dict[int, list[str]] = {}
    for invitation_id, code in (
        Invitee.objects.filter(invitation_id__in=[row[0] for row in rows])
        .order_by("invitation_id", "order")
        .values_list("invitation_id", "nationality")
    ):
        nationalities.setdefault(invitation_id, []).append(code)
    entries = []
    for pk, title, arrival, departure, places in rows:
        codes = nationalities.get(pk, [])
        names = "、".join(countries.name(code) for code in dict.fromkeys(codes))
        entries.append(
            CalendarEntry(
                uid=f"invitations:invitation:{pk}",
                kind="invitation_visit",
                title=title,
                start=arrival,
                end=departure + datetime.timedelta(days=1),
                location=places,
                description=f"{len(codes)} · {names}",
                url=f"/invitations/{pk}/",
            )
        )
    return entries
