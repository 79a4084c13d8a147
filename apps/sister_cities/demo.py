"""Demo sister cities for `make run`: proposals in every state of the workflow (one from a
district or county, through the city), escalated ones decided by the province, signed
relationships with exchanges and plans, one whose renewal is due, one with a round
anniversary ahead, one dormant, one ended. Made through the services as the demo users
(the clerk writes; reviewers, heads and directors approve). Idempotent."""

from __future__ import annotations

import datetime

from django.db import connection
from django.utils import timezone

from apps.accounts.models import User
from apps.casework import services as casework
from apps.partners import services as partners
from apps.partners.models import Partner
from apps.sister_cities import services
from apps.sister_cities.models import Relationship

CITIES = [
    # name in Chinese, name in the original script, country, place
    ("日本岐阜市", "Gifu", "JP", "Gifu"),
    ("美国波士顿市", "Boston", "US", "Boston, Massachusetts"),
    ("法国尼斯市", "Nice", "FR", "Nice"),
    ("新西兰奥克兰市", "Auckland", "NZ", "Auckland"),
    ("韩国大田广域市", "Daejeon", "KR", "Daejeon"),
    ("德国德累斯顿市", "Dresden", "DE", "Dresden"),
    ("意大利维罗纳市", "Verona", "IT", "Verona"),
    ("澳大利亚珀斯市", "Perth", "AU", "Perth, Western Australia"),
    ("捷克布尔诺市", "Brno", "CZ", "Brno"),
    ("西班牙萨拉戈萨市", "Zaragoza", "ES", "Zaragoza"),
    ("巴西库里蒂巴市", "Curitiba", "BR", "Curitiba"),
    ("埃及卢克索市", "Luxor", "EG", "Luxor"),
    ("匈牙利德布勒森市", "Debrecen", "HU", "Debrecen"),
]
PLAN = [
    # state, index of the partner city, proposed by a district (True) or the city
    ("draft", 0, False),
    ("in_review", 1, False),
    ("returned", 2, True),
    ("escalated", 3, False),
    ("rejected", 4, False),
    ("withdrawn", 5, False),
    ("approved", 6, True),
    ("nationally_approved", 7, False),
    ("signed_active", 8, False),
    ("signed_renewal_due", 9, False),
    ("signed_anniversary", 10, False),
    ("signed_dormant", 11, False),
    ("ended", 12, False),
]


class _ProvinceReviewer:
    """Who decides the demo's escalated proposals on the province's behalf."""

    def __init__(self, province) -> None:
        self.name = f"{province.code}-reviewer"

    def get_username(self) -> str:
        return self.name

    def __str__(self) -> str:
        return self.name


def partner_cities(clerk) -> list[Partner]:
    found = []
    for name_zh, name_en, country, place in CITIES:
        partner = Partner.objects.filter(kind="city", name_en=name_en).first()
        if partner is None:
            partner = partners.create_partner(
                actor=clerk, kind="city", name_zh=name_zh, name_en=name_en, country=country, place=place
            )
            partners.add_person(
                actor=clerk, partner=partner, name_latin=f"Mayor of {name_en}", title="Mayor",
                since=datetime.date(2022, 1, 1),
            )  # fmt: skip
        found.append(partner)
    return found


def ensure_demo(today: datetime.date | None = None) -> list[str]:
    if Relationship.objects.exists():
        return []
    today = today or timezone.localdate()
    users = {user.username: user for user in User.objects.filter(is_active=True)}
    clerk = users["clerk"]
    cities = partner_cities(clerk)
    units = [
        u for u in connection.tenant.profile.get("submitting_units") or [] if u.get("kind") != "department"
    ]
    for index, (state, city, by_district) in enumerate(PLAN):
        unit = units[index % len(units)]["code"] if (by_district and units) else ""
        _make(users, state, cities[city], unit, today, index)
    return [f"{connection.tenant.code}: {len(PLAN)} demo sister-city relationships"]


def _approve_all(users, relationship) -> None:
    case = relationship.case
    while case.state == "in_review":
        case = casework.perform(
            case=case, name="approve", actor=users[case.current_role], version=case.version
        )


