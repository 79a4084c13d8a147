"""Writes of the media module. Every state change goes through the casework engine; every
write is one transaction with its audit row. Outlets and journalists live in the kernel's
register of partners (``apps.partners``): an outlet is a partner of kind "media", a
journalist is one of its people; the interview is linked to its outlet there."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.roles import permissions_for_role
from apps.audit import services as audit
from apps.casework import services as casework
from apps.foreign_media.models import Article, InterviewRequest, Journalist
from apps.foreign_media.workflow import EDITABLE_STATES
from apps.partners import services as partners
from apps.partners.models import Partner
from apps.registry.units import unit_kind

WORKFLOW_ID = "foreign_media.interview"
FIELDS = ["title", "unit_code", "topic", "interviewees", "kind", "start", "end", "questions"]
JOURNALIST_FIELDS = [
    "name_latin",
    "name_zh",
    "nationality",
    "press_card_kind",
    "press_card_number",
    "accredited_until",
]


def _require(actor, permission: str) -> None:
    if permission not in permissions_for_role(actor.role, connection.tenant.profile):
        raise PermissionDenied(_("You may not do this."))


def _outlet(outlet_id) -> Partner:
    """The outlet a journalist works for: required, and a partner of kind "media"."""
    if not outlet_id:
        raise ValidationError(
            {
                "outlet": [
                    _("A journalist works for a media outlet: choose the outlet (add it first if it is new).")
                ]
            }
        )
    outlet = Partner.objects.filter(pk=outlet_id).first()
    if outlet is None or outlet.kind != "media":
        raise ValidationError({"outlet": [_("Not a media outlet of the register.")]})
    return outlet


# --- outlets and the register of journalists -------------------------------------------


def add_outlet(*, actor, data: dict[str, Any]) -> Partner:
    """A new media outlet in the register of partners (kind "media")."""
    _require(actor, "foreign_media.register")
    return partners.create_partner(
        actor=actor,
        kind="media",
        name_zh=data["name_zh"],
        name_en=data["name_en"],
        country=data.get("country") or "",
        place=data.get("place") or "",
        website=data.get("website") or "",
    )


def _check_journalist(data: dict[str, Any], outlet: Partner, existing: Journalist | None) -> None:
    errors: dict[str, list[str]] = {}
    until = data.get("accredited_until")
    if until and until < timezone.localdate() and data.get("press_card_kind") == "resident":
        errors["accredited_until"] = [_("This resident press card has expired.")]
    if existing is not None and existing.outlet_id != outlet.pk:
        errors["press_card_number"] = [
            _("This press card is registered for %(outlet)s.") % {"outlet": existing.outlet.display_name}
        ]
    if errors:
        raise ValidationError(errors)


def register_journalist(*, actor, data: dict[str, Any]) -> Journalist:
    """Adds a journalist to the register (by press card), as one of the outlet's people in
    the register of partners; a press card already there is refreshed, not repeated."""
    _require(actor, "foreign_media.register")
    return _journalist(actor=actor, data=data)


def _journalist(*, actor, data: dict[str, Any]) -> Journalist:
    outlet = _outlet(data.get("outlet"))
    number = data["press_card_number"].strip().upper()
    existing = Journalist.objects.select_related("outlet").filter(press_card_number=number).first()
    _check_journalist(data, outlet, existing)
    values = {field: data.get(field) for field in JOURNALIST_FIELDS}
    values["press_card_number"], values["name_zh"] = number, values.get("name_zh") or ""
    with transaction.atomic():
        if existing is None:
            person = partners.add_person(
                actor=actor,
                partner=outlet,
                name_latin=values["name_latin"],
                name_zh=values["name_zh"],
                title=_("Journalist"),
                since=timezone.localdate(),
            )
            journalist = Journalist.objects.create(outlet=outlet, person=person, **values)
            audit.record(
                actor=actor,
                action="foreign_media.journalist",
                obj=journalist,
                after={"outlet": outlet.pk, "name": journalist.name_latin, "press_card": number},
            )
        else:
            journalist = existing
            before = {field: getattr(journalist, field) for field in JOURNALIST_FIELDS}
            for field, value in values.items():
                setattr(journalist, field, value)
            journalist.save()
            old, new = audit.changes(before, values)
            if new:
                audit.record(
                    actor=actor, action="foreign_media.journalist", obj=journalist, before=old, after=new
                )
        journalist.refresh_search_text()
    return journalist


# --- interview requests ----------------------------------------------------------------


def _prepare(actor, data: dict[str, Any]) -> tuple[dict[str, Any], Partner]:
    _require(actor, "foreign_media.manage")
    data = dict(data)
    outlet = _outlet(data.get("outlet"))
    known = {unit["code"] for unit in connection.tenant.profile.get("submitting_units") or []}
    errors: dict[str, list[str]] = {}
    if data.get("unit_code") not in known:
        errors["unit_code"] = [_("Unknown submitting unit.")]
    if data["end"] < data["start"]:
        errors["end"] = [_("The interview cannot end before it starts.")]
    if errors:
        raise ValidationError(errors)
    if not data.get("title"):
        data["title"] = f"{outlet.name_zh}：{data['topic']}"[:200]
    data["questions"] = data.get("questions") or ""
    return data, outlet


def _journalist_data(data: dict[str, Any]) -> dict[str, Any]:
    return {"outlet": data.get("outlet"), **{f: data.get(f"journalist_{f}") for f in JOURNALIST_FIELDS}}


def _request_journalist(actor, data: dict[str, Any]) -> Journalist:
    """The request's journalist, into the register; errors on the request's own fields."""
    try:
        return _journalist(actor=actor, data=_journalist_data(data))
    except ValidationError as error:
        raise ValidationError(
            {
                (key if key == "outlet" else f"journalist_{key}"): value
                for key, value in error.message_dict.items()
            }
        ) from error


def snapshot(interview: InterviewRequest) -> dict[str, Any]:
    j = interview.journalist
    return {
        **{field: getattr(interview, field) for field in FIELDS},
        "outlet": interview.outlet_id,
        **{f"journalist_{field}": getattr(j, field) for field in JOURNALIST_FIELDS},
    }


def _link_outlet(actor, interview: InterviewRequest) -> None:
    partners.relink(
        actor=actor,
        partner=interview.outlet_id,
        module="foreign_media",
        record_ref=interview.pk,
        kind="interview",
        title=interview.topic,
        date=interview.start,
        url=reverse("foreign_media:detail", args=[interview.pk]),
    )


def create_interview(*, actor, data: dict[str, Any]) -> InterviewRequest:
    data, outlet = _prepare(actor, data)
    with transaction.atomic():
        journalist = _request_journalist(actor, data)
        case = casework.open_case(
            actor=actor, workflow_id=WORKFLOW_ID, title=data["title"], unit_code=data["unit_code"]
        )
        interview = InterviewRequest.objects.create(
            case=case,
            unit_kind=unit_kind(data["unit_code"]),
            outlet=outlet,
            journalist=journalist,
            **{field: data[field] for field in FIELDS},
        )
        interview.refresh_search_text()
        _link_outlet(actor, interview)
        audit.record(actor=actor, action="foreign_media.create", obj=interview, after=snapshot(interview))
    return interview


def update_interview(*, actor, interview: InterviewRequest, data: dict[str, Any]) -> InterviewRequest:
    data, outlet = _prepare(actor, data)
    with transaction.atomic():
        locked = InterviewRequest.objects.select_for_update().select_related("case").get(pk=interview.pk)
        if locked.case.state not in EDITABLE_STATES:
            raise ValidationError(_("Only a draft or a returned application can be changed."))
        before = snapshot(locked)
        locked.journalist = _request_journalist(actor, data)
        locked.outlet = outlet
        for field in FIELDS:
            setattr(locked, field, data[field])
        locked.unit_kind = unit_kind(locked.unit_code)
        locked.save()
        locked.refresh_search_text()
        locked.case.title, locked.case.unit_code = locked.title, locked.unit_code
        locked.case.save(update_fields=["title", "unit_code", "updated_at"])
        _link_outlet(actor, locked)
        old, new = audit.changes(before, snapshot(locked))
        audit.record(actor=actor, action="foreign_media.update", obj=locked, before=old, after=new)
    return locked


def consent(*, actor, record: InterviewRequest, data: dict[str, Any]) -> InterviewRequest:
    """The interviewee's unit consents: the request goes to the office's chain."""
    with transaction.atomic():
        case = record.case
        j = record.journalist
        case.facts = {
            "countries": sorted({c for c in (record.outlet.country, j.nationality) if c}),
            "press_cards": [j.press_card_kind],
        }
        case.save(update_fields=["facts", "updated_at"])
        casework.perform(
            case=case,
            name="consent",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
    return record


def arrange(*, actor, record: InterviewRequest, data: dict[str, Any]) -> InterviewRequest:
    held_on = data["held_on"]
    if not (record.start <= held_on <= record.end):
        raise ValidationError({"held_on": [_("The interview date is outside the requested dates.")]})
    with transaction.atomic():
        values = {
            "escort": data["escort"],
            "interpreter": data.get("interpreter") or "",
            "place": data["place"],
            "held_on": held_on,
        }
        InterviewRequest.objects.filter(pk=record.pk).update(**values)
        audit.record(actor=actor, action="foreign_media.arrange", obj=record, after=values)
        casework.perform(
            case=record.case,
            name="arrange",
            actor=actor,
            comment=data.get("comment", ""),
            version=data.get("version"),
        )
    return record


def record_article(*, actor, record: InterviewRequest, data: dict[str, Any]) -> InterviewRequest:
    """What was published after the interview (link, date, tone)."""
    _require(actor, "foreign_media.manage")
    published = data["published_on"]
    errors: dict[str, list[str]] = {}
    if published > timezone.localdate():
        errors["published_on"] = [_("This date is in the future.")]
    elif record.held_on and published < record.held_on:
        errors["published_on"] = [_("Published before the interview took place.")]
    if record.articles.filter(url=data["url"]).exists():
        errors["url"] = [_("This article is already recorded.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        article = Article.objects.create(
            interview=record,
            title=data["title"],
            url=data["url"],
            published_on=published,
            tone=data["tone"],
            notes=data.get("notes") or "",
            recorded_by=actor,
        )
        audit.record(
            actor=actor,
            action="foreign_media.article",
            obj=record,
            after={
                "title": article.title,
                "url": article.url,
                "published_on": published,
                "tone": article.tone,
            },
        )
        from apps.reporting import figures

        figures.count(metric="foreign_media.articles", key=article.tone, on=published)
    return record
