"""Demo delegations for `make run`: in a city, one or more delegations in every state of
the workflow, made through the services as the demo users (``tenants/demo.py``), with
the city's own submitting units and Chinese names.

Idempotent: a city that already has delegations is left alone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from apps.accounts.models import User
from apps.casework import services as casework
from apps.casework.selectors import decider
from apps.trips import limits, services
from apps.trips.models import Delegation, TravelDocument

SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高"
GIVEN_NAMES = [
    "建国",
    "丽华",
    "志强",
    "晓明",
    "海燕",
    "文博",
    "雪梅",
    "国栋",
    "佳怡",
    "宏伟",
    "秀英",
    "俊杰",
    "振华",
    "思远",
    "敏",
    "涛",
    "婷",
    "军",
    "芳",
    "勇",
]
# (country, short Chinese name, inviting organisation)
PLACES = {
    "JP": ("日本", "Osaka Chamber of Commerce and Industry"),
    "KR": ("韩国", "Busan Metropolitan City"),
    "SG": ("新加坡", "Singapore Business Federation"),
    "DE": ("德国", "Messe Frankfurt GmbH"),
    "FR": ("法国", "Ville de Nice"),
    "GB": ("英国", "The University of Manchester"),
    "AU": ("澳大利亚", "City of Sydney"),
    "NZ": ("新西兰", "Auckland Council"),
    "MY": ("马来西亚", "Malaysia-China Chamber of Commerce"),
    "TH": ("泰国", "Thai Chamber of Commerce"),
    "IT": ("意大利", "Comune di Milano"),
    "HK": ("香港", "Hong Kong Trade Development Council"),
}
PURPOSES = {
    "trade": ("经贸考察团", "参加经贸洽谈会，推介本地营商环境，拜访重点外资企业。"),
    "twinning": ("友好城市交流团", "出席友好城市结好周年活动，商谈下一阶段交流合作计划。"),
    "education": ("教育交流团", "考察职业教育和校企合作，签署校际合作备忘录。"),
    "culture": ("文化旅游推介团", "举办城市文化旅游推介会，对接当地旅行商。"),
    "science": ("科技合作考察团", "参加国际科技博览会，洽谈科技园区合作项目。"),
    "health": ("卫生健康交流团", "考察公共卫生应急体系，开展医疗人才培训合作。"),
}


@dataclass
class _Names:
    """Unique traveller names and document numbers within one city."""

    offset: int
    index: int = 0

    def next(self, *, hkmo: bool = False) -> tuple[str, str, str]:
        i = self.index
        self.index += 1
        name = SURNAMES[(i + self.offset) % 20] + GIVEN_NAMES[(7 * i + self.offset) % 20]
        number = (
            f"C{self.offset % 10}{4000000 + i:07d}" if hkmo else f"SE{5000000 + self.offset * 100 + i:07d}"
        )
        return name, number, "FM"[i % 2]


class _Demo:
    def __init__(self, today: datetime.date):
        profile = connection.tenant.profile
        self.today = today
        self.city_zh = (profile.get("city_names") or {}).get("zh", "")
        self.units = profile.get("submitting_units") or []
        self.names = _Names(offset=sum(map(ord, connection.tenant.code)) % 20)
        self.users = {user.username: user for user in User.objects.filter(is_active=True)}
        self.limits = limits.effective_limits()
        self.lead = int(self.limits.get("min_lead_working_days") or 20)
        self.unit_index = 0
        self.created: list[Delegation] = []

    def user(self, role: str) -> User:
        return self.users[role]

    def unit(self) -> dict:
        unit = self.units[self.unit_index % len(self.units)]
        self.unit_index += 1
        return unit

    def future(self, weeks: int) -> datetime.date:
        from apps.workdays.calendar import add_working_days

        return add_working_days(self.today, self.lead + 5) + datetime.timedelta(weeks=weeks)

    def data(self, *, unit, country, purpose, departure, days=5, people=2, senior_rank=None, kind="abroad"):
        place, inviter = PLACES[country]
        label, text = PURPOSES[purpose]
        hkmo = kind == "hkmo"
        members = []
        for index in range(people):
            name, number, gender = self.names.next(hkmo=hkmo)
            senior = senior_rank is not None and index == 0
            members.append(
                {
                    "name": name,
                    "gender": gender,
                    "birth_date": datetime.date(
                        1968 + (len(self.created) * 3 + index * 5) % 22, 1 + index % 12, 10
                    ),
                    "unit": "市人民政府" if senior else unit["names"]["zh"],
                    "position": "副市长" if senior else ["处长", "副处长", "科长", "主任科员"][index % 4],
                    "rank": senior_rank
                    if senior
                    else ["division", "deputy_division", "section", "staff"][index % 4],
                    "document_type": "hkmo_permit" if hkmo else "official_passport",
                    "document_number": number,
                    "is_interpreter": index == people - 1 and people > 2,
                }
            )
        return_date = departure + datetime.timedelta(days=days - 1)
        who = f"{self.city_zh}代表团" if senior_rank else unit["names"]["zh"]
        return {
            "kind": kind,
            "title": f"{who}赴{place}{label}",
            "unit_code": unit["code"],
            "purpose": text,
            "inviter_name": inviter,
            "inviter_country": country,
            "funding_source": "部门预算（因公出国（境）经费）",
            "budget": Decimal(45000 * people + 5000 * days),
            "departure": departure,
            "return_date": return_date,
            "members": members,
            "destinations": [{"country": country, "arrive": departure, "leave": return_date}],
        }

    def letter(self, delegation):
        """The inviting organisation's letter: a one-page PDF naming the inviter."""
        from django.core.files.uploadedfile import SimpleUploadedFile

        from apps.documents.pdf import render_text_pdf

        pdf = render_text_pdf(["Letter of invitation", delegation.inviter_name, delegation.title])
        return SimpleUploadedFile("invitation.pdf", pdf, content_type="application/pdf")

    # --- the steps, through the services -----------------------------------------------------

    def create(self, data, actor="clerk") -> Delegation:
        delegation = services.create_delegation(actor=self.user(actor), data=data)
        self.created.append(delegation)
        return delegation

    def submit(self, delegation, actor="clerk") -> Delegation:
        if services.missing_invitation(delegation):
            delegation = services.attach_invitation(
                actor=self.user(actor), delegation=delegation, uploaded_file=self.letter(delegation)
            )
        for breach in services.open_breaches(delegation):
            if breach.overridable:
                services.override_limit(
                    actor=self.user("director"),
                    delegation=delegation,
                    rule=breach.rule,
                    justification="市委市政府临时交办的紧急出访任务，经主任办公会研究同意。",
                )
        return services.submit(actor=self.user(actor), delegation=delegation)

    def step(self, delegation, name="approve", comment="") -> Delegation:
        case = delegation.case
        casework.perform(case=case, name=name, actor=decider(case), comment=comment)
        delegation.refresh_from_db()
        return delegation

    def approve_all(self, delegation) -> Delegation:
        while delegation.case.state == "in_review":
            delegation = self.step(delegation)
        return delegation

    def issue(self, delegation) -> Delegation:
        for member in delegation.members.all():
            services.acknowledge_education(actor=self.user("clerk"), member=member)
        return services.issue_approval_document(
            actor=self.user("clerk"),
            delegation=delegation,
            today=delegation.notice_until + datetime.timedelta(days=1),
        )


