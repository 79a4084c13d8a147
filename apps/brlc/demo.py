"""Demo data of the BRLC secretariat for `make run`: members (active and withdrawn) admitted
through applications in every state, meetings planned, held and cancelled, resolutions
draft, adopted (by consensus and by vote) and not adopted with their follow-up, projects in
every state, and notices with their delivery. Made through the services as the demo users
(the clerk registers, the reviewer and the division head approve). Idempotent: a city with
BRLC members or applications is left alone."""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.brlc import services
from apps.brlc.models import Application, Member
from apps.casework import services as casework

GOVERNMENTS = [
    # name_zh, name_en, name_native, country, level, contact, e-mail
    (
        "釜山广域市",
        "Busan Metropolitan City",
        "부산광역시",
        "KR",
        "city",
        "Park Jiwoo",
        "intl@busan.example.kr",
    ),
    ("大阪府", "Osaka Prefecture", "大阪府", "JP", "province", "Sato Kenji", "kokusai@osaka.example.jp"),
    ("科伦坡市", "Colombo Municipal Council", "කොළඹ මහ නගර සභාව", "LK", "city", "Nimal Perera", ""),
    ("阿拉木图市", "City of Almaty", "Алматы", "KZ", "city", "Aigerim Nurlanova", "intl@almaty.example.kz"),
    (
        "伊斯坦布尔市",
        "Istanbul Metropolitan Municipality",
        "İstanbul Büyükşehir Belediyesi",
        "TR",
        "city",
        "Elif Yilmaz",
        "dis@istanbul.example.tr",
    ),
    ("蒙巴萨郡", "Mombasa County", "", "KE", "county", "Amina Hassan", "intl@mombasa.example.ke"),
    ("布达佩斯市", "Budapest", "Budapest Főváros", "HU", "city", "Kovács Anna", "intl@budapest.example.hu"),
    ("塔什干市", "City of Tashkent", "Toshkent", "UZ", "city", "Rustam Karimov", "intl@tashkent.example.uz"),
    (
        "马六甲州",
        "State of Malacca",
        "Negeri Melaka",
        "MY",
        "province",
        "Ahmad Zain",
        "intl@melaka.example.my",
    ),
    ("瓦尔纳市", "Varna", "Варна", "BG", "city", "Ivan Petrov", "intl@varna.example.bg"),
    ("宁波市", "Ningbo", "宁波市", "CN", "city", "陈晓", "fao@ningbo.example.cn"),
    (
        "杜塞尔多夫市",
        "City of Düsseldorf",
        "Landeshauptstadt Düsseldorf",
        "DE",
        "city",
        "Lena Schulz",
        "intl@duesseldorf.example.de",
    ),
    (
        "卡萨布兰卡市",
        "Casablanca",
        "الدار البيضاء",
        "MA",
        "city",
        "Youssef Alaoui",
        "intl@casablanca.example.ma",
    ),
]
# Each government's application: the state it is left in.
PLAN = [
    "admitted",
    "admitted",
    "admitted",
    "admitted",
    "withdrawn_member",
    "draft",
    "in_review",
    "reviewed",
    "returned",
    "declined",
    "admitted",
    "rejected",
    "withdrawn",
]


def ensure_demo(today: datetime.date | None = None) -> list[str]:
    if Member.objects.exists() or Application.objects.exists():
        return []
    with transaction.atomic():
        return _make_demo(today)


