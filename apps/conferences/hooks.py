"""What happens to a conference when its case moves (called by the casework engine in its
transaction), and what the provincial FAO sees of an escalated one."""

from __future__ import annotations

from apps.conferences.models import FUNDING, KINDS, SCALES, Conference


def after_transition(*, case, transition, from_state, actor) -> None:
    if case.state == "approved" and from_state in ("in_review", "escalated"):
        count_approved(Conference.for_case(case))
    if case.state == "issued":
        _set_report_due(Conference.for_case(case))


def _set_report_due(conference: Conference) -> None:
    from apps.conferences.rules import settings
    from apps.workdays.calendar import add_working_days

    days = settings().get("report_due_working_days") or 10
    conference.report_due = add_working_days(conference.end, days)
    conference.save(update_fields=["report_due"])


def count_approved(conference: Conference) -> None:
    """Keeps the province's figures current (``ConferencesModule.figures``), by the month
    the conference starts."""
    from apps.reporting import figures

    on = conference.start
    figures.count(metric="conferences.conferences", on=on)
    figures.count(metric="conferences.foreign_participants", on=on, by=conference.foreign_participants)
    figures.count(metric="conferences.by_scale", key=conference.scale, on=on)
    figures.count(metric="conferences.by_kind", key=conference.kind, on=on)
    for row in conference.countries.all():
        figures.count(metric="conferences.by_country", key=row.country, on=on, by=row.participants)


def summary(conference: Conference) -> dict:
    """What the provincial FAO sees of an escalated conference (it decides on it)."""
    from apps.casework.summary import Field, Summary, Table
    from apps.conferences.rules import province_reasons
    from apps.registry import countries
    from apps.registry.ranks import RANK_LABELS, highest

    codes = [row.country for row in conference.countries.all()]
    heads = list(conference.heads.all())
    reasons = {
        "foreign_participants": {
            "zh": "境外参会人数达到报省标准",
            "en": "Foreign participants at the province's threshold",
        },
        "guest_rank": {"zh": "有部级及以上外方嘉宾", "en": "Ministerial-level guests"},
        "sensitive_countries": {
            "zh": "涉及须报省审批的国家（地区）",
            "en": "Countries the province approves",
        },
    }
    why = province_reasons(conference.foreign_participants, highest(h.rank for h in heads), codes)
    return Summary(
        fields=[
            Field(names={"zh": "名称", "en": "Name"}, value=f"{conference.title} / {conference.name_en}"),
            Field(names={"zh": "类别", "en": "Kind"}, value=KINDS.get(conference.kind, {})),
            Field(names={"zh": "主办单位", "en": "Organiser"}, value=conference.unit_name),
            Field(
                names={"zh": "负责人", "en": "Responsible person"},
                value=f"{conference.responsible_person} {conference.responsible_phone}",
            ),
            Field(
                names={"zh": "日期", "en": "Dates"},
                value=f"{conference.start:%Y-%m-%d} – {conference.end:%Y-%m-%d}",
            ),
            Field(names={"zh": "地点", "en": "Venue"}, value=conference.venue),
            Field(
                names={"zh": "规模", "en": "Scale"},
                value={
                    lang: f"{SCALES[conference.scale][lang]} · {conference.total_participants} / "
                    f"{conference.foreign_participants} · {conference.media} ({conference.foreign_media})"
                    for lang in ("zh", "en")
                },
            ),
            Field(
                names={"zh": "主办、承办及协办单位", "en": "Sponsors and co-organisers"},
                value=f"{conference.sponsors} {conference.co_organisers}".strip(),
            ),
            Field(
                names={"zh": "预算和经费来源", "en": "Budget and funding"},
                value={
                    lang: f"{conference.budget:,.2f} · {FUNDING[conference.funding][lang]}"
                    for lang in ("zh", "en")
                },
            ),
            Field(names={"zh": "安保方案", "en": "Security plan"}, value=conference.security_plan),
            Field(names={"zh": "卫生防疫方案", "en": "Health plan"}, value=conference.health_plan),
            Field(
                names={"zh": "报省原因", "en": "Why the province decides"},
                value={lang: "；".join(reasons[r][lang] for r in why) for lang in ("zh", "en")},
            ),
        ],
        tables=[
            Table(
                names={"zh": "境外参会人员（按国家和地区）", "en": "Foreign participants by country"},
                columns=[
                    {"zh": "国家（地区）", "en": "Country or region"},
                    {"zh": "人数", "en": "Participants"},
                ],
                rows=[
                    [countries.both(row.country), str(row.participants)] for row in conference.countries.all()
                ],
            ),
            Table(
                names={"zh": "外方团长", "en": "Heads of delegation"},
                columns=[
                    {"zh": "姓名", "en": "Name"},
                    {"zh": "国家（地区）", "en": "Country or region"},
                    {"zh": "职务", "en": "Title"},
                    {"zh": "级别", "en": "Rank"},
                ],
                rows=[
                    [h.name, countries.both(h.country), h.title, RANK_LABELS.get(h.rank, {})] for h in heads
                ],
            ),
        ],
    ).as_json()