def ensure_demo_delegations(today: datetime.date | None = None) -> list[str]:
    """Creates the demo delegations of the current city (the connection's schema) unless
    it has delegations already. Returns what it did, one line per delegation."""
    if Delegation.objects.exists():
        return []
    demo = _Demo(today or timezone.localdate())
    if not demo.units or not {"clerk", "director", "submitter"} <= set(demo.users):
        return []
    future, past = demo.future, demo.today

    # draft, by the department itself
    submitter = demo.user("submitter")
    own_unit = next((u for u in demo.units if u["code"] == submitter.unit), demo.units[0])
    demo.create(
        demo.data(unit=own_unit, country="KR", purpose="education", departure=future(4)), actor="submitter"
    )
    # in review at the first and at the second step
    demo.submit(demo.create(demo.data(unit=demo.unit(), country="JP", purpose="trade", departure=future(2))))
    second = demo.submit(
        demo.create(demo.data(unit=demo.unit(), country="DE", purpose="science", departure=future(3)))
    )
    demo.step(second)
    # returned for changes
    returned = demo.submit(
        demo.create(
            demo.data(unit=demo.unit(), country="FR", purpose="twinning", people=1, departure=future(5))
        )
    )
    demo.step(returned, "return", "请补充邀请函中文译本，并说明出访日程安排。")
    # up to the provincial FAO: a senior traveller
    min_rank = (
        (connection.tenant.profile.get("approval_chains") or {}).get("trip", {}).get("escalate_to_province")
        or {}
    ).get("min_rank")
    if min_rank:
        demo.approve_all(
            demo.submit(
                demo.create(
                    demo.data(
                        unit=demo.unit(),
                        country="SG",
                        purpose="trade",
                        people=3,
                        senior_rank=min_rank,
                        departure=future(6),
                    )
                )
            )
        )
    # approved, in public notice; and one on hold after an objection
    demo.approve_all(
        demo.submit(
            demo.create(demo.data(unit=demo.unit(), country="AU", purpose="culture", departure=future(7)))
        )
    )
    held = demo.approve_all(
        demo.submit(
            demo.create(
                demo.data(unit=demo.unit(), country="MY", purpose="trade", people=1, departure=future(8))
            )
        )
    )
    services.record_objection(
        actor=demo.user("clerk"),
        delegation=held,
        objection="公示期间收到来信，反映团组人员与出访任务关联不紧密，待核实。",
    )
    # issued: one about to leave (Hong Kong, the demo submitter's own unit: it can open its
    # 任务批件), one back whose passport is overdue
    demo.issue(
        demo.approve_all(
            demo.submit(
                demo.create(
                    demo.data(
                        unit=own_unit,
                        country="HK",
                        purpose="trade",
                        kind="hkmo",
                        days=3,
                        departure=future(1),
                    )
                )
            )
        )
    )
    demo.issue(
        demo.approve_all(
            demo.submit(
                demo.create(
                    demo.data(
                        unit=demo.unit(),
                        country="TH",
                        purpose="culture",
                        people=1,
                        days=4,
                        departure=past - datetime.timedelta(days=20),
                    )
                )
            )
        )
    )
    # closed with its report; its documents are back in custody
    closed = demo.issue(
        demo.approve_all(
            demo.submit(
                demo.create(
                    demo.data(
                        unit=demo.unit(),
                        country="NZ",
                        purpose="health",
                        days=5,
                        departure=past - datetime.timedelta(days=60),
                    )
                )
            )
        )
    )
    for document in TravelDocument.objects.filter(issued_for=closed):
        services.return_travel_document(actor=demo.user("clerk"), document=document)
    services.file_report(
        actor=demo.user("clerk"),
        delegation=closed,
        report="团组按批准的日程完成全部任务，拜访了当地卫生部门和三家医疗机构，达成人才培训合作意向。",
        outcome="团组已按期回国，出访任务全部完成，无超范围活动。",
    )
    # refused, and withdrawn by the department
    demo.step(
        demo.submit(
            demo.create(demo.data(unit=demo.unit(), country="IT", purpose="culture", departure=future(9)))
        ),
        "reject",
        "出访必要性不足，与年度外事计划不符。",
    )
    withdrawn = demo.create(
        demo.data(unit=own_unit, country="GB", purpose="education", people=1, departure=future(10)),
        actor="submitter",
    )
    casework.perform(
        case=withdrawn.case, name="withdraw", actor=submitter, comment="出访计划调整，撤回申请。"
    )

    states = sorted(set(Delegation.objects.values_list("case__state", flat=True)))
    return [f"{connection.tenant.code}: created {len(demo.created)} demo delegations ({', '.join(states)})"]