def _province_decides(relationship, approve: bool) -> None:
    from apps.provincial.services import decide
    from apps.reporting.models import EscalatedCase

    city = connection.tenant
    escalation = EscalatedCase.objects.get(city_id=city.pk, case_id=relationship.case_id)
    decide(
        user=_ProvinceReviewer(city.province),
        province=city.province,
        escalation=escalation,
        approve=approve,
        comment="同意。" if approve else "请补充材料后再报。",
    )


def _make(users, state, partner, unit, today, index):
    clerk = users["clerk"]
    data = {
        "title": f"与{partner.name_zh}缔结友好城市关系",
        "partner": partner.pk,
        "level": "friendship_city" if index % 3 == 1 else "sister_city",
        "unit_code": unit,
        "background": f"双方自2015年起在教育、文化领域往来频繁，{partner.name_zh}多次来函表达结好意愿。",
        "exchanges_so_far": "2019年市代表团出访；2023年对方市长率团来访；两地高校签署交流备忘录。",
        "proposed_term_years": 5,
    }
    relationship = services.create_relationship(actor=clerk, data=data)
    if state == "draft":
        return relationship
    if state == "withdrawn":
        casework.perform(case=relationship.case, name="withdraw", actor=clerk)
        return relationship
    services.submit(actor=clerk, record=relationship, data={})
    relationship.case.refresh_from_db()
    if state == "in_review":
        casework.perform(case=relationship.case, name="approve", actor=users[relationship.case.current_role])
        return relationship
    if state in ("returned", "rejected"):
        name = "return" if state == "returned" else "reject"
        casework.perform(
            case=relationship.case,
            name=name,
            actor=users[relationship.case.current_role],
            comment="请补充双方交流情况。",
        )
        return relationship
    _approve_all(users, relationship)
    relationship.case.refresh_from_db()
    if state == "escalated":
        return relationship
    if relationship.case.state == "escalated":
        _province_decides(relationship, approve=True)
    relationship = Relationship.objects.select_related("case").get(pk=relationship.pk)
    if state == "approved":
        return relationship
    services.record_national_approval(
        actor=clerk,
        record=relationship,
        data={
            "approved_on": today - datetime.timedelta(days=30),
            "reference": f"外友协〔{today.year}〕{index}号",
        },
    )
    relationship = Relationship.objects.select_related("case").get(pk=relationship.pk)
    if state == "nationally_approved":
        return relationship
    signed_on = {
        "signed_active": today - datetime.timedelta(days=700),
        "signed_renewal_due": today - datetime.timedelta(days=5 * 365 - 60),
        "signed_anniversary": today.replace(year=today.year - 10) + datetime.timedelta(days=20),
        "signed_dormant": today.replace(year=today.year - 6),
        "ended": today.replace(year=today.year - 12),
    }[state]
    services.sign(
        actor=clerk,
        record=relationship,
        data={
            "signed_on": signed_on,
            "signed_place": partner.place,
            "term_start": signed_on,
            "term_end": signed_on + datetime.timedelta(days=5 * 365)
            if state != "signed_anniversary"
            else None,
        },
    )
    relationship = Relationship.objects.select_related("case").get(pk=relationship.pk)
    if state in ("signed_active", "signed_renewal_due", "signed_anniversary"):
        for n, (kind, field, title) in enumerate(
            [
                ("visit_in", "government", f"{partner.name_zh}市长率团来访"),
                ("project", "education", "中学生互访交流项目"),
                ("visit_out", "culture", "市艺术团赴友城演出"),
                ("project", "health", "医院结对与医生进修"),
            ]
        ):
            services.add_exchange(
                actor=clerk,
                record=relationship,
                data={
                    "kind": kind, "field": field, "date": today - datetime.timedelta(days=40 + 90 * n),
                    "title": title, "description": "", "participants": 8 + n,
                },
            )  # fmt: skip
        services.set_plan(
            actor=clerk,
            record=relationship,
            data={"year": today.year, "items": "一、市领导互访；二、青少年夏令营；三、经贸洽谈会。"},
        )
    if state == "ended":
        casework.perform(case=relationship.case, name="end", actor=clerk, comment="双方协商一致终止。")
    return relationship
