"""The conference's path: thresholds from the profile decide the city or the province (the
province decides on its portal), the numbered approval, the outcome report by its deadline
in working days, reminders and the province's figures, the demo in every state."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from apps.conferences import reminders, services
from apps.conferences.models import Conference
from apps.reporting.models import EscalatedCase
from tests.conferences.helpers import FAR, ConferenceFactory, approve_all, conference_data, people
from tests.conftest import in_city
from tests.factories import PASSWORD, UserFactory


def _submitted(users, data):
    conference = services.create_conference(actor=users["clerk"], data=data)
    services.submit(actor=users["clerk"], record=conference, data={})
    conference.case.refresh_from_db()
    return conference


def test_a_small_conference_is_decided_by_the_city_on_its_chain(db):
    with in_city("guangzhou"):
        users = people()
        conference = _submitted(users, conference_data())
        assert conference.case.chain == ["reviewer", "division_head"]
        assert conference.case.facts["needs_province"] is False
        approve_all(users, conference)
        assert conference.case.state == "approved"
        assert not EscalatedCase.objects.filter(case_id=conference.case_id).exists()


def test_fifty_foreign_participants_add_the_director(db):
    with in_city("hangzhou"):
        users = people()
        data = conference_data(
            countries=[{"country": "DE", "participants": 30}, {"country": "FR", "participants": 25}]
        )
        conference = _submitted(users, data)
        assert conference.case.chain == ["reviewer", "division_head", "director"]
        assert conference.scale == "medium" and conference.foreign_participants == 55


@pytest.mark.parametrize(
    "change",
    [
        {"countries": [{"country": "US", "participants": 120}]},  # foreign participants
        {
            "countries": [{"country": "FR", "participants": 5}],
            "heads": [{"name": "Jean Dupont", "country": "FR", "title": "Minister", "rank": "provincial"}],
        },  # a ministerial-level guest
    ],
)
def test_a_threshold_sends_it_to_the_province(db, change):
    with in_city("guangzhou"):
        users = people()
        conference = approve_all(users, _submitted(users, conference_data(**change)))
        assert conference.case.state == "escalated"
        assert EscalatedCase.objects.filter(case_id=conference.case_id, province__code="guangdong").exists()


def test_a_sensitive_country_sends_it_to_the_province(db, reprofile):
    reprofile("hangzhou", lambda data: data["modules"]["conferences"].update(sensitive_countries=["VA"]))
    with in_city("hangzhou"):
        users = people()
        conference = _submitted(users, conference_data(countries=[{"country": "VA", "participants": 2}]))
        assert conference.case.facts["needs_province"] is True
        approve_all(users, conference)
        assert conference.case.state == "escalated"


def test_the_province_decides_on_its_portal_and_the_city_issues_the_numbered_approval(db):
    UserFactory(username="gd_conf_rev", role="province_reviewer", unit="guangdong")
    with in_city("guangzhou"):
        users = people()
        conference = ConferenceFactory(users=users, escalated=True)
        assert conference.case.state == "escalated"
    escalation = EscalatedCase.objects.get(city__code="guangzhou", case_id=conference.case_id)
    fields = {f["names"]["en"]: f["value"] for f in escalation.summary["fields"]}
    assert "Sister Cities Forum" in fields["Name"]
    assert fields["Why the province decides"]["zh"] == "境外参会人数达到报省标准"
    portal = Client(HTTP_HOST="guangdong.localhost")
    assert (
        portal.post("/accounts/sign-in/", {"username": "gd_conf_rev", "password": PASSWORD}).status_code
        == 302
    )
    queue = portal.get("/queue/").content.decode()
    assert "国际友城论坛" in queue
    page = portal.get(f"/queue/{escalation.pk}/").content.decode()
    assert "境外参会人数达到报省标准" in page and "国际会议中心" in page
    # Zhejiang's portal does not see Guangzhou's case
    UserFactory(username="zj_conf_rev", role="province_reviewer", unit="zhejiang")
    other = Client(HTTP_HOST="zhejiang.localhost")
    other.post("/accounts/sign-in/", {"username": "zj_conf_rev", "password": PASSWORD})
    assert other.get(f"/queue/{escalation.pk}/").status_code == 404
    decided = portal.post(f"/queue/{escalation.pk}/", {"decision": "approve", "comment": "同意举办"})
    assert decided.status_code == 302
    with in_city("guangzhou"):
        conference = Conference.objects.select_related("case").get(pk=conference.pk)
        assert conference.case.state == "approved"
        services.issue_approval(
            actor=users["director"], record=conference, data={"version": conference.case.version}
        )
        conference.refresh_from_db()
        assert conference.approval_number.startswith("穗外办批〔") and conference.approval_number.endswith(
            "号"
        )
        conference.case.refresh_from_db()
        assert conference.case.state == "issued"
        assert conference.report_due is not None and conference.report_due > conference.end
    dashboard = portal.get(f"/?year={FAR.year}&half={1 if FAR.month <= 6 else 2}").content.decode()
    assert 'data-figure="conferences.conferences">1<' in dashboard


def test_the_outcome_report_is_due_in_working_days_reminded_and_overdue_counted(db):
    from apps.workdays.calendar import add_working_days

    past = datetime.date.today() - datetime.timedelta(days=40)
    with in_city("hangzhou"):
        users = people()
        conference = ConferenceFactory(users=users, data=conference_data(start=past), issued=True)
        assert conference.report_due == add_working_days(conference.end, 10)
        today = datetime.date.today()
        assert conference.report_due < today
        sent = reminders.due_reminders(today)
        assert [r.kind for r in sent] == ["conferences.report_due"]
        assert "已逾期" in sent[0].subject
        assert users["submitter"] in list(sent[0].recipients)
        from apps.conferences import selectors

        assert list(selectors.search(users["clerk"], overdue_only=True)) == [conference]
        services.file_report(
            actor=users["submitter"],
            record=conference,
            data={
                "report": "圆满完成",
                "actual_foreign_participants": 18,
                "version": conference.case.version,
            },
        )
        conference.refresh_from_db()
        conference.case.refresh_from_db()
        assert conference.case.state == "reported" and conference.actual_foreign_participants == 18
        assert reminders.due_reminders(today) == []


def test_the_report_cannot_be_filed_before_the_activity_is_over(db):
    with in_city("hangzhou"):
        users = people()
        conference = ConferenceFactory(users=users, issued=True)
        with pytest.raises(ValidationError) as error:
            services.file_report(
                actor=users["clerk"],
                record=conference,
                data={"report": "x", "actual_foreign_participants": 1},
            )
        assert "report" in error.value.message_dict
        conference.case.refresh_from_db()
        assert conference.case.state == "issued"


def test_the_demo_has_every_state_in_guangzhou_and_hangzhou_and_runs_once(db):
    from apps.conferences import demo
    from apps.conferences.workflow import STATES

    for code in ("guangzhou", "hangzhou"):
        with in_city(code):
            for role in ("clerk", "reviewer", "division_head", "director"):
                UserFactory(username=role, role=role)
            assert demo.ensure_demo()
            assert demo.ensure_demo() == []
            states = set(Conference.objects.values_list("case__state", flat=True))
            assert states == set(STATES), set(STATES) - states
            today = datetime.date.today()
            assert Conference.objects.filter(case__state="issued", report_due__lt=today).exists()
