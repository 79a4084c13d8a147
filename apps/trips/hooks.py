"""What happens to a delegation when its case moves (called by the casework engine inside
its transaction), and what the provincial FAO sees of an escalated one."""

from __future__ import annotations

from django.utils import timezone

from apps.registry import countries
from apps.trips import limits
from apps.trips.models import Delegation
from apps.trips.statistics import APPROVED_STATES as COUNTED_STATES


def after_transition(*, case, transition, from_state, actor) -> None:
    delegation = Delegation.objects.get(case=case)
    if case.state == "approved" and from_state in ("in_review", "escalated"):
        _start_public_notice(delegation)
    # One definition of "counts" for the city's half-year report and the province's
    # figures: a delegation counts while its case is in COUNTED_STATES (a trip on hold after
    # an objection does not; released, it counts again).
    was, now = from_state in COUNTED_STATES, case.state in COUNTED_STATES
    if now and not was:
        count_delegation(delegation, sign=1)
    elif was and not now:
        count_delegation(delegation, sign=-1)
    if case.state == "issued":
        _set_report_due(delegation)


def _start_public_notice(delegation: Delegation) -> None:
    from apps.workdays.calendar import add_working_days

    today = timezone.localdate()
    days = limits.effective_limits().get("notice_working_days") or 5
    delegation.notice_from = today
    delegation.notice_until = add_working_days(today, days)
    delegation.save(update_fields=["notice_from", "notice_until"])


def _set_report_due(delegation: Delegation) -> None:
    from apps.workdays.calendar import add_working_days

    days = limits.effective_limits().get("report_due_working_days") or 22
    delegation.report_due = add_working_days(delegation.return_date, days)
    delegation.save(update_fields=["report_due"])


def count_delegation(delegation: Delegation, *, sign: int = 1) -> None:
    """Adds (or, with ``sign=-1``, takes back) the delegation in the province's figures."""
    from apps.reporting.figures import count

    on = delegation.departure
    members = delegation.members.count()
    count(metric="trips.delegations", on=on, by=sign)
    count(metric="trips.people", on=on, by=sign * members)
    count(metric="trips.days", on=on, by=sign * delegation.days * members)
    count(metric="trips.by_unit_kind", key=delegation.unit_kind or "other", on=on, by=sign)
    count(metric="trips.by_kind", key=delegation.kind, on=on, by=sign)
    for code in limits.counted_countries(delegation.destinations.all()):
        count(metric="trips.by_destination", key=code, on=on, by=sign)


def escalation_summary(case) -> dict:
    """The whole application, personal details included: the province decides on it."""
    from apps.casework.summary import Field, FileRef, Summary, Table, both
    from apps.registry.ranks import RANK_LABELS
    from apps.registry.units import unit_names as unit

    delegation = Delegation.objects.get(case=case)
    kind = {
        "abroad": {"zh": "因公出国", "en": "Abroad"},
        "hkmo": {"zh": "因公赴港澳", "en": "Hong Kong / Macao"},
    }
    gender = {"F": {"zh": "女", "en": "Female"}, "M": {"zh": "男", "en": "Male"}}

    country = countries.both

    fields = [
        Field({"zh": "团组类别", "en": "Kind"}, both(kind.get(delegation.kind), delegation.kind)),
        Field({"zh": "团组名称", "en": "Title"}, delegation.title),
        Field({"zh": "组团单位", "en": "Submitting unit"}, unit(delegation.unit_code)),
        Field({"zh": "出访任务", "en": "Purpose"}, delegation.purpose),
        Field({"zh": "邀请单位", "en": "Inviting organisation"}, delegation.inviter_name),
        Field(
            {"zh": "邀请方国家（地区）", "en": "Inviter's country/region"},
            country(delegation.inviter_country),
        ),
        Field({"zh": "经费来源", "en": "Funding source"}, delegation.funding_source),
        Field({"zh": "预算（元）", "en": "Budget (yuan)"}, str(delegation.budget)),
        Field({"zh": "出发日期", "en": "Departure"}, delegation.departure.isoformat()),
        Field({"zh": "返回日期", "en": "Return"}, delegation.return_date.isoformat()),
    ]
    tables = [
        Table(
            {"zh": "行程", "en": "Itinerary"},
            [
                {"zh": "国家（地区）", "en": "Country/region"},
                {"zh": "抵达", "en": "Arrive"},
                {"zh": "离开", "en": "Leave"},
            ],
            [
                [country(d.country), d.arrive.isoformat(), d.leave.isoformat()]
                for d in delegation.destinations.all()
            ],
        ),
        Table(
            {"zh": "团组成员", "en": "Members"},
            [
                {"zh": "姓名", "en": "Name"},
                {"zh": "性别", "en": "Sex"},
                {"zh": "出生日期", "en": "Born"},
                {"zh": "工作单位", "en": "Employer"},
                {"zh": "职务", "en": "Position"},
                {"zh": "职级", "en": "Rank"},
            ],
            [
                [
                    m.name,
                    both(gender.get(m.gender), m.gender),
                    m.birth_date.isoformat(),
                    m.unit,
                    m.position,
                    both(RANK_LABELS.get(m.rank), m.rank),
                ]
                for m in delegation.members.all()
            ],
        ),
    ]
    documents = []
    if delegation.invitation_attachment_id:
        names = {"zh": "邀请函", "en": "Invitation letter"}
        documents.append(FileRef(names, "attachment", delegation.invitation_attachment_id))
    return Summary(fields=fields, tables=tables, documents=documents).as_json()
