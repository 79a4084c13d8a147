"""The secretariat's annual report of members, meetings and projects (web, PDF, XLSX, API)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from apps.brlc.models import Meeting, Member, Project, Resolution
from apps.documents.exports import XLSX_TYPE, download, xlsx_bytes


@dataclass
class AnnualReport:
    year: int
    members: list[Member]
    admitted: int
    withdrawn: int
    meetings: list[Meeting]
    resolutions: list[Resolution]
    projects: list[Project]

    def as_dict(self) -> dict:
        return {
            "year": self.year,
            "active_members": len(self.members),
            "admitted": self.admitted,
            "withdrawn": self.withdrawn,
            "meetings_held": len(self.meetings),
            "resolutions_adopted": len(self.resolutions),
            "projects": len(self.projects),
            "projects_completed": sum(1 for p in self.projects if p.status == "completed"),
        }


def annual_report(year: int) -> AnnualReport:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    members = Member.objects.filter(join_date__lte=end).filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=end)
    )
    return AnnualReport(
        year=year,
        members=list(members.order_by("country", "name_en")),
        admitted=Member.objects.filter(join_date__range=(start, end)).count(),
        withdrawn=Member.objects.filter(withdrawn_on__range=(start, end)).count(),
        meetings=list(Meeting.objects.filter(status="held", date__range=(start, end)).order_by("date")),
        resolutions=list(
            Resolution.objects.filter(status="adopted", decided_on__range=(start, end))
            .select_related("meeting")
            .order_by("decided_on", "number")
        ),
        projects=list(
            Project.objects.filter(starts_on__lte=end, ends_on__gte=start)
            .select_related("lead")
            .prefetch_related("partners")
            .order_by("starts_on")
        ),
    )


def xlsx_response(report: AnnualReport):
    from apps.brlc.models import MEETING_KINDS, PROJECT_STATUSES, pick

    summary = [
        ["年度 Year", report.year],
        *[[key, value] for key, value in report.as_dict().items() if key != "year"],
    ]
    members = [
        [
            "中文名称 Name (Chinese)",
            "英文名称 Name (English)",
            "本国语言名称 Own language",
            "国家（地区） Country",
            "级别 Level",
            "入会日期 Joined",
        ]
    ]
    members += [
        [m.name_zh, m.name_en, m.name_native, m.country_name, m.level_label, m.join_date]
        for m in report.members
    ]
    meetings = [["日期 Date", "类别 Kind", "会议 Meeting", "地点 Place"]]
    meetings += [[m.date, pick(MEETING_KINDS, m.kind), m.title, m.place] for m in report.meetings]
    resolutions = [["编号 No.", "会议 Meeting", "标题 Title", "Title", "通过方式 How adopted"]]
    resolutions += [
        [r.number, r.meeting.title, r.title_zh, r.title_en, r.method_label] for r in report.resolutions
    ]
    projects = [
        [
            "项目 Project",
            "Project",
            "牵头成员 Lead",
            "合作伙伴 Partners",
            "起止 Dates",
            "状态 Status",
            "成果 Outcome",
        ]
    ]
    projects += [
        [
            p.title_zh,
            p.title_en,
            p.lead.name_en,
            ", ".join(x.name_en for x in p.partners.all()),
            f"{p.starts_on:%Y-%m-%d} – {p.ends_on:%Y-%m-%d}",
            pick(PROJECT_STATUSES, p.status),
            p.outcome,
        ]
        for p in report.projects
    ]
    content = xlsx_bytes(
        [
            ("summary", summary),
            ("members", members),
            ("meetings", meetings),
            ("resolutions", resolutions),
            ("projects", projects),
        ]
    )
    return download(content, XLSX_TYPE, f"brlc-annual-report-{report.year}.xlsx")


def pdf_response(report: AnnualReport, office):
    from apps.documents.pdf import render_pdf

    pdf = render_pdf(
        "brlc/annual_report_pdf.html", {"report": report, "office": office, "title": f"BRLC {report.year}"}
    )
    return download(pdf, "application/pdf", f"brlc-annual-report-{report.year}.pdf")
