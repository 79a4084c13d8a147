"""Demo of the friendship association: its council (one past president among the current
members) and activities in every status (planned, held with the report due, reported),
with foreign friendship groups in the register of partners. Idempotent."""

from __future__ import annotations

import datetime

from django.db import connection
from django.utils import timezone

from apps.accounts.models import User
from apps.friendship import services
from apps.friendship.models import Activity, CouncilMember
from apps.partners import services as partners
from apps.partners.models import Partner

MEMBERS = [
    # name, position, affiliation, since (years ago), until (years ago; None: serving)
    ("王海涛", "president", "市人大常委会副主任", 8, 3),
    ("刘建华", "president", "市政协副主席", 3, None),
    ("陈思远", "vice_president", "市外办主任", 3, None),
    ("赵丽君", "vice_president", "市文联主席", 3, None),
    ("孙志强", "secretary_general", "市外办副主任", 3, None),
    ("周敏", "standing_member", "市青年联合会副主席", 3, None),
    ("吴凯", "member", "本地企业家协会会长", 3, None),
]
GROUPS = [
    # Chinese name, name, country
    ("日中友好协会", "Japan-China Friendship Association", "JP"),
    ("英中贸易协会", "China-Britain Business Council", "GB"),
    ("德中友好协会", "Gesellschaft für Deutsch-Chinesische Freundschaft", "DE"),
    ("美中人民友好协会", "US-China Peoples Friendship Association", "US"),
]
ACTIVITIES = [
    # title, kind, group index, start (days from today), days, participants, report
    ("日本友好团体青少年交流团来访", "reception", 0, 40, 5, 32, False),
    ("友协代表团访问德国友好城市", "visit_abroad", 2, 75, 7, 6, False),
    ("美中人民友好协会代表团来访座谈", "reception", 3, -12, 3, 18, False),
    ("中英友好交流音乐会", "event", 1, -60, 1, 300, True),
    ("中日民间友好植树活动", "exchange", 0, -120, 2, 80, True),
]


def ensure_demo(today: datetime.date | None = None) -> list[str]:
    if Activity.objects.exists() or CouncilMember.objects.exists():
        return []
    today = today or timezone.localdate()
    clerk = User.objects.get(username="clerk")
    for name, position, affiliation, since, until in MEMBERS:
        services.save_member(
            actor=clerk,
            data={
                "name": name,
                "position": position,
                "affiliation": affiliation,
                "since": today.replace(year=today.year - since, month=1, day=1),
                "until": today.replace(year=today.year - until, month=1, day=1) - datetime.timedelta(days=1)
                if until
                else None,
            },
        )
    groups = []
    for name_zh, name_en, country in GROUPS:
        group = Partner.objects.filter(kind="organisation", name_en=name_en).first()
        groups.append(
            group
            or partners.create_partner(
                actor=clerk, kind="organisation", name_zh=name_zh, name_en=name_en, country=country
            )
        )
    for title, kind, group, start, days, participants, reported in ACTIVITIES:
        begin = today + datetime.timedelta(days=start)
        activity = services.save_activity(
            actor=clerk,
            data={
                "title": title,
                "kind": kind,
                "foreign_group": groups[group].name_zh,
                "partner": groups[group].pk,
                "country": groups[group].country,
                "start": begin,
                "end": begin + datetime.timedelta(days=days - 1),
                "place": "本市" if kind != "visit_abroad" else "海外",
                "participants": participants,
                "description": "增进民间友谊，推动务实交流合作。",
            },
        )
        if reported:
            services.file_report(
                actor=clerk,
                activity=activity,
                data={
                    "summary": "活动顺利举行，双方表示将继续加强交流。",
                    "outcomes": "签署交流备忘录一份。",
                    "follow_up": "明年回访。",
                },
            )
    return [
        f"{connection.tenant.code}: {len(MEMBERS)} council members, {len(ACTIVITIES)} friendship activities"
    ]
