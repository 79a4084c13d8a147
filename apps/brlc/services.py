"""Writes of the BRLC secretariat. Every write is one transaction with its audit row;
membership applications move through the casework engine."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.accounts.roles import permissions_for_role
from apps.audit import services as audit
from apps.brlc.models import (
    Application,
    ContactPerson,
    Delivery,
    FollowUp,
    Meeting,
    Member,
    Milestone,
    Notice,
    Participation,
    Project,
    Resolution,
    StatusReport,
)
from apps.brlc.workflow import EDITABLE_STATES
from apps.casework import services as casework

logger = logging.getLogger(__name__)
WORKFLOW_ID = "brlc.application"
APPLICATION_FIELDS = [
    "name_zh",
    "name_en",
    "name_native",
    "country",
    "level",
    "received_on",
    "motivation",
    "contact_name",
    "contact_position",
    "contact_email",
    "contact_phone",
]
MEMBER_FIELDS = ["name_zh", "name_en", "name_native", "level", "website"]


def _require(actor, permission: str) -> None:
    if permission not in permissions_for_role(actor.role, connection.tenant.profile):
        raise PermissionDenied(_("You may not do this."))


def _today():
    return timezone.localdate()


# --- figures --------------------------------------------------------------------------


def _refresh_active_members() -> None:
    from apps.reporting import figures

    figures.set_figure(
        metric="brlc.active_members", on=_today(), value=Member.objects.filter(status="active").count()
    )


# --- members --------------------------------------------------------------------------


def active_member_named(
    *, country: str, name_zh: str, name_en: str, exclude: int | None = None
) -> Member | None:
    """The active member with this country and name (either language), if any."""
    queryset = Member.objects.filter(status="active", country=country.upper()).filter(
        Q(name_en__iexact=name_en.strip()) | Q(name_zh=name_zh.strip())
    )
    if exclude:
        queryset = queryset.exclude(pk=exclude)
    return queryset.first()


def _member_snapshot(member: Member) -> dict[str, Any]:
    return {
        **{
            field: getattr(member, field)
            for field in (*MEMBER_FIELDS, "country", "status", "join_date", "withdrawn_on")
        },
        "contacts": [f"{c.name} {c.position}".strip() for c in member.contacts.all()],
    }


def update_member(*, actor, record: Member, data: dict[str, Any]) -> Member:
    _require(actor, "brlc.manage")
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=record.pk)
        twin = active_member_named(
            country=member.country, name_zh=data["name_zh"], name_en=data["name_en"], exclude=member.pk
        )
        if twin is not None:
            raise ValidationError({"name_en": [_("Another active member has this name.")]})
        before = _member_snapshot(member)
        for field in MEMBER_FIELDS:
            setattr(member, field, data.get(field, getattr(member, field)))
        member.save()
        old, new = audit.changes(before, _member_snapshot(member))
        audit.record(actor=actor, action="brlc.update_member", obj=member, before=old, after=new)
    return member


def add_contact(*, actor, record: Member, data: dict[str, Any]) -> Member:
    _require(actor, "brlc.manage")
    with transaction.atomic():
        contact = ContactPerson.objects.create(
            member=record, **{key: data.get(key, "") for key in ("name", "position", "email", "phone")}
        )
        audit.record(
            actor=actor,
            action="brlc.add_contact",
            obj=record,
            after={"contact": f"{contact.name} {contact.position}".strip()},
        )
    return record


def remove_contact(*, actor, record: Member, data: dict[str, Any]) -> Member:
    _require(actor, "brlc.manage")
    contact = record.contacts.filter(pk=data["contact"]).first()
    if contact is None:
        raise ValidationError({"contact": [_("Not a contact person of this member.")]})
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="brlc.remove_contact",
            obj=record,
            before={"contact": f"{contact.name} {contact.position}".strip()},
        )
        contact.delete()
    return record


def withdraw_member(*, actor, record: Member, data: dict[str, Any]) -> Member:
    """The member leaves the BRLC (its history stays; it leaves the public directory)."""
    _require(actor, "brlc.manage")
    errors: dict[str, list[str]] = {}
    if record.status != "active":
        errors["withdrawn_on"] = [_("This member has already withdrawn.")]
    elif record.join_date and data["withdrawn_on"] < record.join_date:
        errors["withdrawn_on"] = [_("A member cannot withdraw before it joined.")]
    elif data["withdrawn_on"] > _today():
        errors["withdrawn_on"] = [_("This date is in the future.")]
    if not (data.get("reason") or "").strip():
        errors["reason"] = [_("Give the reason.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=record.pk)
        member.status, member.withdrawn_on = "withdrawn", data["withdrawn_on"]
        member.save()
        audit.record(
            actor=actor,
            action="brlc.withdraw_member",
            obj=member,
            before={"status": "active"},
            after={"status": "withdrawn", "withdrawn_on": member.withdrawn_on, "reason": data["reason"]},
        )
        _refresh_active_members()
    return member


# --- membership applications ----------------------------------------------------------


def _check_not_member(data: dict[str, Any]) -> None:
    twin = active_member_named(country=data["country"], name_zh=data["name_zh"], name_en=data["name_en"])
    if twin is not None:
        raise ValidationError(
            {
                "name_en": [
                    _("%(name)s is already an active member (joined %(date)s): it cannot join twice.")
                    % {"name": twin.name_en, "date": twin.join_date or "—"}
                ]
            }
        )


def _title(data: dict[str, Any]) -> str:
    """The case's title, kept in the office's language (it is data, shown as stored)."""
    with translation.override("zh-hans"):
        return _("Membership application: %(name)s") % {"name": data["name_zh"]}


def _both(text: str, **values) -> str:
    """A text in Chinese and English ("会议邀请：… / Invitation: …"), for members abroad."""
    with translation.override("zh-hans"):
        chinese = _(text) % values
    with translation.override("en"):
        english = _(text) % values
    return chinese if chinese == english else f"{chinese} / {english}"


def application_snapshot(application: Application) -> dict[str, Any]:
    return {field: getattr(application, field) for field in APPLICATION_FIELDS}


def create_application(*, actor, data: dict[str, Any]) -> Application:
    """The secretariat registers a local government's application."""
    _require(actor, "brlc.manage")
    _check_not_member(data)
    with transaction.atomic():
        case = casework.open_case(actor=actor, workflow_id=WORKFLOW_ID, title=_title(data), unit_code="")
        application = Application.objects.create(
            case=case, title=case.title, unit_code="", **{field: data[field] for field in APPLICATION_FIELDS}
        )
        application.refresh_search_text()
        audit.record(
            actor=actor,
            action="brlc.create_application",
            obj=application,
            after=application_snapshot(application),
        )
    return application


