"""Daily reminders of visitors past their planned exit (clerks + the unit, once a day) and
the province's snapshot; the demo in every state in every city."""

import datetime

from apps.invitations.models import Invitation, Invitee
from apps.invitations.workflow import STATES
from apps.notifications.models import Notification
from apps.notifications.reminders import send_city_reminders
from apps.reporting.models import MonthlyFigure
from tenants.demo import ensure_demo_data
from tenants.models import City
from tests.conftest import CITY_CODES, in_city
from tests.invitations.helpers import InvitationFactory, people


def test_a_visitor_past_the_planned_exit_is_flagged_to_clerk_and_unit_once_a_day(db):
    with in_city("hangzhou"):
        users = people()
        invitation = InvitationFactory(users=users, issued=True)
        Invitee.objects.filter(invitation=invitation).update(
            entered_on=invitation.arrival, visa_status="obtained"
        )
    later = invitation.departure + datetime.timedelta(days=2)
    city = City.offices.get(code="hangzhou")
    send_city_reminders(city=city, today=later)
    send_city_reminders(city=city, today=later)
    with in_city("hangzhou"):
        sent = Notification.objects.filter(kind="invitations.overstaying")
        assert {n.recipient_id for n in sent} == {users["clerk"].pk, users["submitter"].pk}
    figure = MonthlyFigure.objects.get(city=city, metric="invitations.overstaying")
    assert figure.value == 1
    with in_city("hangzhou"):
        Invitee.objects.filter(invitation=invitation).update(exited_on=invitation.departure)
    send_city_reminders(city=city, today=later)
    assert MonthlyFigure.objects.get(city=city, metric="invitations.overstaying").value == 0


def test_approval_counts_for_the_province(db):
    with in_city("guangzhou"):
        invitation = InvitationFactory(approved=True)
    city = City.offices.get(code="guangzhou")
    figures = {
        (f.metric, f.key): f.value
        for f in MonthlyFigure.objects.filter(city=city, metric__startswith="invitations.")
    }
    assert figures[("invitations.invitations", "")] == 1
    assert figures[("invitations.by_country", "DE")] == 1
    assert figures[("invitations.by_kind", invitation.visit_kind)] == 1


def test_the_demo_has_every_state_in_every_city_and_a_second_run_adds_nothing(db):
    ensure_demo_data()
    counts = {}
    for code in CITY_CODES:
        with in_city(code):
            counts[code] = Invitation.objects.count()
            assert set(Invitation.objects.values_list("case__state", flat=True)) == set(STATES), code
            issued = Invitation.objects.filter(case__state__in=["issued", "closed"])
            assert all(i.letter_number for i in issued), code
            assert Invitee.objects.filter(
                entered_on__isnull=False, exited_on__isnull=True, planned_exit__gte=datetime.date.today()
            ).exists(), code
    ensure_demo_data()
    for code in CITY_CODES:
        with in_city(code):
            assert Invitation.objects.count() == counts[code]
