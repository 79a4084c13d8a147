"""The demo data of the external-relations modules: every state in every city, through the
services (the author never approves), and a second run adds nothing."""

from apps.consulates.models import LiaisonEntry, NationalDay, Posting
from apps.hk_macao.models import Exchange
from apps.hk_macao.workflow import STATES as HK_STATES
from apps.partners.models import ConsularJurisdiction, PartnerLink
from apps.sister_cities.models import Relationship
from apps.sister_cities.workflow import STATES as SC_STATES
from tenants.demo import ensure_demo_data
from tests.conftest import CITY_CODES, in_city


def test_the_demo_has_every_state_in_every_city_and_a_second_run_adds_nothing(db):
    ensure_demo_data()
    counts = {}
    for code in CITY_CODES:
        with in_city(code):
            assert set(Relationship.objects.values_list("case__state", flat=True)) == set(SC_STATES), code
            # The chain does not escalate official HK/Macao exchanges: every other state is there.
            assert set(Exchange.objects.values_list("case__state", flat=True)) == set(HK_STATES) - {
                "escalated"
            }
            assert LiaisonEntry.objects.filter(answered_on__isnull=False).exists(), code
            assert LiaisonEntry.objects.filter(answered_on__isnull=True, deadline__isnull=False).exists(), (
                code
            )
            assert (
                Posting.objects.exists()
                and NationalDay.objects.exists()
                and ConsularJurisdiction.objects.exists()
            )
            for relationship in Relationship.objects.select_related("case"):
                approvers = set(
                    relationship.case.events.filter(transition="approve").values_list("actor_id", flat=True)
                )
                assert relationship.case.submitted_by_id not in approvers, code
            counts[code] = (Relationship.objects.count(), PartnerLink.objects.count())
    ensure_demo_data()
    for code in CITY_CODES:
        with in_city(code):
            assert (Relationship.objects.count(), PartnerLink.objects.count()) == counts[code]