def _make_demo(today: datetime.date | None) -> list[str]:
    today = today or timezone.localdate()
    users = {user.username: user for user in User.objects.filter(is_active=True)}
    clerk = users["clerk"]
    day = datetime.timedelta(days=1)
    council = services.create_meeting(
        actor=clerk,
        data={
            "kind": "council",
            "title": "第一次理事会会议",
            "date": today - 120 * day,
            "place": "杭州国际博览中心",
            "agenda": "一、审议入会申请\n二、审议秘书处工作报告\n三、审议合作项目",
        },
    )
    executive = services.create_meeting(
        actor=clerk,
        data={
            "kind": "executive",
            "title": "执行委员会第二次会议",
            "date": today - 20 * day,
            "place": "杭州市民中心",
            "agenda": "一、审议新成员入会申请\n二、审议年度合作项目",
        },
    )
    forum = services.create_meeting(
        actor=clerk,
        data={
            "kind": "forum",
            "title": "数字经济地方合作专题论坛",
            "date": today + 30 * day,
            "place": "杭州未来科技城",
            "agenda": "一、数字治理经验交流\n二、青年创业合作",
        },
    )
    cancelled = services.create_meeting(
        actor=clerk,
        data={
            "kind": "forum",
            "title": "文旅合作专题论坛",
            "date": today + 45 * day,
            "place": "杭州西湖国宾馆",
            "agenda": "文旅合作",
        },
    )
    services.cancel_meeting(actor=clerk, record=cancelled, data={"reason": "与其他活动时间冲突，择期举办"})

    applications = []
    for index, (government, state) in enumerate(zip(GOVERNMENTS, PLAN, strict=True)):
        applications.append(
            _application(users, government, state, council if index < 5 else executive, today)
        )
    services.record_meeting(
        actor=clerk,
        record=council,
        data={
            "attended": [m.pk for m in Member.objects.all()[:4]],
            "minutes": "会议审议通过首批成员入会申请和秘书处工作规则。",
        },
    )
    _decide(users, applications, council, [0, 1, 2, 3, 4])
    services.record_meeting(
        actor=clerk,
        record=executive,
        data={
            "attended": [m.pk for m in Member.objects.all()[:3]],
            "minutes": "会议审议新成员入会申请和年度合作项目。",
        },
    )
    _decide(users, applications, executive, [10])
    _decline(users, applications[9], executive)
    istanbul = Member.objects.get(name_en="Istanbul Metropolitan Municipality")
    services.withdraw_member(
        actor=clerk,
        record=istanbul,
        data={"withdrawn_on": today - 10 * day, "reason": "市政府机构调整，申请退出。"},
    )

    adopted = services.create_resolution(
        actor=clerk,
        meeting=council,
        data={
            "number": f"BRLC-{council.date.year}-1",
            "title_zh": "关于建立秘书处工作机制的决议",
            "title_en": "Resolution on the working arrangements of the secretariat",
            "text_zh": "理事会决定在杭州设立秘书处，负责日常工作。",
            "text_en": "The Council decides that the secretariat sits in Hangzhou and runs the daily work.",
            "adoption": {"method": "consensus"},
        },
    )
    services.add_follow_up(
        actor=clerk,
        record=adopted,
        data={"reported_on": today - 60 * day, "status": "done", "note": "秘书处已组建并开始运行。"},
    )
    voted = services.create_resolution(
        actor=clerk,
        meeting=executive,
        data={
            "number": f"BRLC-{executive.date.year}-2",
            "title_zh": "关于年度合作项目计划的决议",
            "title_en": "Resolution on the annual plan of cooperation projects",
            "text_zh": "执行委员会批准年度合作项目计划。",
            "text_en": "The Executive Committee approves the annual plan of cooperation projects.",
            "adoption": {"method": "vote", "votes_for": 9, "votes_against": 1, "abstentions": 1},
        },
    )
    services.add_follow_up(
        actor=clerk,
        record=voted,
        data={"reported_on": today - 5 * day, "status": "in_progress", "note": "已启动两个合作项目。"},
    )
    rejected = services.create_resolution(
        actor=clerk,
        meeting=executive,
        data={
            "number": f"BRLC-{executive.date.year}-3",
            "title_zh": "关于调整会费标准的决议（草案）",
            "title_en": "Resolution on new membership fees (draft)",
            "text_zh": "（内部草案）调整会费标准。",
            "text_en": "(internal draft) New membership fees.",
        },
    )
    services.reject_resolution(
        actor=clerk, record=rejected, data={"votes_for": 3, "votes_against": 7, "abstentions": 1}
    )
    services.create_resolution(
        actor=clerk,
        meeting=forum,
        data={
            "number": f"BRLC-{forum.date.year}-4",
            "title_zh": "数字经济合作倡议（草案）",
            "title_en": "Digital economy cooperation initiative (draft)",
            "text_zh": "（草案，待论坛审议）",
            "text_en": "(draft, for the forum)",
        },
    )

    _projects(clerk, today)
    active = list(Member.objects.filter(status="active").order_by("pk"))
    services.invite(
        actor=clerk,
        record=forum,
        data={"members": [m.pk for m in active], "message": "诚邀贵方出席数字经济地方合作专题论坛。"},
    )
    services.send_notice(
        actor=clerk,
        data={
            "subject": "秘书处年度工作通报",
            "body": "附件为秘书处年度工作通报，请查阅。",
            "members": [m.pk for m in active],
        },
    )
    return [
        f"{connection.tenant.code}: BRLC demo ({Member.objects.count()} members, "
        f"{Application.objects.count()} applications)"
    ]


