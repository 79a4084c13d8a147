"""Demo data of the Leading Group office for `make run`: meetings in every state (agenda
items proposed, accepted and declined; attendance, minutes, decisions), follow-up tasks in
every state (assigned and soon due, in progress, reported done, closed, overdue and
escalated to the director) and the year's key points tracked by tasks. Made through the
services as the demo users; the task's author (the clerk) never closes it. Idempotent."""

from __future__ import annotations

import datetime

from django.db import connection
from django.utils import timezone

from apps.accounts.models import User
from apps.casework import services as casework
from apps.leading_group import services
from apps.leading_group.models import Meeting
from apps.workdays.calendar import add_working_days

ATTENDEES = [
    ("张明", "市委副书记、市长，领导小组组长", "present", ""),
    ("李华", "副市长，领导小组副组长", "present", ""),
    ("王强", "市外办主任，领导小组办公室主任", "present", ""),
    ("赵丽", "市商务局局长", "deputy", "由副局长代为出席"),
    ("陈刚", "市教育局局长", "absent", "公务出差"),
]


def _attendance():
    return [{"name": n, "position": p, "status": s, "note": note} for n, p, s, note in ATTENDEES]


def _meeting(users, title, kind, when, agenda_deadline=None):
    return services.create_meeting(
        actor=users["clerk"],
        data={
            "title": title,
            "kind": kind,
            "meeting_date": when,
            "place": "市政府第一会议室",
            "chair": "张明",
            "agenda_deadline": agenda_deadline,
        },
    )


def _hold(users, meeting, decisions, minutes=None):
    services.hold_meeting(actor=users["clerk"], record=meeting, data={"attendance": _attendance()})
    for text in decisions:
        services.add_decision(actor=users["clerk"], record=meeting, data={"text": text})
    if minutes:
        meeting.case.refresh_from_db()
        services.issue_minutes(actor=users["division_head"], record=meeting, data={"minutes": minutes})
    return Meeting.objects.select_related("case").get(pk=meeting.pk)


def _task(users, *, unit, title, requirement, on, days, decision=None, key_point=None):
    return services.assign_task(
        actor=users["clerk"],
        today=on,
        data={
            "decision": decision,
            "key_point": key_point,
            "unit_code": unit,
            "title": title,
            "requirement": requirement,
            "working_days": days,
        },
    )


def _answer(user, task, text, done=False):
    task.case.refresh_from_db()
    fn = services.report_done if done else services.report_progress
    fn(actor=user, record=task, data={"text": text})
    task.case.refresh_from_db()
    return task


