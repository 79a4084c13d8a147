"""The action tables: membership applications (casework: buttons, web and API from one
table) and the secretariat's own records (members, meetings, resolutions, projects)."""

from apps.brlc import serializers as s
from apps.brlc import services
from apps.brlc.ops import Op, OpTable
from apps.casework.actions import Action, ActionTable

APPLICATION_ACTIONS = ActionTable(
    "brlc.application",
    [
        Action("submit", style="primary"),
        Action("approve", style="success"),
        Action(
            "admit",
            input=s.DecisionInput,
            run=services.admit,
            style="success",
            confirm={
                "zh": "登记批准入会并出具欢迎函（编号即占用）？",
                "en": "Admit and issue the numbered welcome letter?",
            },
        ),
        Action("decline", input=s.DecisionInput, run=services.decline, style="danger"),
    ],
    view_permission="brlc.view",
)

MEMBER_OPS = OpTable(
    Op(
        "update",
        {"zh": "修改成员信息", "en": "Change the member's details"},
        s.MemberInput,
        services.update_member,
        "brlc.manage",
        when=lambda m: m.status == "active",
        initial=lambda m: {field: getattr(m, field) for field in services.MEMBER_FIELDS},
    ),
    Op(
        "add_contact",
        {"zh": "添加联络人", "en": "Add a contact person"},
        s.ContactInput,
        services.add_contact,
        "brlc.manage",
    ),
    Op(
        "remove_contact",
        {"zh": "删除联络人", "en": "Remove a contact person"},
        s.RemoveContactInput,
        services.remove_contact,
        "brlc.manage",
        when=lambda m: m.contacts.exists(),
    ),
    Op(
        "withdraw",
        {"zh": "登记退出", "en": "Record the withdrawal"},
        s.WithdrawInput,
        services.withdraw_member,
        "brlc.manage",
        when=lambda m: m.status == "active",
        style="outline-danger",
    ),
)

MEETING_OPS = OpTable(
    Op(
        "invite",
        {"zh": "邀请成员（发送邮件）", "en": "Invite members (by e-mail)"},
        s.InviteInput,
        services.invite,
        "brlc.manage",
        when=lambda m: m.status == "planned",
    ),
    Op(
        "record",
        {"zh": "登记召开情况和会议纪要", "en": "Record attendance and minutes"},
        s.RecordMeetingInput,
        services.record_meeting,
        "brlc.manage",
        when=lambda m: m.status == "planned",
        style="primary",
    ),
    Op(
        "add_resolution",
        {"zh": "提出决议草案", "en": "Table a draft resolution"},
        s.DraftResolutionInput,
        lambda *, actor, record, data: services.create_resolution(actor=actor, data=data, meeting=record),
        "brlc.manage",
        when=lambda m: m.status != "cancelled",
    ),
    Op(
        "cancel",
        {"zh": "取消会议", "en": "Cancel the meeting"},
        s.CancelInput,
        services.cancel_meeting,
        "brlc.manage",
        when=lambda m: m.status == "planned",
        style="outline-danger",
    ),
)

RESOLUTION_OPS = OpTable(
    Op(
        "adopt",
        {"zh": "登记通过", "en": "Record the adoption"},
        s.AdoptionInput,
        services.adopt,
        "brlc.manage",
        when=lambda r: r.status == "draft",
        style="success",
    ),
    Op(
        "reject",
        {"zh": "登记未通过", "en": "Record that it was not adopted"},
        s.RejectInput,
        services.reject_resolution,
        "brlc.manage",
        when=lambda r: r.status == "draft",
        style="outline-danger",
    ),
    Op(
        "follow_up",
        {"zh": "登记落实情况", "en": "Report the follow-up"},
        s.FollowUpInput,
        services.add_follow_up,
        "brlc.manage",
        when=lambda r: r.status == "adopted",
    ),
)

PROJECT_OPS = OpTable(
    Op(
        "report",
        {"zh": "提交进展报告", "en": "Report progress"},
        s.StatusReportInput,
        services.report_status,
        "brlc.manage",
        when=lambda p: p.status in ("planned", "ongoing"),
        style="primary",
    ),
    Op(
        "add_milestone",
        {"zh": "添加里程碑", "en": "Add a milestone"},
        s.MilestoneInput,
        services.add_milestone,
        "brlc.manage",
        when=lambda p: p.status in ("planned", "ongoing"),
    ),
    Op(
        "reach_milestone",
        {"zh": "登记里程碑完成", "en": "Record a milestone reached"},
        s.ReachMilestoneInput,
        services.reach_milestone,
        "brlc.manage",
        when=lambda p: p.milestones.filter(done_on__isnull=True).exists(),
    ),
    Op(
        "close",
        {"zh": "结项（登记成果）", "en": "Close with its outcome"},
        s.CloseProjectInput,
        services.close_project,
        "brlc.manage",
        when=lambda p: p.status in ("planned", "ongoing"),
        style="outline-success",
    ),
)
