"""The BRLC secretariat's services: application → review on the chain → the committee's
decision → member with its welcome letter; meetings and resolutions; projects; notices;
withdrawal; the clear errors (joining twice, adopting at a meeting not yet held)."""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from pypdf import PdfReader

from apps.audit.models import AuditEntry
from apps.brlc import report, selectors, services
from apps.brlc.models import Application, Delivery, Member, Resolution
from apps.documents.models import Document
from apps.reporting.models import MonthlyFigure
from tests.brlc.helpers import DAY, ApplicationFactory, application_data, meeting, member, people, today
from tests.conftest import in_city
from tests.jobs.helpers import run_jobs as run_all_jobs


def run_jobs() -> None:
    """The worker's run, then back in Hangzhou's schema where these tests work."""
    from django.db import connection

    from tenants.models import City

    run_all_jobs()
    connection.set_tenant(City.offices.select_related("province").get(code="hangzhou"))


@pytest.fixture
def users(db):
    with in_city("hangzhou"):
        yield people()


def test_an_application_reviewed_on_the_chain_and_admitted_by_a_meeting_makes_a_member(users):
    application = ApplicationFactory(users=users, approved=True)
    assert application.state == "reviewed"
    steps = [e.actor_role for e in application.case.events.filter(transition="approve")]
    assert steps == ["reviewer", "division_head"]  # the profile's chain; the clerk approved nothing
    council = meeting(users)

    services.admit(actor=users["clerk"], record=application, data={"meeting": council.pk})

    application = Application.objects.select_related("case", "member").get(pk=application.pk)
    new = application.member
    assert application.state == "admitted" and application.meeting == council
    assert (
        new.status == "active" and new.join_date == council.date and new.name_native.startswith("Teststadt")
    )
    assert [c.email for c in new.contacts.all()] == [application.contact_email]
    letter = Document.objects.get(pk=application.letter_document_id)
    assert letter.number.startswith("杭外侨办函〔") and letter.number == application.letter_number
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(bytes(letter.content))).pages)
    assert "入会欢迎函" in text and "Letter of Welcome" in text and new.name_en in text
    assert [e.action for e in selectors.history_of(new)] == ["brlc.admit_member"]
    figures = dict(MonthlyFigure.objects.filter(metric__startswith="brlc.").values_list("metric", "value"))
    assert figures["brlc.admissions"] == 1 and figures["brlc.active_members"] == 1


def test_a_meeting_that_has_not_happened_cannot_decide_and_nothing_changes(users):
    application = ApplicationFactory(users=users, approved=True)
    planned = meeting(users, held=False, days=20)

    with pytest.raises(ValidationError) as error:
        services.admit(actor=users["clerk"], record=application, data={"meeting": planned.pk})

    assert "meeting" in error.value.message_dict
    assert Application.objects.get(pk=application.pk).case.state == "reviewed"
    assert not Member.objects.exists() and not Document.objects.exists()


def test_an_active_member_applying_again_is_a_clear_error(users):
    busan = member(users, name_en="Busan", name_zh="釜山", country="KR")

    with pytest.raises(ValidationError) as error:
        services.create_application(
            actor=users["clerk"], data=application_data(name_en="BUSAN", name_zh="釜山广域市", country="kr")
        )
    assert "不能重复入会" in str(error.value.message_dict["name_en"])
    assert Application.objects.count() == 1  # only the first one

    # A twin admitted meanwhile: the second admission is refused, nothing half-saved.
    twin = ApplicationFactory(
        users=users, data=application_data(name_en="Osaka", name_zh="大阪", country="JP"), approved=True
    )
    ApplicationFactory(
        users=users, data=application_data(name_en="Osaka", name_zh="大阪府", country="JP"), admitted=True
    )
    with pytest.raises(ValidationError):
        services.admit(actor=users["clerk"], record=twin, data={"meeting": meeting(users).pk})
    assert Application.objects.get(pk=twin.pk).case.state == "reviewed"
    assert Member.objects.filter(country="JP").count() == 1 and busan.status == "active"


def test_withdrawal_leaves_the_directory_keeps_the_history_and_allows_rejoining(users):
    leaving = member(users, name_en="Varna", name_zh="瓦尔纳", country="BG")
    with pytest.raises(ValidationError):
        services.withdraw_member(
            actor=users["clerk"], record=leaving, data={"withdrawn_on": today() + DAY, "reason": "x"}
        )

    services.withdraw_member(
        actor=users["clerk"], record=leaving, data={"withdrawn_on": today(), "reason": "调整"}
    )

    assert leaving not in selectors.public_members()
    assert [e.action for e in selectors.history_of(leaving)] == ["brlc.withdraw_member", "brlc.admit_member"]
    again = ApplicationFactory(
        users=users, data=application_data(name_en="Varna", name_zh="瓦尔纳", country="BG"), admitted=True
    )
    assert again.member.pk == leaving.pk and again.member.status == "active"