def update_application(*, actor, application: Application, data: dict[str, Any]) -> Application:
    _require(actor, "brlc.manage")
    _check_not_member(data)
    with transaction.atomic():
        locked = Application.objects.select_for_update().select_related("case").get(pk=application.pk)
        if locked.case.state not in EDITABLE_STATES:
            raise ValidationError(_("Only a draft or a returned application can be changed."))
        before = application_snapshot(locked)
        for field in APPLICATION_FIELDS:
            setattr(locked, field, data[field])
        locked.title = _title(data)
        locked.save()
        locked.refresh_search_text()
        locked.case.title = locked.title
        locked.case.save(update_fields=["title", "updated_at"])
        old, new = audit.changes(before, application_snapshot(locked))
        audit.record(actor=actor, action="brlc.update_application", obj=locked, before=old, after=new)
    return locked


def _deciding_meeting(meeting_id) -> Meeting:
    meeting = Meeting.objects.filter(pk=meeting_id, kind__in=("council", "executive")).first()
    if meeting is None:
        raise ValidationError({"meeting": [_("Choose a council or executive meeting.")]})
    if not meeting.has_happened:
        raise ValidationError(
            {"meeting": [_("This meeting has not taken place yet: it cannot have decided.")]}
        )
    return meeting


def admit(*, actor, record: Application, data: dict[str, Any]) -> Application:
    """Records the committee's decision to admit: the member is registered (or, if it had
    withdrawn, active again), and the bilingual welcome letter is issued, numbered."""
    from apps.documents import services as documents

    meeting = _deciding_meeting(data.get("meeting"))
    _check_not_member(application_snapshot(record))
    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="admit",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        application = Application.objects.select_for_update().select_related("case").get(pk=record.pk)
        member = (
            Member.objects.filter(status="withdrawn", country=application.country)
            .filter(Q(name_en__iexact=application.name_en) | Q(name_zh=application.name_zh))
            .first()
        )
        rejoining = member is not None
        if member is None:
            member = Member(country=application.country)
        for field in ("name_zh", "name_en", "name_native", "level"):
            setattr(member, field, getattr(application, field))
        member.status, member.join_date, member.withdrawn_on = "active", meeting.date, None
        member.save()
        if application.contact_name:
            ContactPerson.objects.create(
                member=member,
                name=application.contact_name,
                position=application.contact_position,
                email=application.contact_email,
                phone=application.contact_phone,
            )
        audit.record(
            actor=actor,
            action="brlc.admit_member",
            obj=member,
            after={
                **_member_snapshot(member),
                "application": application.pk,
                "meeting": str(meeting),
                "rejoined": rejoining,
            },
        )
        letter = documents.issue_document(
            actor=actor,
            kind="letter",
            title=_both(gettext_noop("Welcome letter: %(name)s"), name=member.name_zh),
            template_name="brlc/welcome_letter_pdf.html",
            context={"member": member, "meeting": meeting, "office": connection.tenant},
            subject=application,
            language="bilingual",
        )
        application.meeting, application.member = meeting, member
        application.letter_document_id, application.letter_number = letter.pk, letter.number
        application.save(update_fields=["meeting", "member", "letter_document_id", "letter_number"])
        application.refresh_search_text()
        from apps.reporting import figures

        figures.count(metric="brlc.admissions", on=meeting.date)
        figures.count(metric="brlc.members_by_country", key=member.country, on=meeting.date)
        _refresh_active_members()
    return application


