"""The approval chain from the profile, escalation to the province and back, conflicts."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.casework import services as casework
from apps.casework.services import StaleCase
from apps.provincial import services as provincial
from apps.reporting import figures
from apps.reporting.models import EscalatedCase
from apps.trips import services
from tests.conftest import in_city
from tests.factories import UserFactory
from tests.trips.helpers import approve_all, member, people, submitted, trip_data


def approvers(delegation) -> list[str]:
    return [event.actor_role for event in delegation.case.events.filter(transition="approve")]


@pytest.mark.parametrize(
    ("city", "chain"),
    [
        ("hangzhou", ["reviewer", "division_head", "director"]),
        ("lanzhou", ["clerk", "reviewer", "division_head", "director"]),
        ("quzhou", ["division_head", "director"]),
    ],
)
def test_each_city_approves_in_the_order_its_profile_gives(db, city, chain):
    with in_city(city):
        users = people()
        delegation = submitted(users)
        assert delegation.case.chain == chain
        delegation = approve_all(users, delegation)
        assert approvers(delegation) == chain
        assert delegation.case.state == "approved"


def test_a_test_profile_with_another_chain_gives_another_order(db, reprofile):
    def director_first(data):
        data["approval_chains"]["trip"]["steps"] = [
            "director",
            {"role": "division_head", "when": {"min_budget": 500000}},
            "reviewer",
        ]

    reprofile("hangzhou", director_first)
    with in_city("hangzhou"):
        users = people()
        cheap = approve_all(users, submitted(users))
        dear = approve_all(users, submitted(users, trip_data(budget="600000.00", members=[member("李四")])))
        assert approvers(cheap) == ["director", "reviewer"]
        assert approvers(dear) == ["director", "division_head", "reviewer"]


def test_only_the_role_of_the_current_step_may_approve(db):
    with in_city("hangzhou"):
        users = people()
        delegation = submitted(users)
        case = delegation.case
        with pytest.raises(PermissionDenied):
            casework.perform(case=case, name="approve", actor=users["director"], version=case.version)
        case.refresh_from_db()
        assert (case.state, case.step) == ("in_review", 0)


def test_a_transition_the_state_does_not_allow_is_refused_and_changes_nothing(db):
    with in_city("hangzhou"):
        users = people()
        delegation = services.create_delegation(actor=users["clerk"], data=trip_data())
        with pytest.raises(ValidationError, match=r"草稿.*出具任务批件"):
            casework.perform(case=delegation.case, name="issue", actor=users["clerk"])
        delegation.case.refresh_from_db()
        assert delegation.case.state == "draft"
        assert delegation.case.events.count() == 1  # only "open"


def test_returning_needs_a_comment_and_sends_the_case_back_for_changes(db):
    with in_city("hangzhou"):
        users = people()
        case = submitted(users).case
        with pytest.raises(ValidationError):
            casework.perform(case=case, name="return", actor=users["reviewer"], version=case.version)
        case = casework.perform(
            case=case, name="return", actor=users["reviewer"], comment="请补充邀请函", version=case.version
        )
        assert case.state == "returned"
        assert case.events.last().comment == "请补充邀请函"


def test_two_reviewers_acting_on_the_same_version_one_wins_the_other_gets_a_conflict(db):
    with in_city("hangzhou"):
        users = people()
        case = submitted(users).case
        second_reviewer = UserFactory(username="hz_t_reviewer2", role="reviewer")
        seen_version = case.version

        casework.perform(case=case, name="approve", actor=users["reviewer"], version=seen_version)
        with pytest.raises(StaleCase):
            casework.perform(case=case, name="approve", actor=second_reviewer, version=seen_version)
        case.refresh_from_db()
        assert case.step == 1
        assert case.events.filter(transition="approve").count() == 1


def test_a_senior_traveller_goes_up_to_the_province_and_its_decision_comes_back(db):
    reviewer = UserFactory(username="zj_reviewer", role="province_reviewer", unit="zhejiang")
    with in_city("hangzhou"):
        users = people()
        senior = [member("王五", rank="department", position="副市长")]
        delegation = approve_all(users, submitted(users, trip_data(members=senior)))
        assert delegation.case.state == "escalated"

    escalation = EscalatedCase.objects.get(city__code="hangzhou", case_id=delegation.case_id)
    assert escalation.province.code == "zhejiang"
    members = next(t for t in escalation.summary["tables"] if t["names"]["en"] == "Members")
    assert members["rows"][0][0] == "王五" and members["rows"][0][2] == "1975-03-01"
    assert members["rows"][0][5] == {"zh": "正厅（局）级", "en": "Department level"}
    assert [event["action"]["zh"] for event in escalation.summary["history"]][-1] == "同意"

    provincial.decide(
        user=reviewer, province=escalation.province, escalation=escalation, approve=True, comment="同意"
    )

    escalation.refresh_from_db()
    assert escalation.state == "approved"
    with in_city("hangzhou"):
        delegation.refresh_from_db()
        case = delegation.case
        assert case.state == "approved"
        last = case.events.last()
        assert (last.transition, last.actor_org, last.comment) == (
            "province_approve",
            "浙江省人民政府外事办公室",
            "同意",
        )
        assert delegation.notice_until is not None


def test_a_province_cannot_decide_another_provinces_case(db):
    from tenants.models import Province

    reviewer = UserFactory(username="gd_reviewer", role="province_reviewer", unit="guangdong")
    with in_city("hangzhou"):
        users = people()
        approve_all(users, submitted(users, trip_data(members=[member("王五", rank="department")])))
    escalation = EscalatedCase.objects.get(city__code="hangzhou")
    with pytest.raises(PermissionDenied):
        provincial.decide(
            user=reviewer,
            province=Province.objects.get(code="guangdong"),
            escalation=escalation,
            approve=True,
        )
    escalation.refresh_from_db()
    assert escalation.state == "pending"


def test_the_public_notice_runs_the_profiles_working_days_across_a_holiday(db, monkeypatch):
    """Approved on Friday 2026-09-18: Sunday 2026-09-20 is a make-up working day (调休)
    before Mid-Autumn, so five working days end on Thursday the 24th, not Friday the 25th."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 9, 18))
    with in_city("hangzhou"):
        users = people()
        start = datetime.date(2026, 12, 7)
        delegation = approve_all(users, submitted(users, trip_data(start=start)))
    # working days after Fri 18: Sun 20 (make-up), Mon 21, Tue 22, Wed 23, Thu 24 -> 24th
    assert delegation.notice_until == datetime.date(2026, 9, 24)


