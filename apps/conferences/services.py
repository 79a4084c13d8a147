"""Writes of the conferences module. Every state change of a conference's case goes through
the casework engine; every write is one transaction with its audit row."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.roles import permissions_for_role
from apps.accounts.scoping import is_unit_bound
from apps.audit import services as audit
from apps.casework import services as casework
from apps.conferences import rules
from apps.conferences.models import Conference, HeadOfDelegation, ParticipantCountry
from apps.conferences.workflow import EDITABLE_STATES
from apps.registry import countries
from apps.registry.ranks import highest
from apps.registry.units import unit_kind

FIELDS = [
    "title",
    "name_en",
    "kind",
    "unit_code",
    "responsible_person",
    "responsible_phone",
    "start",
    "end",
    "venue",
    "total_participants",
    "media",
    "foreign_media",
    "sponsors",
    "co_organisers",
    "budget",
    "funding",
    "security_plan",
    "health_plan",
    "division",
]
WORKFLOW_ID = "conferences.conference"


def _require(actor, permission: str) -> None:
    if permission not in permissions_for_role(actor.role, connection.tenant.profile):
        raise PermissionDenied(_("You may not do this."))


def check(data: dict[str, Any]) -> None:
    """Checks across fields before anything is written; every error on its field."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    start, end = data.get("start"), data.get("end")
    if start and end and end < start:
        add("end", _("The last day is before the first day."))
    rows = data.get("countries") or []
    if not rows:
        add("countries", _("Give the foreign participants by country or region."))
    seen: dict[str, int] = {}
    for index, row in enumerate(rows):
        code = row.get("country", "")
        if code == "CN":
            add(f"countries[{index}].country", _("Foreign participants only: not China."))
        if code in seen:
            add(f"countries[{index}].country", _("Already in row %(n)d.") % {"n": seen[code] + 1})
        seen.setdefault(code, index)
    foreign = sum(row.get("participants") or 0 for row in rows)
    total = data.get("total_participants") or 0
    if total and foreign > total:
        add(
            "total_participants",
            _("Fewer than the %(n)d foreign participants given by country.") % {"n": foreign},
        )
    if (data.get("foreign_media") or 0) > (data.get("media") or 0):
        add("foreign_media", _("More foreign journalists than journalists in all."))
    for index, head in enumerate(data.get("heads") or []):
        if head.get("country") and head["country"] not in seen:
            add(
                f"heads[{index}].country",
                _("%(country)s is not among the participants' countries.")
                % {"country": countries.name(head["country"])},
            )
    known = {unit["code"] for unit in connection.tenant.profile.get("submitting_units") or []}
    if data.get("unit_code") not in known:
        add("unit_code", _("Unknown submitting unit."))
    if errors:
        raise ValidationError(errors)


def _prepare(actor, data: dict[str, Any]) -> dict[str, Any]:
    _require(actor, "conferences.submit")
    data = dict(data)
    if is_unit_bound(actor):
        data["unit_code"] = actor.unit
    check(data)
    return data


def snapshot(conference: Conference) -> dict[str, Any]:
    return {
        **{field: getattr(conference, field) for field in FIELDS},
        "office_leader": conference.office_leader_id,
        "countries": [
            {"country": c.country, "participants": c.participants} for c in conference.countries.all()
        ],
        "heads": [
            {"name": h.name, "country": h.country, "title": h.title, "rank": h.rank}
            for h in conference.heads.all()
        ],
    }


def _write_rows(conference: Conference, data: dict[str, Any]) -> None:
    conference.countries.all().delete()
    conference.heads.all().delete()
    ParticipantCountry.objects.bulk_create(
        ParticipantCountry(
            conference=conference, order=i, country=row["country"], participants=row["participants"]
        )
        for i, row in enumerate(data["countries"])
    )
    HeadOfDelegation.objects.bulk_create(
        HeadOfDelegation(
            conference=conference, order=i, **{k: row[k] for k in ("name", "country", "title", "rank")}
        )
        for i, row in enumerate(data.get("heads") or [])
    )
    conference.foreign_participants = sum(row["participants"] for row in data["countries"])
    conference.scale = rules.scale_of(conference.foreign_participants)
    conference.save(update_fields=["foreign_participants", "scale"])
    conference.refresh_search_text()