def _application(users, government, state, meeting, today):
    name_zh, name_en, native, country, level, contact, email = government
    application = services.create_application(
        actor=users["clerk"],
        data={
            "name_zh": name_zh,
            "name_en": name_en,
            "name_native": native,
            "country": country,
            "level": level,
            "received_on": meeting.date - datetime.timedelta(days=30),
            "motivation": "希望加强与各地方政府的务实合作。",
            "contact_name": contact,
            "contact_position": "国际事务处",
            "contact_email": email,
            "contact_phone": "",
        },
    )
    if state == "draft":
        return application
    case = casework.perform(case=application.case, name="submit", actor=users["clerk"])
    if state == "in_review":
        return application
    if state == "returned":
        casework.perform(
            case=case, name="return", actor=users[case.current_role], comment="请补充联络人电话。"
        )
        return application
    if state == "rejected":
        casework.perform(
            case=case, name="reject", actor=users[case.current_role], comment="申请方不是地方政府。"
        )
        return application
    if state == "withdrawn":
        casework.perform(case=case, name="withdraw", actor=users["clerk"], comment="申请方来函撤回申请。")
        return application
    while case.state == "in_review":
        case = casework.perform(case=case, name="approve", actor=users[case.current_role])
    return application


def _decide(users, applications, meeting, indices):
    for index in indices:
        application = Application.objects.select_related("case").get(pk=applications[index].pk)
        services.admit(actor=users["clerk"], record=application, data={"meeting": meeting.pk})


def _decline(users, application, meeting):
    application = Application.objects.select_related("case").get(pk=application.pk)
    services.decline(
        actor=users["clerk"],
        record=application,
        data={"meeting": meeting.pk, "comment": "待条件成熟后再议。"},
    )


def _projects(clerk, today):
    day = datetime.timedelta(days=1)
    members = list(Member.objects.filter(status="active").order_by("pk"))
    plans = [
        ("港口城市物流合作", "Port cities' logistics cooperation", -100, 300, "ongoing"),
        ("青年创业交流营", "Young entrepreneurs' exchange camp", 20, 120, "planned"),
        ("智慧城市治理经验分享", "Sharing smart-city governance", -300, -30, "completed"),
        ("文化遗产联合展览", "Joint exhibition of cultural heritage", -200, 100, "cancelled"),
    ]
    for index, (title_zh, title_en, start, end, state) in enumerate(plans):
        lead = members[index % len(members)]
        partners = [m.pk for m in members if m.pk != lead.pk][:2]
        project = services.create_project(
            actor=clerk,
            data={
                "title_zh": title_zh,
                "title_en": title_en,
                "summary": f"{title_zh}：成员城市间的务实合作。",
                "lead": lead.pk,
                "partners": partners,
                "starts_on": today + start * day,
                "ends_on": today + end * day,
            },
        )
        if state == "planned":
            services.add_milestone(
                actor=clerk, record=project, data={"title": "确定参与名单", "due_on": today + 10 * day}
            )
            continue
        services.add_milestone(
            actor=clerk,
            record=project,
            data={"title": "签署合作备忘录", "due_on": today + (start + 30) * day},
        )
        services.add_milestone(
            actor=clerk, record=project, data={"title": "中期评估", "due_on": today + 60 * day}
        )
        first = project.milestones.order_by("due_on").first()
        services.reach_milestone(
            actor=clerk,
            record=project,
            data={"milestone": first.pk, "done_on": min(today, today + (start + 25) * day)},
        )
        services.report_status(
            actor=clerk,
            record=project,
            data={
                "reported_on": today - 3 * day,
                "progress": 40,
                "text": "合作备忘录已签署，首批交流活动完成。",
            },
        )
        if state in ("completed", "cancelled"):
            services.close_project(
                actor=clerk,
                record=project,
                data={
                    "status": state,
                    "outcome": "形成经验汇编一册，三个成员城市推广应用。"
                    if state == "completed"
                    else "因经费原因终止。",
                },
            )
