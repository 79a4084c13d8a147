"""A visit names its guests' organisation in the register of partners (issue 12): the
partner's page then lists the visit among its exchanges, through the web form and the API;
changing or clearing it moves the link; the edit form shows the current one."""

from __future__ import annotations

from apps.partners import selectors as partner_selectors
from apps.partners import services as partners
from apps.receptions import services
from tests.conftest import in_city
from tests.receptions.helpers import people, visit_data


def test_a_visit_linked_to_a_partner_shows_on_the_partners_page(client_for):
    with in_city("hangzhou"):
        users = people()
        osaka = partners.create_partner(actor=users["clerk"], kind="city", name_zh="大阪市", name_en="Osaka",
                                        country="JP", place="Osaka")  # fmt: skip
        kyoto = partners.create_partner(actor=users["clerk"], kind="city", name_zh="京都市", name_en="Kyoto",
                                        country="JP", place="Kyoto")  # fmt: skip
        visit = services.create_visit(actor=users["clerk"], data=visit_data(partner=osaka))
        assert list(partner_selectors.partners_of_record("receptions", visit.pk)) == [osaka]
        services.update_visit(actor=users["clerk"], visit=visit, data=visit_data(partner=kyoto))
        assert list(partner_selectors.partners_of_record("receptions", visit.pk)) == [kyoto]
        assert services.snapshot(visit)["partner"] == kyoto.pk
    page = client_for("hangzhou", users["clerk"]).get(f"/partners/{kyoto.pk}/").content.decode()
    assert "大阪市代表团来访" in page and f"/receptions/{visit.pk}/" in page
    with in_city("hangzhou"):
        services.update_visit(actor=users["clerk"], visit=visit, data=visit_data(partner=None))
        assert not partner_selectors.partners_of_record("receptions", visit.pk).exists()
