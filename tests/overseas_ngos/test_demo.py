"""The demo of both issue-11 modules: every state where they are on, nothing where they
are off, nothing more on a second run."""

from apps.leading_group.models import Meeting, Task
from apps.leading_group.workflow import MEETING_STATES, TASK_STATES
from apps.overseas_ngos import selectors
from apps.overseas_ngos.models import AnnualDocument, Filing, Organisation
from apps.overseas_ngos.workflow import STATES
from tenants.demo import ensure_demo_data
from tests.conftest import in_city


def test_the_demo_has_every_state_where_the_modules_are_on(db):
    ensure_demo_data()
    ensure_demo_data()
    for code in ("hangzhou", "lanzhou"):
        with in_city(code):
            assert set(Meeting.objects.values_list("case__state", flat=True)) == set(MEETING_STATES), code
            assert set(Task.objects.values_list("case__state", flat=True)) == set(TASK_STATES), code
            assert Task.objects.filter(escalated_at__isnull=False).exists(), code
            assert Meeting.objects.count() == 4
    with in_city("lanzhou"):
        states = set(Filing.objects.values_list("case__state", flat=True))
        assert states == set(STATES) - {"escalated"}  # Lanzhou's chain never goes to the province
        assert set(AnnualDocument.objects.values_list("opinion", flat=True)) == {
            "received",
            "accepted",
            "returned",
        }
        late = selectors.late(None)
        assert any(row.kind == "report" and row.reminded_on for row in late)  # late and reminded
        assert Organisation.objects.filter(kind="office").count() == 3
    for code in ("guangzhou", "guiyang", "quzhou"):
        with in_city(code):
            assert not Meeting.objects.exists() and not Organisation.objects.exists(), code
    with in_city("hangzhou"):
        assert not Organisation.objects.exists()
