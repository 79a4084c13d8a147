"""What happens to an official exchange when its case moves, and what the province sees."""

from __future__ import annotations

from apps.hk_macao.models import DIRECTIONS, KINDS, REGIONS, Exchange


def after_transition(*, case, transition, from_state, actor) -> None:
    if case.state == "approved" and from_state in ("in_review", "escalated"):
        from apps.reporting import figures

        exchange = Exchange.for_case(case)
        figures.count(metric="hk_macao.official", key=exchange.kind, on=exchange.start)


def summary(exchange: Exchange) -> dict:
    from apps.casework.summary import Field, Summary, both

    return Summary(
        fields=[
            Field(
                {"zh": "港澳机构", "en": "Counterpart"},
                f"{exchange.partner.name_zh} {exchange.partner.name_en}",
            ),
            Field({"zh": "地区", "en": "Region"}, both(REGIONS.get(exchange.region), exchange.region)),
            Field(
                {"zh": "交流方向", "en": "Direction"},
                both(DIRECTIONS.get(exchange.direction), exchange.direction),
            ),
            Field({"zh": "交流类别", "en": "Kind"}, both(KINDS.get(exchange.kind), exchange.kind)),
            Field({"zh": "事由", "en": "Purpose"}, exchange.purpose),
            Field({"zh": "参加人员", "en": "Participants"}, exchange.participants),
            Field({"zh": "日期", "en": "Dates"}, f"{exchange.start:%Y-%m-%d} – {exchange.end:%Y-%m-%d}"),
        ]
    ).as_json()
