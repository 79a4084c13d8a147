"""What happens to a relationship when its case moves (called by the casework engine in its
transaction), and what the provincial FAO sees of it."""

from __future__ import annotations

from django.utils import timezone

from apps.sister_cities.models import LEVELS, Relationship


def after_transition(*, case, transition, from_state, actor) -> None:
    if case.state == "approved" and from_state in ("in_review", "escalated"):
        from apps.reporting import figures

        relationship = Relationship.for_case(case)
        figures.count(metric="sister_cities.proposals", key=relationship.level, on=timezone.localdate())


def summary(relationship: Relationship) -> dict:
    """What the provincial FAO sees of an escalated proposal (it decides on it), with the
    draft agreement and other papers attached to it."""
    from apps.casework.summary import Field, FileRef, Summary, both
    from apps.registry import countries
    from apps.sister_cities.selectors import attachments_of

    partner = relationship.partner
    from apps.registry.units import unit_names

    proposer = (
        unit_names(relationship.unit_code) if relationship.unit_code else {"zh": "本市", "en": "The city"}
    )
    country = countries.both(partner.country) if partner.country else ""
    level = both(LEVELS.get(relationship.level), relationship.level)
    fields = [
        Field({"zh": "外方城市", "en": "Partner city"}, f"{partner.name_zh} {partner.name_en}"),
        Field({"zh": "国家（地区）", "en": "Country or region"}, country),
        Field({"zh": "友好关系类别", "en": "Kind of relationship"}, level),
        Field({"zh": "提出单位", "en": "Proposed by"}, proposer),
        Field({"zh": "背景", "en": "Background"}, relationship.background),
        Field({"zh": "已有交流", "en": "Exchanges so far"}, relationship.exchanges_so_far),
    ]  # fmt: skip
    if relationship.proposed_term_years:
        fields.append(
            Field(
                {"zh": "拟定期限（年）", "en": "Proposed term (years)"}, str(relationship.proposed_term_years)
            )
        )
    documents = [
        FileRef({"zh": f"附件：{a.filename}", "en": f"Attachment: {a.filename}"}, "attachment", a.pk)
        for a in attachments_of(relationship)
    ]
    return Summary(fields=fields, documents=documents).as_json()