def decline(*, actor, record: Application, data: dict[str, Any]) -> Application:
    meeting = _deciding_meeting(data.get("meeting"))
    with transaction.atomic():
        casework.perform(
            case=record.case,
            name="decline",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
        Application.objects.filter(pk=record.pk).update(meeting=meeting)
    return record


# --- meetings, resolutions ------------------------------------------------------------


def create_meeting(*, actor, data: dict[str, Any]) -> Meeting:
    _require(actor, "brlc.manage")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            **{key: data[key] for key in ("kind", "title", "date", "place", "agenda")}
        )
        audit.record(
            actor=actor,
            action="brlc.create_meeting",
            obj=meeting,
            after={key: data[key] for key in ("kind", "title", "date", "place")},
        )
    return meeting


def invite(*, actor, record: Meeting, data: dict[str, Any]) -> Meeting:
    """Invites members to the meeting: each is listed and its contacts are mailed."""
    _require(actor, "brlc.manage")
    if record.status != "planned":
        raise ValidationError({"members": [_("Only a planned meeting takes invitations.")]})
    members = list(Member.objects.filter(pk__in=data["members"], status="active"))
    if len(members) != len(set(data["members"])):
        raise ValidationError({"members": [_("Only active members can be invited.")]})
    with transaction.atomic():
        for member in members:
            Participation.objects.get_or_create(meeting=record, member=member)
        notice = _create_notice(
            actor=actor,
            subject=_both(gettext_noop("Invitation: %(meeting)s"), meeting=record.title),
            body=data["message"],
            members=members,
            meeting=record,
        )
        audit.record(
            actor=actor,
            action="brlc.invite",
            obj=record,
            after={"members": [m.name_en for m in members], "notice": notice.pk},
        )
    _deliver(notice)
    return record


