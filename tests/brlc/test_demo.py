"""The BRLC demo (Hangzhou): every state of every record, made through the services; a
second run adds nothing."""

from apps.accounts.models import User
from apps.brlc import demo
from apps.brlc.models import Application, Delivery, Meeting, Member, Project, Resolution
from apps.brlc.workflow import STATES
from tests.conftest import in_city
from tests.factories import UserFactory


def test_the_demo_has_every_state_and_a_second_run_adds_nothing(db):
    with in_city("hangzhou"):
        for role in ("clerk", "reviewer", "division_head", "director"):
            if not User.objects.filter(username=role).exists():
                UserFactory(username=role, role=role)
        assert demo.ensure_demo()
        states = set(Application.objects.values_list("case__state", flat=True))
        assert states == set(STATES) - {"escalated"}  # the chain never goes up to the province
        assert set(Member.objects.values_list("status", flat=True)) == {"active", "withdrawn"}
        assert set(Meeting.objects.values_list("status", flat=True)) == {"planned", "held", "cancelled"}
        assert set(Resolution.objects.values_list("status", flat=True)) == {"draft", "adopted", "rejected"}
        assert set(Project.objects.values_list("status", flat=True)) == {
            "planned",
            "ongoing",
            "completed",
            "cancelled",
        }
        assert "no_address" in set(Delivery.objects.values_list("status", flat=True))  # Colombo: no e-mail
        assert all(a.letter_number for a in Application.objects.filter(case__state="admitted"))
        counts = (Member.objects.count(), Application.objects.count(), Meeting.objects.count())
        assert demo.ensure_demo() == []
        assert (Member.objects.count(), Application.objects.count(), Meeting.objects.count()) == counts
