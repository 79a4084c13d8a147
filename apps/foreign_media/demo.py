"""Demo interview requests in every state, with outlets in the register of partners and
journalists in the register, made through the services as the demo users (the clerk
registers, the demo submitter's unit answers, the chain decides). Idempotent."""

from __future__ import annotations

import datetime

from django.db import connection
from django.utils import timezone

from apps.accounts.models import User
from apps.casework import services as casework
from apps.foreign_media import services
from apps.foreign_media.models import InterviewRequest
from apps.partners.models import Partner

OUTLETS = [
    # Chinese name, name, country, place, website
    ("英国广播公司", "BBC", "GB", "London", "https://www.bbc.co.uk/"),
    ("德国之声", "Deutsche Welle", "DE", "Bonn", "https://www.dw.com/"),
    ("日本广播协会", "NHK", "JP", "Tokyo", "https://www.nhk.or.jp/"),
    ("法新社", "Agence France-Presse", "FR", "Paris", "https://www.afp.com/"),
    ("路透社", "Reuters", "GB", "London", "https://www.reuters.com/"),
]
JOURNALISTS = [
    # outlet index, name, Chinese name, nationality, press card kind, number
    (0, "WHITE EMMA", "", "GB", "resident", "RC-GB-20417"),
    (1, "SCHMIDT JONAS", "施密特", "DE", "short_term", "J2-DE-88120"),
    (2, "SATO KENJI", "佐藤健二", "JP", "resident", "RC-JP-10388"),
    (3, "MARTIN CLAIRE", "", "FR", "short_term", "J2-FR-55201"),
    (4, "BROWN DAVID", "", "GB", "resident", "RC-GB-30911"),
]
TOPICS = ["城市营商环境", "非物质文化遗产保护", "绿色低碳发展", "乡村振兴", "国际友城交流", "科技创新园区"]
PLAN = [
    "draft",
    "awaiting_consent",
    "declined_by_unit",
    "in_review",
    "returned",
    "rejected",
    "withdrawn",
    "approved",
    "arranged",
    "done",
    "done_more",
]


def ensure_demo(today: datetime.date | None = None) -> list[str]:
    if InterviewRequest.objects.exists():
        return []
    today = today or timezone.localdate()
    users = {user.username: user for user in User.objects.filter(is_active=True)}
    clerk = users["clerk"]
    outlets = []
    for name_zh, name_en, country, place, website in OUTLETS:
        outlet = Partner.objects.filter(kind="media", name_en=name_en).first()
        if outlet is None:
            outlet = services.add_outlet(
                actor=clerk,
                data={
                    "name_zh": name_zh,
                    "name_en": name_en,
                    "country": country,
                    "place": place,
                    "website": website,
                },
            )
        outlets.append(outlet)
    for index, state in enumerate(PLAN):
        _make(users, outlets, state, index, today)
    return [f"{connection.tenant.code}: {len(PLAN)} demo interview requests"]


def _data(outlets, index, today) -> dict:
    outlet_index, name, name_zh, nationality, card, number = JOURNALISTS[index % len(JOURNALISTS)]
    past = index >= PLAN.index("arranged")
    start = (
        today - datetime.timedelta(days=20 - index) if past else today + datetime.timedelta(days=10 + index)
    )
    unit = (connection.tenant.profile.get("submitting_units") or [{}])[0].get("code", "")
    return {
        "outlet": outlets[outlet_index].pk,
        "journalist_name_latin": name,
        "journalist_name_zh": name_zh,
        "journalist_nationality": nationality,
        "journalist_press_card_kind": card,
        "journalist_press_card_number": number,
        "journalist_accredited_until": today + datetime.timedelta(days=300) if card == "resident" else None,
        "topic": TOPICS[index % len(TOPICS)],
        "unit_code": unit,
        "interviewees": "分管副区长及相关部门负责人",
        "kind": "in_person" if index % 3 else "filming",
        "start": start,
        "end": start + datetime.timedelta(days=3),
        "questions": "1. 近年来的主要做法？\n2. 下一步计划？",
    }


def _make(users, outlets, state, index, today):
    clerk, unit = users["clerk"], users.get("submitter")
    interview = services.create_interview(actor=clerk, data=_data(outlets, index, today))
    if state == "draft":
        return
    if state == "withdrawn":
        casework.perform(case=interview.case, name="withdraw", actor=clerk)
        return
    casework.perform(case=interview.case, name="request_consent", actor=clerk)
    interview = InterviewRequest.objects.select_related("case", "outlet", "journalist").get(pk=interview.pk)
    if state == "awaiting_consent" or unit is None:
        return
    if state == "declined_by_unit":
        casework.perform(
            case=interview.case, name="decline", actor=unit, comment="受访领导近期另有公务安排。"
        )
        return
    services.consent(actor=unit, record=interview, data={})
    case = interview.case
    case.refresh_from_db()
    if state == "in_review":
        return
    if state in ("returned", "rejected"):
        name = "return" if state == "returned" else "reject"
        casework.perform(case=case, name=name, actor=users[case.current_role], comment="请补充采访提纲。")
        return
    while case.state == "in_review":
        case = casework.perform(case=case, name="approve", actor=users[case.current_role])
    if state == "approved":
        return
    interview = InterviewRequest.objects.select_related("case").get(pk=interview.pk)
    services.arrange(
        actor=clerk,
        record=interview,
        data={
            "held_on": interview.start + datetime.timedelta(days=1),
            "place": "区政府会议室",
            "escort": "外办新闻处 张伟",
            "interpreter": "李娜",
        },
    )
    interview = InterviewRequest.objects.select_related("case").get(pk=interview.pk)
    published = min(interview.held_on + datetime.timedelta(days=3), today)
    services.record_article(
        actor=clerk,
        record=interview,
        data={
            "title": f"Inside China: {interview.journalist.name_latin.title()} on {index}",
            "tone": "positive",
            "url": f"https://news.example.org/{index}/china-city",
            "published_on": published,
            "notes": "",
        },
    )
    if state == "arranged":
        return
    casework.perform(case=interview.case, name="complete", actor=clerk)
    if state == "done_more":
        services.record_article(
            actor=clerk,
            record=interview,
            data={
                "title": "A city between tradition and change",
                "tone": "mixed",
                "url": f"https://news.example.org/{index}/feature",
                "published_on": published,
                "notes": "对环境问题有批评性表述。",
            },
        )