def record_meeting(*, actor, record: Meeting, data: dict[str, Any]) -> Meeting:
    """The meeting took place: who attended, and its minutes."""
    _require(actor, "brlc.manage")
    errors: dict[str, list[str]] = {}
    if record.status != "planned":
        errors["minutes"] = [_("This meeting is not planned any more.")]
    elif record.date > _today():
        errors["minutes"] = [
            _("This meeting has not taken place yet (it is on %(date)s).") % {"date": record.date}
        ]
    if not (data.get("minutes") or "").strip():
        errors.setdefault("minutes", []).append(_("The minutes are required."))
    if errors:
        raise ValidationError(errors)
    attended = set(data.get("attended") or [])
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=record.pk)
        for member in Member.objects.filter(pk__in=attended):
            Participation.objects.get_or_create(meeting=meeting, member=member)
        meeting.participations.update(attended=False)
        meeting.participations.filter(member_id__in=attended).update(attended=True)
        meeting.status, meeting.minutes = "held", data["minutes"]
        meeting.save()
        audit.record(
            actor=actor,
            action="brlc.record_meeting",
            obj=meeting,
            after={"status": "held", "attended": len(attended)},
        )
        from apps.reporting import figures

        figures.count(metric="brlc.meetings_held", on=meeting.date)
    return meeting


def cancel_meeting(*, actor, record: Meeting, data: dict[str, Any]) -> Meeting:
    _require(actor, "brlc.manage")
    if record.status != "planned":
        raise ValidationError({"reason": [_("This meeting is not planned any more.")]})
    with transaction.atomic():
        Meeting.objects.filter(pk=record.pk).update(status="cancelled")
        audit.record(
            actor=actor,
            action="brlc.cancel_meeting",
            obj=record,
            after={"status": "cancelled", "reason": data["reason"]},
        )
    return record


def _adoption_errors(
    meeting: Meeting, adoption: dict[str, Any], field: str = "meeting"
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not meeting.has_happened:
        errors[field] = [
            _("The meeting “%(meeting)s” has not taken place yet: it cannot have adopted a resolution.")
            % {"meeting": meeting}
        ]
    if adoption.get("method") == "vote":
        votes_for, against = adoption.get("votes_for"), adoption.get("votes_against")
        if votes_for is None or against is None:
            errors["votes_for"] = [_("A vote needs the votes for and against.")]
        elif votes_for <= against:
            errors["votes_for"] = [_("A resolution adopted by vote has more votes for than against.")]
    return errors


def _resolution_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key in ("number", "title_zh", "title_en", "text_zh", "text_en")}


def create_resolution(*, actor, data: dict[str, Any], meeting: Meeting | None = None) -> Resolution:
    """A resolution of a meeting: a draft, or (with ``adoption``) adopted by that meeting."""
    _require(actor, "brlc.manage")
    meeting = Meeting.objects.filter(pk=meeting.pk if meeting is not None else data.get("meeting")).first()
    if meeting is None:
        raise ValidationError({"meeting": [_("No such meeting.")]})
    errors: dict[str, list[str]] = {}
    if meeting.status == "cancelled":
        errors["meeting"] = [_("This meeting was cancelled.")]
    if Resolution.objects.filter(number=data["number"]).exists():
        errors["number"] = [_("A resolution with this number exists already.")]
    adoption = data.get("adoption")
    if adoption:
        errors.update(_adoption_errors(meeting, adoption))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        resolution = Resolution.objects.create(meeting=meeting, **_resolution_fields(data))
        audit.record(
            actor=actor, action="brlc.create_resolution", obj=resolution, after=_resolution_fields(data)
        )
        if adoption:
            _adopt(actor, resolution, adoption)
    return resolution


def _adopt(actor, resolution: Resolution, adoption: dict[str, Any]) -> None:
    resolution.status, resolution.method = "adopted", adoption["method"]
    votes = ("votes_for", "votes_against", "abstentions")
    for key in votes:
        setattr(resolution, key, adoption.get(key) if adoption["method"] == "vote" else None)
    resolution.decided_on = resolution.meeting.date
    resolution.save()
    audit.record(
        actor=actor,
        action="brlc.adopt_resolution",
        obj=resolution,
        after={"method": resolution.method, **{key: getattr(resolution, key) for key in votes}},
    )
    from apps.reporting import figures

    figures.count(metric="brlc.resolutions_adopted", on=resolution.decided_on)


def adopt(*, actor, record: Resolution, data: dict[str, Any]) -> Resolution:
    _require(actor, "brlc.manage")
    if record.status != "draft":
        raise ValidationError({"method": [_("Only a draft resolution can be adopted.")]})
    errors = _adoption_errors(record.meeting, data, field="method")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _adopt(
            actor, Resolution.objects.select_for_update().select_related("meeting").get(pk=record.pk), data
        )
    return record


