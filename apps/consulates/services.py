"""Writes of the consulates module: one transaction and one audit row per change; postings'
people, liaison entries and national days are linked in the kernel's register of partners."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.accounts.roles import permissions_for_role
from apps.audit import services as audit
from apps.consulates.models import LiaisonEntry, NationalDay, Posting
from apps.partners import services as partners
from apps.partners.models import Partner

MODULE = "consulates"
BODY_KINDS = ("consulate", "organisation")


def _require(actor, permission: str = "consulates.manage") -> None:
    if permission not in permissions_for_role(actor.role, connection.tenant.profile):
        raise PermissionDenied(_("You may not do this."))


def _body(partner_id, kinds=BODY_KINDS) -> Partner:
    partner = Partner.objects.filter(pk=partner_id, kind__in=kinds).first()
    if partner is None:
        raise ValidationError(
            {"partner": [_("Choose a consulate, mission or foreign organisation of the register.")]}
        )
    return partner


def _url(name: str) -> str:
    return reverse(name, urlconf="waiban.urls_city")


def overlapping(partner: Partner, post: str, start: datetime.date, end: datetime.date | None):
    """Postings at the same post of the same consulate whose term meets [start, end]."""
    rows = Posting.objects.filter(partner=partner, post=post)
    rows = rows.filter(Q(term_end__isnull=True) | Q(term_end__gte=start))
    if end is not None:
        rows = rows.filter(term_start__lte=end)
    return rows


@transaction.atomic
def add_posting(*, actor, data: dict[str, Any]) -> Posting:
    """Someone posted at a consulate for a term; a term overlapping another's at the same
    post is refused (``term_start``), and nothing is written."""
    _require(actor)
    partner = _body(data.get("partner"), kinds=("consulate",))
    start, end = data["term_start"], data.get("term_end")
    if end and end < start:
        raise ValidationError({"term_end": [_("The end cannot be before the start.")]})
    clash = overlapping(partner, data["post"], start, end).select_related("person").first()
    if clash is not None:
        raise ValidationError(
            {
                "term_start": [
                    _("This term overlaps %(person)s's (%(start)s – %(end)s) at the same post.")
                    % {
                        "person": clash.person,
                        "start": clash.term_start.isoformat(),
                        "end": clash.term_end.isoformat() if clash.term_end else "…",
                    }
                ]
            }
        )
    person = partners.add_person(
        actor=actor,
        partner=partner,
        name_latin=data["name_latin"],
        name_zh=data.get("name_zh", ""),
        title=str(_posts_label(data["post"])),
        since=start,
        until=end,
    )
    posting = Posting.objects.create(
        partner=partner, person=person, post=data["post"], term_start=start, term_end=end
    )
    audit.record(
        actor=actor,
        action="consulates.add_posting",
        obj=posting,
        after={
            "partner": partner.pk,
            "person": person.pk,
            "post": posting.post,
            "term_start": start,
            "term_end": end,
        },
    )
    return posting


def _posts_label(post: str) -> str:
    from apps.consulates.models import POSTS

    return POSTS.get(post, {}).get("zh", post)


@transaction.atomic
def add_liaison(*, actor, data: dict[str, Any]) -> LiaisonEntry:
    _require(actor)
    partner = _body(data.get("partner"))
    deadline = data.get("deadline")
    if deadline and deadline < data["date"]:
        raise ValidationError({"deadline": [_("The deadline cannot be before the date.")]})
    entry = LiaisonEntry.objects.create(
        partner=partner,
        kind=data["kind"],
        date=data["date"],
        subject=data["subject"],
        reference=data.get("reference", ""),
        notes=data.get("notes", ""),
        deadline=deadline,
        search_text=f"{data['subject']} {data.get('reference', '')}".lower(),
    )
    partners.link(
        actor=actor,
        partner=partner,
        module=MODULE,
        record_ref=entry.record_ref,
        kind="contact" if entry.kind == "meeting" else "correspondence",
        title=f"{entry.kind_label}：{entry.subject}",
        date=entry.date,
        url=_url("consulates:liaison") + f"?entry={entry.pk}",
        follow_up_open=entry.awaiting_answer,
        due=deadline,
    )
    audit.record(
        actor=actor,
        action="consulates.add_liaison",
        obj=entry,
        after={"partner": partner.pk, "kind": entry.kind, "subject": entry.subject, "deadline": deadline},
    )
    from apps.reporting import figures

    figures.count(metric="consulates.liaison", key=entry.kind, on=entry.date)
    return entry


@transaction.atomic
def answer(*, actor, entry: LiaisonEntry, data: dict[str, Any]) -> LiaisonEntry:
    """The office's answer to a note verbale or request: when, and its reference."""
    _require(actor)
    entry = LiaisonEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.deadline is None:
        raise ValidationError({"answered_on": [_("This entry awaits no answer.")]})
    if entry.answered_on is not None:
        raise ValidationError({"answered_on": [_("This entry has been answered already.")]})
    answered_on = data["answered_on"]
    if answered_on < entry.date:
        raise ValidationError({"answered_on": [_("The answer cannot be before the entry's date.")]})
    if answered_on > datetime.date.today():
        raise ValidationError({"answered_on": [_("This date is in the future.")]})
    entry.answered_on, entry.answer_reference = answered_on, data.get("answer_reference", "")
    entry.save(update_fields=["answered_on", "answer_reference"])
    partners.update_link(
        actor=actor,
        partner=entry.partner_id,
        module=MODULE,
        record_ref=entry.record_ref,
        follow_up_open=False,
    )
    audit.record(
        actor=actor,
        action="consulates.answer",
        obj=entry,
        after={
            "answered_on": answered_on,
            "answer_reference": entry.answer_reference,
            "in_time": answered_on <= entry.deadline,
        },
    )
    return entry


@transaction.atomic
def add_national_day(*, actor, data: dict[str, Any]) -> NationalDay:
    _require(actor)
    partner = _body(data.get("partner"), kinds=("consulate",))
    received = data.get("invitation_received_on")
    if received and received > data["date"]:
        raise ValidationError(
            {"invitation_received_on": [_("The invitation cannot come after the reception.")]}
        )
    day = NationalDay.objects.create(
        partner=partner,
        date=data["date"],
        title=data["title"],
        invitation_received_on=received,
        notes=data.get("notes", ""),
    )
    partners.link(
        actor=actor,
        partner=partner,
        module=MODULE,
        record_ref=day.record_ref,
        kind="event",
        title=day.title,
        date=day.date,
        url=_url("consulates:national_days"),
        follow_up_open=True,
        due=day.date,
    )
    audit.record(
        actor=actor,
        action="consulates.add_national_day",
        obj=day,
        after={"partner": partner.pk, "date": day.date},
    )
    return day


@transaction.atomic
def answer_national_day(*, actor, day: NationalDay, data: dict[str, Any]) -> NationalDay:
    _require(actor)
    day = NationalDay.objects.select_for_update().get(pk=day.pk)
    response, attended_by = data["response"], (data.get("attended_by") or "").strip()
    if response == "attending" and not attended_by:
        raise ValidationError({"attended_by": [_("Say who attends.")]})
    before = {"response": day.response, "attended_by": day.attended_by}
    day.response, day.attended_by = response, attended_by
    day.save(update_fields=["response", "attended_by"])
    partners.update_link(
        actor=actor,
        partner=day.partner_id,
        module=MODULE,
        record_ref=day.record_ref,
        follow_up_open=response == "pending",
    )
    audit.record(
        actor=actor,
        action="consulates.answer_national_day",
        obj=day,
        before=before,
        after={"response": response, "attended_by": attended_by},
    )
    return day
