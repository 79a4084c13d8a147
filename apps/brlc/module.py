"""The Belt and Road Local Cooperation (BRLC) secretariat (Hangzhou, seed duty 16): members
and their history, membership applications reviewed on the profile's chain and decided by
the committee's meetings, meetings with their resolutions and follow-up, cooperation
projects, notices mailed to members, public pages and the annual report."""

from __future__ import annotations

from django.urls import reverse

from apps.brlc import workflow  # noqa: F401  (registers the workflow)
from apps.registry.modules import CalendarEntry, Figure, Module, registry

PERMISSIONS = {
    "brlc.view": {"zh": "查看地方合作委员会秘书处工作", "en": "See the BRLC secretariat's work"},
    "brlc.manage": {"zh": "办理地方合作委员会秘书处事务", "en": "Handle the BRLC secretariat's work"},
    "brlc.report": {"zh": "查看地方合作委员会年度报告与统计", "en": "See the BRLC annual report and figures"},
}
OFFICE_ROLES = ("clerk", "reviewer", "division_head", "director", "office_admin", "auditor")


@registry.register
class BrlcModule(Module):
    id = "brlc"
    names = {"zh": "一带一路地方合作委员会秘书处", "en": "Belt and Road Local Cooperation secretariat"}
    web_urls = "apps.brlc.urls"
    api_urls = "apps.brlc.api_urls"
    menu_url_name = "brlc:home"
    permissions = PERMISSIONS
    role_grants = {
        **{role: ["brlc.view", "brlc.report"] for role in OFFICE_ROLES},
        "clerk": ["brlc.view", "brlc.manage", "brlc.report"],
    }
    approval_chains = ("brlc_membership",)
    figures_permission = "brlc.report"
    audit_actions = {
        "brlc.create_application": {"zh": "登记入会申请", "en": "Membership application registered"},
        "brlc.update_application": {"zh": "修改入会申请", "en": "Membership application edited"},
        "brlc.admit_member": {"zh": "批准入会", "en": "Member admitted"},
        "brlc.update_member": {"zh": "修改成员信息", "en": "Member's details changed"},
        "brlc.add_contact": {"zh": "添加联络人", "en": "Contact person added"},
        "brlc.remove_contact": {"zh": "删除联络人", "en": "Contact person removed"},
        "brlc.withdraw_member": {"zh": "成员退出", "en": "Member withdrew"},
        "brlc.create_meeting": {"zh": "新建会议", "en": "Meeting planned"},
        "brlc.invite": {"zh": "邀请成员参会", "en": "Members invited"},
        "brlc.record_meeting": {"zh": "登记会议召开情况", "en": "Meeting recorded"},
        "brlc.cancel_meeting": {"zh": "取消会议", "en": "Meeting cancelled"},
        "brlc.create_resolution": {"zh": "提出决议", "en": "Resolution tabled"},
        "brlc.adopt_resolution": {"zh": "决议通过", "en": "Resolution adopted"},
        "brlc.reject_resolution": {"zh": "决议未通过", "en": "Resolution not adopted"},
        "brlc.follow_up": {"zh": "登记决议落实情况", "en": "Resolution followed up"},
        "brlc.create_project": {"zh": "新建合作项目", "en": "Cooperation project created"},
        "brlc.add_milestone": {"zh": "添加项目里程碑", "en": "Milestone added"},
        "brlc.reach_milestone": {"zh": "项目里程碑完成", "en": "Milestone reached"},
        "brlc.report_status": {"zh": "项目进展报告", "en": "Project progress reported"},
        "brlc.close_project": {"zh": "项目结项", "en": "Project closed"},
        "brlc.send_notice": {"zh": "向成员发送通知", "en": "Notice sent to members"},
    }
    figures = (
        Figure(metric="brlc.admissions", names={"zh": "新入会成员", "en": "Members admitted"}, headline=True),
        Figure(
            metric="brlc.active_members",
            names={"zh": "现有成员数", "en": "Active members"},
            snapshot=True,
            headline=True,
        ),
        Figure(
            metric="brlc.members_by_country",
            names={"zh": "新入会成员所在国家（地区）", "en": "Members admitted by country"},
            breakdown="country",
        ),
        Figure(metric="brlc.meetings_held", names={"zh": "召开会议", "en": "Meetings held"}),
        Figure(metric="brlc.resolutions_adopted", names={"zh": "通过决议", "en": "Resolutions adopted"}),
        Figure(metric="brlc.projects", names={"zh": "新启动合作项目", "en": "Cooperation projects started"}),
    )

    calendar_kinds = {"brlc_meeting": {"zh": "一带一路地方合作委员会会议", "en": "BRLC meeting"}}

    def calendar_entries(self, start, end, actor=None):
        """The committee's meetings (planned and held) between ``start`` and ``end``."""
        from apps.brlc.models import Meeting

        meetings = Meeting.objects.filter(date__gte=start, date__lt=end).exclude(status="cancelled")
        return [
            CalendarEntry(
                uid=f"brlc:meeting:{meeting.pk}",
                kind="brlc_meeting",
                title=f"{meeting.kind_label}：{meeting.title}",
                start=meeting.date,
                location=meeting.place,
                url=reverse("brlc:meeting", args=[meeting.pk]),
                division="international_exchange",
            )
            for meeting in meetings.order_by("date", "pk")
        ]

    def waiting_for(self, actor) -> list:
        from apps.brlc import selectors

        return selectors.waiting_for(actor)

    def ensure_demo(self) -> list[str]:
        from apps.brlc import demo

        return demo.ensure_demo()