def reject_resolution(*, actor, record: Resolution, data: dict[str, Any]) -> Resolution:
    _require(actor, "brlc.manage")
    if record.status != "draft":
        raise ValidationError({"votes_for": [_("Only a draft resolution can be voted down.")]})
    if not record.meeting.has_happened:
        raise ValidationError({"votes_for": [_("The meeting has not taken place yet.")]})
    with transaction.atomic():
        Resolution.objects.filter(pk=record.pk).update(
            status="rejected",
            method="vote",
            decided_on=record.meeting.date,
            **{key: data.get(key) for key in ("votes_for", "votes_against", "abstentions")},
        )
        audit.record(actor=actor, action="brlc.reject_resolution", obj=record, after={"status": "rejected"})
    return record


def add_follow_up(*, actor, record: Resolution, data: dict[str, Any]) -> Resolution:
    _require(actor, "brlc.manage")
    if record.status != "adopted":
        raise ValidationError({"note": [_("Only an adopted resolution is followed up.")]})
    if data["reported_on"] < record.meeting.date:
        raise ValidationError({"reported_on": [_("This is before the meeting that adopted the resolution.")]})
    with transaction.atomic():
        FollowUp.objects.create(
            resolution=record,
            reported_by=actor,
            **{key: data[key] for key in ("reported_on", "status", "note")},
        )
        audit.record(
            actor=actor,
            action="brlc.follow_up",
            obj=record,
            after={key: data[key] for key in ("reported_on", "status", "note")},
        )
    return record


# --- projects -------------------------------------------------------------------------


