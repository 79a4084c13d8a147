"""The overseas NGOs module's rules, through the services: a temporary activity filed by
the partner, reviewed on the chain, numbered with the public security filing number,
reported afterwards; bad filings refused whole; the representative offices' annual cycle
with its deadlines from the settings, the review not by whoever recorded it, and a late
report reminded."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.audit.models import AuditEntry
from apps.casework.models import Case
from apps.notifications.models import Notification
from apps.notifications.reminders import send_city_reminders
from apps.overseas_ngos import selectors, services
from apps.overseas_ngos.models import Filing, due_date
from apps.reporting.models import MonthlyFigure
from tenants.models import City
from tests.conftest import in_city
from tests.overseas_ngos.helpers import TODAY, approved_filing, filing_data, office, people, temporary


def test_a_temporary_activity_is_filed_reviewed_numbered_and_reported(db):
    with in_city("lanzhou"):
        users = people()
        organisation = temporary(users)
        filing = approved_filing(users, organisation, start=TODAY - datetime.timedelta(days=5))
        assert filing.case.state == "approved"
        assert [e.actor_role for e in filing.case.events.filter(transition="approve")] == [
            "reviewer",
            "division_head",
        ]
        with pytest.raises(PermissionDenied):  # the partner does not record the public security number
            services.record_filing(
                actor=users["submitter"], record=filing, data={"psb_number": "甘公境临备〔2026〕1号"}
            )
        services.record_filing(
            actor=users["clerk"], record=filing, data={"psb_number": "甘公境临备〔2026〕1号"}
        )
        filing = Filing.objects.select_related("case").get(pk=filing.pk)
        assert filing.case.state == "filed" and filing.psb_number == "甘公境临备〔2026〕1号"
        services.report_activity(
            actor=users["submitter"], record=filing, data={"report": "已完成", "actual_participants": 33}
        )
        filing = Filing.objects.select_related("case").get(pk=filing.pk)
        assert filing.case.state == "reported" and filing.actual_participants == 33
        assert AuditEntry.objects.filter(action="overseas_ngos.record_filing").count() == 1
    city = City.offices.get(code="lanzhou")
    figures = {
        (f.metric, f.key): f.value
        for f in MonthlyFigure.objects.filter(city=city, metric__startswith="overseas_ngos.filings")
    }
    assert figures[("overseas_ngos.filings", "")] == 1
    assert figures[("overseas_ngos.filings_by_field", "culture")] == 1
    assert figures[("overseas_ngos.filings_by_country", "JP")] == 1


def test_a_filing_number_is_used_once_and_a_report_waits_for_the_end(db):
    with in_city("lanzhou"):
        users = people()
        organisation = temporary(users)
        first = approved_filing(users, organisation)
        second = approved_filing(users, organisation, title="第二项活动")
        services.record_filing(actor=users["clerk"], record=first, data={"psb_number": "A-1"})
        with pytest.raises(ValidationError) as error:
            services.record_filing(actor=users["clerk"], record=second, data={"psb_number": "A-1"})
        assert "psb_number" in error.value.message_dict
        first = Filing.objects.select_related("case").get(pk=first.pk)
        with pytest.raises(ValidationError) as error:  # the activity is 30 days away
            services.report_activity(actor=users["submitter"], record=first, data={"report": "提前报"})
        assert "report" in error.value.message_dict
        assert Filing.objects.get(pk=second.pk).case.state == "approved"


def test_a_filing_ending_before_it_starts_or_with_negative_funding_is_refused_whole(db):
    with in_city("lanzhou"):
        users = people()
        organisation = temporary(users)
        cases = Case.objects.count()
        data = filing_data(organisation, users)
        data.update(end=data["start"] - datetime.timedelta(days=1), funding=Decimal("-1"))
        with pytest.raises(ValidationError) as error:
            services.create_filing(actor=users["submitter"], data=data)
        assert set(error.value.message_dict) == {"end", "funding"}
        assert Case.objects.count() == cases and not Filing.objects.exists()


def test_a_partner_unit_files_for_itself_and_sees_only_its_own(db):
    with in_city("lanzhou"):
        users = people()
        organisation = temporary(users)
        ours = services.create_filing(
            actor=users["submitter"],
            data=filing_data(organisation, users, unit_code=users["other_submitter"].unit),
        )
        assert ours.unit_code == users["submitter"].unit
        theirs = services.create_filing(actor=users["other_submitter"], data=filing_data(organisation, users))
        assert list(selectors.filings_for(users["submitter"])) == [ours]
        assert list(selectors.filings_for(users["other_submitter"])) == [theirs]
        assert not selectors.organisations_for(users["submitter"]).exists()


def test_a_representative_office_needs_its_registration_and_is_registered_once(db):
    with in_city("lanzhou"):
        users = people()
        with pytest.raises(ValidationError) as error:
            services.register_organisation(
                actor=users["clerk"],
                data={"kind": "office", "name_zh": "某代表处", "country": "DE", "field": "science"},
            )
        assert {"registration_number", "registered_on", "chief_representative"} <= set(
            error.value.message_dict
        )
        office(users)
        with pytest.raises(ValidationError) as error:
            office(users, name_zh="重复登记")
        assert "registration_number" in error.value.message_dict


def test_deadlines_of_the_annual_cycle_come_from_the_settings(db):
    assert due_date("plan", 2027, {"plan_due": "12-31"}) == datetime.date(2026, 12, 31)
    assert due_date("report", 2026, {"report_due": "01-31"}) == datetime.date(2027, 1, 31)
    assert due_date("report", 2026, {"report_due": "03-15"}) == datetime.date(2027, 3, 15)


def test_a_late_annual_report_is_listed_reminded_and_recorded_then_reviewed(db):
    with in_city("lanzhou"):
        users = people()
        organisation = office(users)
        today = datetime.date(TODAY.year, 3, 1)
        late = selectors.late(users["clerk"], today)
        assert ("report", TODAY.year - 1) in [(row.kind, row.year) for row in late]  # due 31 January
        services.remind(
            actor=users["clerk"],
            data={"organisation": organisation, "kind": "report", "year": TODAY.year - 1, "note": "电话"},
            today=today,
        )
        row = next(r for r in selectors.late(users["clerk"], today) if r.kind == "report")
        assert row.reminded_on == today
        document = services.receive_document(
            actor=users["clerk"],
            data={
                "organisation": organisation,
                "kind": "report",
                "year": TODAY.year - 1,
                "received_on": today,
                "summary": "上年度工作报告",
            },
            today=today,
        )
        assert all(r.kind != "report" for r in selectors.late(users["clerk"], today))
        with pytest.raises(PermissionDenied):  # whoever recorded it does not review it
            services.review_document(actor=users["clerk"], document=document, data={"opinion": "accepted"})
        with pytest.raises(ValidationError):  # returning it needs a reason
            services.review_document(actor=users["reviewer"], document=document, data={"opinion": "returned"})
        services.review_document(
            actor=users["reviewer"], document=document, data={"opinion": "returned", "opinion_text": "请补充"}
        )
        assert any(r.kind == "report" for r in selectors.late(users["clerk"], today))  # returned: still owed


def test_the_daily_run_reminds_the_clerks_of_late_documents_and_counts_them(db):
    with in_city("lanzhou"):
        users = people()
        office(users)
    city = City.offices.get(code="lanzhou")
    send_city_reminders(city=city, today=TODAY)
    send_city_reminders(city=city, today=TODAY)
    with in_city("lanzhou"):
        late = selectors.late(None, TODAY)
        notes = Notification.objects.filter(kind="overseas_ngos.annual_late")
        assert late and notes.count() == len(late)
        assert set(notes.values_list("recipient_id", flat=True)) == {users["clerk"].pk}
    figure = MonthlyFigure.objects.get(city=city, metric="overseas_ngos.annual_late")
    assert figure.value == len(late)


def test_the_province_sees_the_figures_by_field_and_country_from_lanzhou_only(db):
    from django.test import Client

    from tests.factories import PASSWORD, UserFactory

    with in_city("lanzhou"):
        users = people()
        organisation = temporary(users)
        office(users)
        filing = approved_filing(users, organisation)
        services.record_filing(
            actor=users["clerk"], record=filing, data={"psb_number": "甘公境临备〔2026〕9号"}
        )
    UserFactory(username="gs_ngo_rev", role="province_reviewer", unit="gansu")
    client = Client(HTTP_HOST="gansu.localhost")
    assert (
        client.post("/accounts/sign-in/", {"username": "gs_ngo_rev", "password": PASSWORD}).status_code == 302
    )
    page = client.get("/").content.decode()
    section = page.split('data-module="overseas_ngos"')[1].split("</section>")[0]
    assert "境外非政府组织活动" in page and "日本" in section and "文化" in section and "挪威" in section
    assert 'data-figure="overseas_ngos.filings">1<' in section