def test_a_resolution_adopted_by_a_meeting_that_has_not_happened_is_a_clear_error(users):
    planned = meeting(users, held=False, days=15)
    data = {
        "number": "R-1",
        "title_zh": "决议",
        "title_en": "Resolution",
        "text_zh": "文本",
        "text_en": "Text",
        "adoption": {"method": "consensus"},
    }

    with pytest.raises(ValidationError) as error:
        services.create_resolution(actor=users["clerk"], data={**data, "meeting": planned.pk})
    assert "meeting" in error.value.message_dict
    assert not Resolution.objects.exists()

    draft = services.create_resolution(
        actor=users["clerk"], data={**data, "adoption": None, "meeting": planned.pk}
    )
    with pytest.raises(ValidationError):
        services.adopt(actor=users["clerk"], record=draft, data={"method": "consensus"})
    assert Resolution.objects.get(pk=draft.pk).status == "draft"
    with pytest.raises(ValidationError):  # not yet: the meeting is in the future
        services.record_meeting(
            actor=users["clerk"], record=planned, data={"attended": [], "minutes": "纪要"}
        )


def test_a_held_meeting_adopts_by_vote_and_the_resolution_is_followed_up(users):
    held = meeting(users, kind="executive")
    draft = services.create_resolution(
        actor=users["clerk"],
        data={
            "meeting": held.pk,
            "number": "R-2",
            "title_zh": "决议",
            "title_en": "R",
            "text_zh": "文",
            "text_en": "T",
        },
    )
    with pytest.raises(ValidationError) as error:
        services.adopt(
            actor=users["clerk"], record=draft, data={"method": "vote", "votes_for": 3, "votes_against": 5}
        )
    assert "votes_for" in error.value.message_dict

    services.adopt(
        actor=users["clerk"],
        record=draft,
        data={"method": "vote", "votes_for": 9, "votes_against": 1, "abstentions": 2},
    )
    resolution = Resolution.objects.get(pk=draft.pk)
    assert (resolution.status, resolution.votes_for, resolution.decided_on) == ("adopted", 9, held.date)
    with pytest.raises(ValidationError):
        services.add_follow_up(
            actor=users["clerk"],
            record=resolution,
            data={"reported_on": held.date - DAY, "status": "done", "note": "x"},
        )
    services.add_follow_up(
        actor=users["clerk"],
        record=resolution,
        data={"reported_on": today(), "status": "in_progress", "note": "已启动"},
    )
    assert resolution.follow_up_status == "in_progress"
    assert list(selectors.public_resolutions()) == [resolution]


def test_invitations_and_notices_are_mailed_and_each_delivery_recorded(
    users, django_capture_on_commit_callbacks
):
    with_mail = member(users, name_en="Almaty", name_zh="阿拉木图", country="KZ")
    without = member(users, name_en="Colombo", name_zh="科伦坡", country="LK", contact_email="")
    planned = meeting(users, held=False, days=5)

    with django_capture_on_commit_callbacks(execute=True):
        services.invite(
            actor=users["clerk"],
            record=planned,
            data={"members": [with_mail.pk, without.pk], "message": "诚邀出席"},
        )
    assert mail.outbox == []  # the e-mails leave through the job queue
    run_jobs()

    assert [m.to for m in mail.outbox] == [[with_mail.contacts.get().email]]
    deliveries = {d.member_id: d.status for d in Delivery.objects.all()}
    assert deliveries == {with_mail.pk: "sent", without.pk: "no_address"}
    assert planned.participations.count() == 2
    with pytest.raises(ValidationError):  # a withdrawn member gets no notices
        services.withdraw_member(
            actor=users["clerk"], record=without, data={"withdrawn_on": today(), "reason": "x"}
        )
        services.send_notice(
            actor=users["clerk"], data={"subject": "s", "body": "b", "members": [without.pk]}
        )