def ensure_demo(today: datetime.date | None = None) -> list[str]:
    if Meeting.objects.exists():
        return []
    today = today or timezone.localdate()
    users = {user.username: user for user in User.objects.filter(is_active=True)}
    units = [u["code"] for u in connection.tenant.profile.get("submitting_units") or []]
    own = users["submitter"].unit or units[0]
    others = [u for u in units if u != own]
    on_behalf = users["clerk"]  # reports received on paper, recorded by the office's clerk
    city = connection.tenant.profile.get("city_names", {}).get("zh", "")

    # A plenary meeting two months ago: minutes issued, three decisions, tasks in every state.
    first_day = today - datetime.timedelta(days=60)
    first = _meeting(users, f"{city}外事工作领导小组{today.year}年第一次全体会议", "plenary", first_day)
    first = _hold(
        users,
        first,
        [
            "加快推进国际友好城市交流合作，年内新缔结友好城市关系一对。",
            "做好重要外宾接待工作，完善外事接待预案。",
            "加强因公出国（境）管理，严格执行审批和公示制度。",
        ],
        minutes="会议听取了市外办关于上半年外事工作情况的汇报，研究部署了下一阶段重点工作。",
    )
    decisions = list(first.decisions.all())
    overdue = _task(
        users,
        unit=own,
        title="拟定友好城市交流年度计划",
        requirement="提出年度交流项目清单并报市外办。",
        on=first_day,
        days=10,
        decision=decisions[0].pk,
    )
    _answer(users["submitter"], overdue, "已完成初稿，正在征求意见。")
    closed = _task(
        users,
        unit=others[0],
        title="修订外宾接待预案",
        requirement="修订接待预案，报送修订稿。",
        on=first_day,
        days=15,
        decision=decisions[1].pk,
    )
    _answer(on_behalf, closed, "修订稿已报送市外办。", done=True)
    services.close_task(actor=users["reviewer"], record=closed, data={"comment": "同意办结。"})
    reported = _task(
        users,
        unit=own,
        title="开展因公出国（境）管理自查",
        requirement="组织自查，报送自查报告。",
        on=today - datetime.timedelta(days=5),
        days=20,
        decision=decisions[2].pk,
    )
    _answer(users["submitter"], reported, "自查已完成，自查报告见附件。", done=True)
    progress = _task(
        users,
        unit=others[1],
        title="梳理友好城市合作项目",
        requirement="梳理在建合作项目，报送进展。",
        on=today - datetime.timedelta(days=3),
        days=25,
        decision=decisions[0].pk,
    )
    _answer(on_behalf, progress, "已梳理项目12个，正在核实。")
    late_other = _task(
        users,
        unit=others[2],
        title="报送外事接待经费使用情况",
        requirement="报送上半年接待经费使用情况。",
        on=first_day,
        days=20,
        decision=decisions[1].pk,
    )
    del late_other  # overdue, never answered: escalated below

    # A special meeting last week: held, one decision, one task due within days.
    second_day = add_working_days(today - datetime.timedelta(days=10), 0)
    second = _meeting(users, "外事工作领导小组专题会议（重大外事活动筹备）", "special", second_day)
    second = _hold(users, second, ["成立重大外事活动筹备工作专班，各成员单位明确联络员。"])
    soon = add_working_days(today, 2)
    services.assign_task(
        actor=users["clerk"],
        today=today,
        data={
            "decision": second.decisions.first().pk,
            "unit_code": own,
            "title": "报送筹备工作专班联络员名单",
            "requirement": "明确一名联络员，报送姓名、职务和联系方式。",
            "deadline": soon,
        },
    )

    # The next plenary meeting: in preparation, agenda items proposed, accepted and declined.
    third = _meeting(
        users,
        f"{city}外事工作领导小组{today.year}年第二次全体会议",
        "plenary",
        today + datetime.timedelta(days=30),
        agenda_deadline=today + datetime.timedelta(days=15),
    )
    items = [
        services.propose_item(
            actor=users["submitter"],
            data={
                "meeting": third.pk,
                "title": "关于举办国际友城青年交流营的请示",
                "summary": "拟于下半年举办。",
            },
        ),
        services.propose_item(
            actor=users["clerk"],
            data={
                "meeting": third.pk,
                "unit_code": others[0],
                "title": "关于外事接待预案修订情况的汇报",
                "summary": "预案修订已完成。",
            },
        ),
        services.propose_item(
            actor=users["clerk"],
            data={
                "meeting": third.pk,
                "unit_code": others[1],
                "title": "关于新设境外办事处的建议",
                "summary": "建议暂缓。",
            },
        ),
    ]
    services.review_item(
        actor=users["division_head"], record=third, data={"item": items[1].pk, "accept": True}
    )
    services.review_item(
        actor=users["division_head"], record=third, data={"item": items[2].pk, "accept": False}
    )

    # A meeting called off.
    cancelled = _meeting(
        users, "外事工作领导小组办公室会议（临时）", "office", today + datetime.timedelta(days=7)
    )
    casework.perform(
        case=cancelled.case, name="cancel", actor=users["division_head"], comment="与其他会议合并召开。"
    )

    # The year's key points, tracked by tasks.
    points = [
        services.create_key_point(
            actor=users["clerk"],
            data={"year": today.year, "title": title, "text": text, "division": "coordination"},
        )
        for title, text in (
            ("深化国际友好城市交流", "巩固现有友好城市关系，拓展务实合作。"),
            ("服务高水平对外开放", "做好重要外事活动的服务保障。"),
            ("加强外事管理", "严格因公出国（境）审批管理。"),
        )
    ]
    point_task = _task(
        users,
        unit=own,
        title="制定友城务实合作清单",
        requirement="按年度要点制定清单。",
        on=today - datetime.timedelta(days=30),
        days=40,
        key_point=points[0].pk,
    )
    _answer(users["submitter"], point_task, "清单已形成，正在完善。")
    point_done = _task(
        users,
        unit=others[1],
        title="重要外事活动保障方案",
        requirement="报送保障方案。",
        on=today - datetime.timedelta(days=30),
        days=10,
        key_point=points[1].pk,
    )
    _answer(on_behalf, point_done, "保障方案已报送。", done=True)
    services.close_task(actor=users["division_head"], record=point_done, data={})

    escalated = services.escalate_overdue(today)
    return [
        f"{connection.tenant.code}: 4 demo leading-group meetings, {len(escalated)} overdue tasks escalated"
    ]