def create_project(*, actor, data: dict[str, Any]) -> Project:
    _require(actor, "brlc.manage")
    errors: dict[str, list[str]] = {}
    if data["ends_on"] < data["starts_on"]:
        errors["ends_on"] = [_("The end is before the start.")]
    members = {
        m.pk: m for m in Member.objects.filter(status="active", pk__in=[data["lead"], *data["partners"]])
    }
    if data["lead"] not in members:
        errors["lead"] = [_("Only an active member can lead a project.")]
    partners = [members[pk] for pk in data["partners"] if pk in members and pk != data["lead"]]
    if not partners:
        errors["partners"] = [_("A cooperation project has at least one partner besides its lead.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        project = Project.objects.create(
            lead=members[data["lead"]],
            **{key: data[key] for key in ("title_zh", "title_en", "summary", "starts_on", "ends_on")},
        )
        project.partners.set(partners)
        audit.record(
            actor=actor,
            action="brlc.create_project",
            obj=project,
            after={
                "title": project.title_zh,
                "lead": project.lead.name_en,
                "partners": [p.name_en for p in partners],
            },
        )
        from apps.reporting import figures

        figures.count(metric="brlc.projects", on=project.starts_on)
    return project


def _open_project(project: Project, field: str) -> None:
    if project.status in ("completed", "cancelled"):
        raise ValidationError({field: [_("This project is closed.")]})


def add_milestone(*, actor, record: Project, data: dict[str, Any]) -> Project:
    _require(actor, "brlc.manage")
    _open_project(record, "title")
    with transaction.atomic():
        Milestone.objects.create(project=record, title=data["title"], due_on=data["due_on"])
        audit.record(
            actor=actor,
            action="brlc.add_milestone",
            obj=record,
            after={"milestone": data["title"], "due_on": data["due_on"]},
        )
    return record


def reach_milestone(*, actor, record: Project, data: dict[str, Any]) -> Project:
    _require(actor, "brlc.manage")
    milestone = record.milestones.filter(pk=data["milestone"], done_on__isnull=True).first()
    if milestone is None:
        raise ValidationError({"milestone": [_("Not an open milestone of this project.")]})
    if data["done_on"] > _today():
        raise ValidationError({"done_on": [_("This date is in the future.")]})
    with transaction.atomic():
        Milestone.objects.filter(pk=milestone.pk).update(done_on=data["done_on"])
        audit.record(
            actor=actor,
            action="brlc.reach_milestone",
            obj=record,
            after={"milestone": milestone.title, "done_on": data["done_on"]},
        )
    return record


def report_status(*, actor, record: Project, data: dict[str, Any]) -> Project:
    _require(actor, "brlc.manage")
    _open_project(record, "text")
    if data["reported_on"] > _today():
        raise ValidationError({"reported_on": [_("This date is in the future.")]})
    with transaction.atomic():
        StatusReport.objects.create(
            project=record,
            reported_by=actor,
            **{key: data[key] for key in ("reported_on", "progress", "text")},
        )
        if record.status == "planned":
            Project.objects.filter(pk=record.pk).update(status="ongoing")
        audit.record(
            actor=actor,
            action="brlc.report_status",
            obj=record,
            after={"reported_on": data["reported_on"], "progress": data["progress"]},
        )
    return record


def close_project(*, actor, record: Project, data: dict[str, Any]) -> Project:
    _require(actor, "brlc.manage")
    _open_project(record, "status")
    if not (data.get("outcome") or "").strip():
        raise ValidationError({"outcome": [_("Describe the outcome.")]})
    with transaction.atomic():
        Project.objects.filter(pk=record.pk).update(status=data["status"], outcome=data["outcome"])
        audit.record(
            actor=actor,
            action="brlc.close_project",
            obj=record,
            before={"status": record.status},
            after={"status": data["status"]},
        )
    return record


# --- notices --------------------------------------------------------------------------


def _create_notice(
    *, actor, subject: str, body: str, members: list[Member], meeting: Meeting | None = None
) -> Notice:
    notice = Notice.objects.create(subject=subject, body=body, meeting=meeting, sent_by=actor)
    rows = []
    for member in members:
        contacts = list(member.contacts.all())
        with_address = [c for c in contacts if c.email]
        if not with_address:
            rows.append(
                Delivery(
                    notice=notice,
                    member=member,
                    status="no_address",
                    contact_name=contacts[0].name if contacts else "",
                )
            )
        for contact in with_address:
            rows.append(
                Delivery(
                    notice=notice,
                    member=member,
                    contact_name=contact.name,
                    email=contact.email,
                    status="pending",
                )
            )
    Delivery.objects.bulk_create(rows)
    return notice


def _deliver(notice: Notice) -> None:
    """Mails the notice through the job queue, enqueued in the caller's transaction: a
    rolled-back notice mails nothing, a committed one is never lost (the worker sends it
    and records what happened to each e-mail)."""
    from apps.brlc.tasks import deliver_notice
    from apps.jobs import defer_for_city

    defer_for_city(deliver_notice, connection.schema_name, notice=notice.pk)


def deliver_pending(notice_id: int) -> None:
    """Sends the notice's pending e-mails and records each outcome (the job's body)."""
    notice = Notice.objects.filter(pk=notice_id).first()
    if notice is None:
        return
    try:
        mail = get_connection()
    except Exception as error:
        Delivery.objects.filter(notice=notice, status="pending").update(
            status="failed", detail=str(error)[:300]
        )
        return
    for delivery in Delivery.objects.filter(notice=notice, status="pending"):
        try:
            message = EmailMessage(notice.subject, notice.body, settings.DEFAULT_FROM_EMAIL, [delivery.email])
            message.connection = mail
            message.send()
        except Exception as error:
            logger.warning("brlc: notice %s to %s failed: %s", notice.pk, delivery.email, error)
            Delivery.objects.filter(pk=delivery.pk).update(status="failed", detail=str(error)[:300])
        else:
            Delivery.objects.filter(pk=delivery.pk).update(
                status="sent", detail="", delivered_at=timezone.now()
            )


def send_notice(*, actor, data: dict[str, Any]) -> Notice:
    _require(actor, "brlc.manage")
    members = list(
        Member.objects.filter(pk__in=data["members"], status="active").prefetch_related("contacts")
    )
    if not members or len(members) != len(set(data["members"])):
        raise ValidationError({"members": [_("Only active members can be sent notices.")]})
    with transaction.atomic():
        notice = _create_notice(actor=actor, subject=data["subject"], body=data["body"], members=members)
        audit.record(
            actor=actor,
            action="brlc.send_notice",
            obj=notice,
            after={"subject": notice.subject, "members": len(members)},
        )
        _deliver(notice)
    return notice
