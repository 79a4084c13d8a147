"""The trips module's daily reminders (through the runner) and the overdue snapshot it
leaves for the provincial FAO."""

import datetime
import re
from io import StringIO

from django.core.management import call_command
from django.test import Client

from apps.notifications.models import Notification
from apps.reporting.models import MonthlyFigure
from apps.trips.models import TravelDocument
from apps.workdays.calendar import add_working_days
from tests.conftest import in_city
from tests.factories import PASSWORD, UserFactory
from tests.trips.helpers import approve_all, member, people, submitted, trip_data
from tests.trips.test_statistics import issued


def run(day: datetime.date) -> str:
    out = StringIO()
    call_command("send_reminders", date=day.isoformat(), city="hangzhou", stdout=out, stderr=StringIO())
    return out.getvalue()


def notes(kind: str) -> list[tuple[str, str]]:
    with in_city("hangzhou"):
        return sorted(Notification.objects.filter(kind=kind).values_list("recipient__username", "dedupe_key"))


def snapshot(metric: str, day: datetime.date) -> int | None:
    row = MonthlyFigure.objects.filter(city__code="hangzhou", metric=metric, key="", month=day.replace(day=1))
    return row.values_list("value", flat=True).first()


def test_reports_and_documents_due_or_late_remind_the_clerks_and_the_units_submitters(db):
    with in_city("hangzhou"):
        users = people()
        other_unit = UserFactory(username="hz_other_submitter", role="submitter", unit="xihu_district")
        delegation = issued(
            users, trip_data(members=[member("张三"), member("李四", document_number="SE7654321")])
        )
        report_due = delegation.report_due
    # the first day the deadline is within three working days: the passports are late by then
    day = report_due
    while add_working_days(day - datetime.timedelta(days=1), 3) >= report_due:
        day -= datetime.timedelta(days=1)

    run(day - datetime.timedelta(days=1))  # four working days before: no report reminder yet
    assert notes("trips.report_due") == []
    run(day)

    key = f"trips.report_due:{delegation.pk}:{day.isoformat()}"
    assert notes("trips.report_due") == [("ha_t_clerk", key), ("ha_t_submitter", key)]
    assert other_unit.username not in [name for name, _ in notes("trips.report_due")]
    documents = [name for name, key in notes("trips.document_due") if key.endswith(day.isoformat())]
    assert documents == ["ha_t_clerk", "ha_t_clerk"]
    assert snapshot("trips.overdue_documents", day) == 2
    assert snapshot("trips.overdue_reports", day) == 0


def test_a_document_due_back_in_two_days_reminds_but_three_days_does_not(db):
    with in_city("hangzhou"):
        users = people()
        delegation = issued(users, trip_data())
        due = TravelDocument.objects.get(issued_for=delegation).due_back
    run(due - datetime.timedelta(days=3))
    assert notes("trips.document_due") == []
    run(due - datetime.timedelta(days=2))
    assert len(notes("trips.document_due")) == 1


def test_the_end_of_a_public_notice_tells_the_clerks_it_is_ready_to_issue(db):
    with in_city("hangzhou"):
        users = people()
        delegation = approve_all(users, submitted(users))
    run(delegation.notice_until - datetime.timedelta(days=1))
    assert notes("trips.notice_ends") == []
    run(delegation.notice_until)
    assert notes("trips.notice_ends") == [
        ("ha_t_clerk", f"trips.notice_ends:{delegation.pk}:{delegation.notice_until.isoformat()}")
    ]


def test_a_second_run_the_same_day_sends_nothing_new_and_sets_the_snapshot_again(db):
    with in_city("hangzhou"):
        users = people()
        delegation = issued(users, trip_data())
    late = delegation.report_due + datetime.timedelta(days=3)

    first = run(late)
    second = run(late)

    # report: clerk+submitter (however many modules the city has switched on)
    assert re.search(r"hangzhou: \d+ module\(s\), 2 reminder\(s\), 3 new notification\(s\)", first)
    assert "2 reminder(s), 0 new notification(s)" in second
    assert len(notes("trips.report_due")) == 2
    assert snapshot("trips.overdue_reports", late) == 1  # set, not added up
    assert snapshot("trips.overdue_documents", late) == 1

    # the provincial dashboard shows the latest snapshot of each city without visiting it
    UserFactory(username="zj_rev", role="province_reviewer", unit="zhejiang")
    client = Client(HTTP_HOST="zhejiang.localhost")
    client.post("/accounts/sign-in/", {"username": "zj_rev", "password": PASSWORD})
    # the half-year that holds the day of the run (a trip planned today reports next year)
    page = client.get(f"/?year={late.year}&half={1 if late.month <= 6 else 2}").content.decode()
    assert (
        'data-figure="trips.overdue_documents">1<' in page
        and 'data-figure="trips.overdue_reports">1<' in page
    )