def test_the_provinces_sums_follow_its_cities_counters_and_can_be_rebuilt(db):
    from django.db.models import Sum

    from apps.reporting.models import MonthlyFigure, ProvinceFigure
    from tenants.models import Province

    for code in ("hangzhou", "quzhou"):  # both in Zhejiang
        with in_city(code):
            users = people()
            approve_all(users, submitted(users))
    zhejiang = Province.objects.get(code="zhejiang")

    def sums(model):
        rows = model.objects.filter(province=zhejiang).values("metric", "key").annotate(total=Sum("value"))
        return {(row["metric"], row["key"]): row["total"] for row in rows}

    assert sums(ProvinceFigure)[("trips.delegations", "")] == 2
    assert sums(ProvinceFigure) == sums(MonthlyFigure)
    before = sums(ProvinceFigure)
    ProvinceFigure.objects.filter(province=zhejiang).update(value=0)  # e.g. after a correction
    figures.rebuild_province_figures(zhejiang)
    assert sums(ProvinceFigure) == before


def test_the_province_opens_the_invitation_letter_and_the_document_says_the_province_approved(db):
    import datetime
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from pypdf import PdfReader

    from apps.documents.models import Document
    from tests.factories import PASSWORD

    reviewer = UserFactory(username="zj_files", role="province_reviewer", unit="zhejiang")
    UserFactory(username="gd_files", role="province_reviewer", unit="guangdong")
    with in_city("hangzhou"):
        users = people()
        delegation = services.create_delegation(
            actor=users["clerk"],
            data=trip_data(members=[member("王五", rank="department", position="副市长")]),
        )
        letter = SimpleUploadedFile("letter.pdf", b"%PDF-1.4\n% invitation\n", content_type="application/pdf")
        services.attach_invitation(actor=users["clerk"], delegation=delegation, uploaded_file=letter)
        delegation = approve_all(users, services.submit(actor=users["clerk"], delegation=delegation))
    escalation = EscalatedCase.objects.get(city__code="hangzhou", case_id=delegation.case_id)

    def signed_in(username):
        client = Client(HTTP_HOST="zhejiang.localhost" if username == "zj_files" else "guangdong.localhost")
        client.post("/accounts/sign-in/", {"username": username, "password": PASSWORD})
        return client

    zhejiang = signed_in("zj_files")
    page = zhejiang.get(f"/queue/{escalation.pk}/").content.decode()
    letter_file = zhejiang.get(f"/queue/{escalation.pk}/files/0/")
    assert "邀请函" in page and "经费来源" in page and "部门预算" in page
    assert letter_file.status_code == 200 and letter_file.content.startswith(b"%PDF")
    assert zhejiang.get(f"/queue/{escalation.pk}/files/1/").status_code == 404
    assert signed_in("gd_files").get(f"/queue/{escalation.pk}/files/0/").status_code == 404

    provincial.decide(user=reviewer, province=escalation.province, escalation=escalation, approve=True)
    with in_city("hangzhou"):
        delegation.refresh_from_db()
        for person in delegation.members.all():
            services.acknowledge_education(actor=users["clerk"], member=person)
        delegation = services.issue_approval_document(
            actor=users["clerk"],
            delegation=delegation,
            today=delegation.notice_until + datetime.timedelta(days=1),
        )
        content = bytes(Document.objects.get(pk=delegation.approval_document_id).content)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).replace("\n", "")
    assert "已报经浙江省" in text and "批准" in text
