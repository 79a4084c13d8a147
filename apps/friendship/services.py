"""Writes of the friendship association: one transaction and one audit row per change.
A foreign friendship group may be a partner of the kernel's register; the activity is then
linked to it there (kind "event")."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.roles import permissions_for_role
from apps.audit import services as audit
from apps.friendship.models import POSITIONS, SINGLE_POSITIONS, Activity, ActivityReport, CouncilMember
from apps.partners import services as partners
from apps.partners.models import Partner
from apps.registry.i18n import label

MEMBER_FIELDS = ["name", "position", "affiliation", "since", "until"]
ACTIVITY_FIELDS = [
    "title",
    "kind",
    "foreign_group",
    "country",
    "start",
    "end",
    "place",
    "participants",
    "description",
]
REPORT_FIELDS = ["summary", "outcomes", "follow_up"]


def _require(actor) -> None:
    if "friendship.manage" not in permissions_for_role(actor.role, connection.tenant.profile):
        raise PermissionDenied(_("You may not do this."))


def _snapshot(obj, fields) -> dict[str, Any]:
    return {field: getattr(obj, field) for field in fields}


def _check_member(data: dict[str, Any], member: CouncilMember | None) -> None:
    since, until = data["since"], data.get("until")
    if until and until < since:
        raise ValidationError({"until": [_("The term cannot end before it starts.")]})
    if data["position"] in SINGLE_POSITIONS:
        others = CouncilMember.objects.filter(position=data["position"]).exclude(
            pk=getattr(member, "pk", None)
        )
        overlap = others.filter(Q(until__isnull=True) | Q(until__gte=since))
        if until:
            overlap = overlap.filter(since__lte=until)
        clash = overlap.first()
        if clash is not None:
            raise ValidationError(
                {
                    "since": [
                        _("%(name)s is %(position)s during this term.")
                        % {"name": clash.name, "position": label(POSITIONS[clash.position], clash.position)}
                    ]
                }
            )


def save_member(*, actor, data: dict[str, Any], member: CouncilMember | None = None) -> CouncilMember:
    _require(actor)
    values = {field: data.get(field) for field in MEMBER_FIELDS}
    with transaction.atomic():
        if member is not None:
            member = CouncilMember.objects.select_for_update().get(pk=member.pk)
        _check_member(values, member)
        before = _snapshot(member, MEMBER_FIELDS) if member is not None else {}
        member = member or CouncilMember()
        for field, value in values.items():
            setattr(member, field, value)
        member.search_text = f"{member.name} {member.affiliation}".lower()
        member.save()
        old, new = audit.changes(before, _snapshot(member, MEMBER_FIELDS))
        audit.record(actor=actor, action="friendship.member", obj=member, before=old, after=new)
    return member


def _check_activity(values: dict[str, Any]) -> Partner | None:
    errors: dict[str, list[str]] = {}
    if values["end"] < values["start"]:
        errors["end"] = [_("The activity cannot end before it starts.")]
    partner = None
    if values.get("partner"):
        partner = Partner.objects.filter(pk=values["partner"]).first()
        if partner is None:
            errors["partner"] = [_("Unknown partner.")]
    if errors:
        raise ValidationError(errors)
    return partner


def save_activity(*, actor, data: dict[str, Any], activity: Activity | None = None) -> Activity:
    _require(actor)
    values = {field: data.get(field) for field in ACTIVITY_FIELDS}
    values["description"] = values.get("description") or ""
    partner = _check_activity({**values, "partner": data.get("partner")})
    with transaction.atomic():
        if activity is not None:
            activity = Activity.objects.select_for_update().get(pk=activity.pk)
            if hasattr(activity, "report"):
                raise ValidationError(_("A reported activity can no longer be changed."))
        before = {**_snapshot(activity, ACTIVITY_FIELDS), "partner": activity.partner_id} if activity else {}
        activity = activity or Activity(created_by=actor)
        for field, value in values.items():
            setattr(activity, field, value)
        activity.partner = partner
        activity.search_text = f"{activity.title} {activity.foreign_group} {activity.place}".lower()
        activity.save()
        partners.relink(
            actor=actor,
            partner=partner,
            module="friendship",
            record_ref=activity.pk,
            kind="event",
            title=activity.title,
            date=activity.start,
            url=reverse("friendship:detail", args=[activity.pk]),
        )
        old, new = audit.changes(
            before, {**_snapshot(activity, ACTIVITY_FIELDS), "partner": activity.partner_id}
        )
        audit.record(actor=actor, action="friendship.activity", obj=activity, before=old, after=new)
    return activity


def file_report(*, actor, activity: Activity, data: dict[str, Any]) -> ActivityReport:
    """The activity's report, once it has taken place; one per activity."""
    _require(actor)
    if activity.end > timezone.localdate():
        raise ValidationError({"summary": [_("The report is filed once the activity has taken place.")]})
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        if ActivityReport.objects.filter(activity=locked).exists():
            raise ValidationError({"summary": [_("This activity already has its report.")]})
        report = ActivityReport.objects.create(
            activity=locked, submitted_by=actor, **{field: data.get(field) or "" for field in REPORT_FIELDS}
        )
        audit.record(
            actor=actor, action="friendship.report", obj=locked, after=_snapshot(report, REPORT_FIELDS)
        )
        from apps.reporting import figures

        on = locked.start
        figures.count(metric="friendship.activities", on=on)
        figures.count(metric="friendship.participants", on=on, by=locked.participants)
        figures.count(metric="friendship.by_country", key=locked.country, on=on)
        figures.count(metric="friendship.by_kind", key=locked.kind, on=on)
    return report
