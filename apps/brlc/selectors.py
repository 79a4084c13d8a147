"""Reads of the BRLC secretariat. The secretariat's pages are the office's own (no unit
scoping: no submitting unit holds a BRLC permission); the public reads give only what the
committee publishes."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from apps.brlc.models import Application, Meeting, Member, Notice, Project, Resolution
from apps.registry import search as text_search


def members(*, q: str = "", status: str = "") -> QuerySet[Member]:
    queryset = Member.objects.all()
    if q:
        queryset = text_search.matching(queryset, q)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("country", "name_en", "pk")


def applications_for(actor) -> QuerySet[Application]:
    return Application.objects.visible_to(actor)


def search_applications(actor, *, q: str = "") -> QuerySet[Application]:
    return applications_for(actor).matching(q).order_by("-received_on", "-pk")


def meetings(*, q: str = "") -> QuerySet[Meeting]:
    queryset = Meeting.objects.all()
    if q:
        queryset = text_search.matching(queryset, q)
    return queryset.order_by("-date", "-pk")


def resolutions() -> QuerySet[Resolution]:
    return Resolution.objects.select_related("meeting").order_by("-meeting__date", "number")


def projects(*, q: str = "") -> QuerySet[Project]:
    queryset = Project.objects.select_related("lead")
    if q:
        queryset = text_search.matching(queryset, q)
    return queryset.order_by("-starts_on", "-pk")


def notices() -> QuerySet[Notice]:
    return Notice.objects.annotate(
        recipients=Count("deliveries"), sent=Count("deliveries", filter=Q(deliveries__status="sent"))
    ).order_by("-sent_at", "-pk")


def history_of(member: Member):
    """The member's audited changes, newest first (admission, edits, contacts, withdrawal)."""
    from apps.audit.models import AuditEntry

    return AuditEntry.objects.filter(object_type="brlc.member", object_id=str(member.pk)).order_by("-pk")


def documents_of(application: Application):
    from apps.documents.models import Document

    return Document.objects.filter(subject_type="brlc.application", subject_id=str(application.pk)).only(
        "id", "kind", "number", "title", "created_at"
    )


# --- what the public sees -------------------------------------------------------------


def public_members(*, q: str = "") -> QuerySet[Member]:
    """The member directory: active members only."""
    return members(q=q, status="active").only(
        "id", "name_zh", "name_en", "name_native", "country", "level", "join_date", "website", "status"
    )


def public_resolutions() -> QuerySet[Resolution]:
    """Adopted resolutions only (never drafts, never the minutes)."""
    return resolutions().filter(status="adopted", meeting__status="held")


def waiting_for(actor, today=None) -> list:
    """What the secretariat asks of ``actor`` (its "waiting for me" list): applications
    returned for changes or reviewed and waiting for the committee's decision to be
    recorded, and meetings whose day has passed without their minutes."""
    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from apps.accounts.roles import permissions_for_role
    from apps.casework.selectors import WaitingItem

    if "brlc.manage" not in permissions_for_role(actor.role, connection.tenant.profile):
        return []
    today = today or timezone.localdate()
    items = [
        WaitingItem(
            task=_("Change and resubmit the application"),
            title=a.title,
            url=reverse("brlc:application", args=[a.pk]),
            since=a.received_on,
        )
        for a in applications_for(actor).filter(case__state="returned").order_by("received_on")
    ]
    items += [
        WaitingItem(
            task=_("Record the committee's decision"),
            title=a.title,
            url=reverse("brlc:application", args=[a.pk]),
            since=a.received_on,
        )
        for a in applications_for(actor).filter(case__state="reviewed").order_by("received_on")
    ]
    items += [
        WaitingItem(
            task=_("Record the meeting's attendance and minutes"),
            title=m.title,
            url=reverse("brlc:meeting", args=[m.pk]),
            due=m.date,
        )
        for m in Meeting.objects.filter(status="planned", date__lt=today).order_by("date")
    ]
    return items