def test_a_project_between_members_from_plan_to_outcome(users):
    lead, partner = member(users, name_en="A", name_zh="甲"), member(users, name_en="B", name_zh="乙")
    data = {
        "title_zh": "项目",
        "title_en": "Project",
        "summary": "合作",
        "lead": lead.pk,
        "partners": [partner.pk],
        "starts_on": today(),
        "ends_on": today() - DAY,
    }
    with pytest.raises(ValidationError) as error:
        services.create_project(actor=users["clerk"], data=data)
    assert "ends_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.create_project(
            actor=users["clerk"], data={**data, "ends_on": today() + DAY, "partners": [lead.pk]}
        )
    assert "partners" in error.value.message_dict

    project = services.create_project(actor=users["clerk"], data={**data, "ends_on": today() + 90 * DAY})
    services.add_milestone(
        actor=users["clerk"], record=project, data={"title": "备忘录", "due_on": today() + DAY}
    )
    milestone = project.milestones.get()
    services.reach_milestone(
        actor=users["clerk"], record=project, data={"milestone": milestone.pk, "done_on": today()}
    )
    services.report_status(
        actor=users["clerk"],
        record=project,
        data={"reported_on": today(), "progress": 50, "text": "进展顺利"},
    )
    project.refresh_from_db()
    assert project.status == "ongoing"
    services.close_project(
        actor=users["clerk"], record=project, data={"status": "completed", "outcome": "成果汇编"}
    )
    project.refresh_from_db()
    assert (project.status, project.outcome) == ("completed", "成果汇编")
    with pytest.raises(ValidationError):
        services.report_status(
            actor=users["clerk"], record=project, data={"reported_on": today(), "progress": 60, "text": "x"}
        )
    assert AuditEntry.objects.filter(object_type="brlc.project", object_id=str(project.pk)).count() == 5


def test_the_annual_report_counts_members_meetings_and_projects(users):
    member(users, name_en="A", name_zh="甲")
    annual = report.annual_report(today().year)
    assert annual.as_dict()["active_members"] == 1 and annual.as_dict()["meetings_held"] == 1
    workbook = load_workbook(io.BytesIO(report.xlsx_response(annual).content))
    assert workbook.sheetnames == ["summary", "members", "meetings", "resolutions", "projects"]
    assert workbook["members"]["B2"].value == "A"


def test_only_the_secretariat_writes(users):
    with pytest.raises(Exception) as error:
        services.create_application(actor=users["reviewer"], data=application_data())
    assert type(error.value).__name__ == "PermissionDenied"


def test_the_meetings_are_on_the_foreign_affairs_calendar(users):
    from apps.registry.modules import registry

    held, planned = meeting(users), meeting(users, held=False, days=3)
    cancelled = meeting(users, held=False, days=4)
    services.cancel_meeting(actor=users["clerk"], record=cancelled, data={"reason": "x"})
    entries = registry.get("brlc").calendar_entries(today() - 30 * DAY, today() + 30 * DAY)
    assert [e.uid for e in entries] == [f"brlc:meeting:{held.pk}", f"brlc:meeting:{planned.pk}"]
    assert entries[1].url == f"/brlc/meetings/{planned.pk}/"


def test_the_clerk_is_asked_to_record_decisions_and_minutes(users):
    from apps.brlc.selectors import waiting_for

    reviewed = ApplicationFactory(users=users, approved=True)
    overdue = meeting(users, held=False, days=0)
    tasks = {(item.url, item.task) for item in waiting_for(users["clerk"], today=today() + DAY)}
    assert (f"/brlc/applications/{reviewed.pk}/", "登记理事会决定") in tasks
    assert any(url == f"/brlc/meetings/{overdue.pk}/" for url, _ in tasks)
    assert waiting_for(users["reviewer"]) == []  # the secretariat's own work


def test_a_notice_rolled_back_mails_nothing_and_a_committed_one_is_queued(users):
    from django.db import transaction

    from tests.jobs.helpers import jobs

    someone = member(users, name_en="Tbilisi", name_zh="第比利斯", country="GE")
    with pytest.raises(RuntimeError), transaction.atomic():
        services.send_notice(
            actor=users["clerk"], data={"members": [someone.pk], "subject": "S", "body": "B"}
        )
        raise RuntimeError("the caller's change fails after the notice")
    assert jobs("brlc.deliver_notice") == []
    notice = services.send_notice(
        actor=users["clerk"], data={"members": [someone.pk], "subject": "S", "body": "B"}
    )
    assert [job["args"]["notice"] for job in jobs("brlc.deliver_notice")] == [notice.pk]
    run_jobs()
    assert [m.subject for m in mail.outbox] == ["S"]
    assert notice.deliveries.get().status == "sent"