def _leader(data):
    from apps.accounts.models import User

    pk = data.get("office_leader")
    return User.objects.filter(pk=pk).first() if pk else None


def create_conference(*, actor, data: dict[str, Any]) -> Conference:
    data = _prepare(actor, data)
    with transaction.atomic():
        case = casework.open_case(
            actor=actor, workflow_id=WORKFLOW_ID, title=data["title"], unit_code=data["unit_code"]
        )
        conference = Conference.objects.create(
            case=case,
            unit_kind=unit_kind(data["unit_code"]),
            office_leader=_leader(data),
            **{field: data[field] for field in FIELDS},
        )
        _write_rows(conference, data)
        audit.record(actor=actor, action="conferences.create", obj=conference, after=snapshot(conference))
    return conference


def update_conference(*, actor, conference: Conference, data: dict[str, Any]) -> Conference:
    data = _prepare(actor, data)
    with transaction.atomic():
        locked = Conference.objects.select_for_update().select_related("case").get(pk=conference.pk)
        if locked.case.state not in EDITABLE_STATES:
            raise ValidationError(_("Only a draft or a returned application can be changed."))
        before = snapshot(locked)
        for field in FIELDS:
            setattr(locked, field, data[field])
        locked.office_leader = _leader(data)
        locked.unit_kind = unit_kind(locked.unit_code)
        locked.save()
        _write_rows(locked, data)
        locked.case.title, locked.case.unit_code = locked.title, locked.unit_code
        locked.case.save(update_fields=["title", "unit_code", "updated_at"])
        old, new = audit.changes(before, snapshot(locked))
        audit.record(actor=actor, action="conferences.update", obj=locked, before=old, after=new)
    return locked


def facts(conference: Conference) -> dict[str, Any]:
    """What the approval chain's conditions look at (``ConferencesModule.chain_facts``)."""
    codes = sorted({c.country for c in conference.countries.all()})
    guest_rank = highest(h.rank for h in conference.heads.all())
    return {
        "foreign_participants": conference.foreign_participants,
        "guest_rank": guest_rank,
        "countries": codes,
        "budget": float(conference.budget),
        "needs_province": bool(rules.province_reasons(conference.foreign_participants, guest_rank, codes)),
    }


def submit(*, actor, record: Conference, data: dict[str, Any]) -> Conference:
    with transaction.atomic():
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
    return record


def issue_approval(*, actor, record: Conference, data: dict[str, Any]) -> Conference:
    """Issues the numbered approval (批复) as a bilingual PDF, numbered from the profile's
    ``approval`` series; the outcome report is then due (``hooks``). All or nothing."""
    from apps.documents import services as documents

    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="issue",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        conference = Conference.objects.select_related("case").get(pk=record.pk)
        document = documents.issue_document(
            actor=actor,
            kind="approval",
            title=_("Approval of the conference: %(title)s") % {"title": conference.title},
            template_name="conferences/approval_pdf.html",
            context={
                "conference": conference,
                "office": connection.tenant,
                "province_approved": conference.case.events.filter(transition="province_approve").exists(),
                "province": connection.tenant.province,
            },
            subject=conference,
            unit_code=conference.unit_code,
            language="bilingual",
        )
        Conference.objects.filter(pk=conference.pk).update(
            approval_document_id=document.pk, approval_number=document.number
        )
        conference.approval_number = document.number
        conference.refresh_search_text()
    return record


def file_report(*, actor, record: Conference, data: dict[str, Any]) -> Conference:
    """The organiser's outcome report after the activity (due ``report_due``)."""
    _require(actor, "conferences.report")
    today = timezone.localdate()
    if record.end > today:
        raise ValidationError(
            {"report": [_("The activity is not over yet (last day %(date)s).") % {"date": record.end}]}
        )
    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="file_report",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        Conference.objects.filter(pk=record.pk).update(
            report=data["report"],
            actual_foreign_participants=data["actual_foreign_participants"],
            report_filed_at=timezone.now(),
        )
        audit.record(
            actor=actor,
            action="conferences.file_report",
            obj=record,
            after={
                "actual_foreign_participants": data["actual_foreign_participants"],
                "late": bool(record.report_due and record.report_due < today),
            },
        )
    return record
