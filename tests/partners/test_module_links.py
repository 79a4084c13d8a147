"""Trips and invitations name their foreign partner (optional) through the kernel's
register: the partner's page then lists the visit abroad or the visit to the city."""

from __future__ import annotations

import pytest

from apps.invitations import services as invitations
from apps.partners import selectors
from apps.partners import services as partners
from apps.trips import services as trips
from tests.conftest import in_city
from tests.invitations.helpers import invitation_data
from tests.invitations.helpers import people as invitation_people
from tests.trips.helpers import people as trip_people
from tests.trips.helpers import trip_data

pytestmark = pytest.mark.django_db


def test_an_invitation_names_the_visitors_organisation_and_the_partner_page_lists_the_visit(client_for):
    with in_city("hangzhou"):
        users = invitation_people()
        tum = partners.create_partner(
            actor=users["clerk"], kind="organisation", name_zh="慕尼黑工业大学", name_en="TUM"
        )
        invitation = invitations.create_invitation(actor=users["clerk"], data=invitation_data(partner=tum.pk))
        assert [link.title for link in selectors.links_of(tum)] == [invitation.title]
        assert invitations.snapshot(invitation)["partner"] == tum.pk

        invitations.update_invitation(
            actor=users["clerk"], invitation=invitation, data=invitation_data(partner=None)
        )
        assert not selectors.links_of(tum).exists()
    client = client_for("hangzhou", users["clerk"])
    bad = client.post(
        "/api/v1/invitations/invitations/", {"partner": 99999999}, content_type="application/json"
    ).json()
    assert "partner" in bad["fields"]


def test_a_trip_names_its_inviter_and_the_partner_page_lists_the_trip():
    with in_city("hangzhou"):
        users = trip_people()
        host = partners.create_partner(
            actor=users["clerk"], kind="city", name_zh="汉堡", name_en="Hamburg", country="DE"
        )
        delegation = trips.create_delegation(actor=users["clerk"], data=trip_data(inviter_partner=host.pk))
        links = list(selectors.links_of(host))
        assert [(link.kind, link.title) for link in links] == [("visit_out", delegation.title)]
        delegation = trips.update_delegation(actor=users["clerk"], delegation=delegation, data=trip_data())
        assert selectors.links_of(host).count() == 1  # not named in the input: left as it is
