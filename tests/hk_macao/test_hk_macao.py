"""Hong Kong and Macao liaison: an official exchange approved as a case and carried out,
non-governmental exchanges recorded, figures by kind; API, pages, bad input, isolation."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.exceptions import ValidationError

from apps.casework import services as casework
from apps.hk_macao import selectors, services
from apps.hk_macao.models import Exchange
from apps.partners import selectors as partner_selectors
from apps.partners import services as partners
from apps.reporting.models import MonthlyFigure
from tests.conftest import in_city
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def quzhou(db):
    with in_city("quzhou"):
        users = {
            role: UserFactory(username=f"qz_h_{role}", role=role)
            for role in ("clerk", "reviewer", "division_head")
        }
        body = partners.create_partner(
            actor=users["clerk"], kind="hkmo", name_zh="香港贸易发展局", name_en="HKTDC", country="HK"
        )
        from django.db import connection

        unit = connection.tenant.profile["submitting_units"][0]["code"]
    return users, body, unit


def data(body, unit, **fields) -> dict:
    values = {
        "title": "香港贸发局来访",
        "unit_code": unit,
        "partner": body.pk,
        "region": "HK",
        "direction": "inbound",
        "kind": "economy",
        "purpose": "经贸对接",
        "participants": "副总裁等3人",
        "participant_count": 3,
        "start": TODAY + datetime.timedelta(days=20),
        "end": TODAY + datetime.timedelta(days=22),
    }
    values.update(fields)
    return values


def test_an_hk_exchange_is_approved_carried_out_and_counted_by_kind(quzhou):
    users, body, unit = quzhou
    with in_city("quzhou"):
        exchange = services.create_exchange(actor=users["clerk"], data=data(body, unit))
        services.submit(actor=users["clerk"], record=exchange, data={})
        case = Exchange.objects.get(pk=exchange.pk).case
        while case.state == "in_review":
            assert case.current_role != "clerk"  # the author never approves
            case = casework.perform(
                case=case, name="approve", actor=users[case.current_role], version=case.version
            )
        assert case.state == "approved"
        exchange = Exchange.objects.select_related("case").get(pk=exchange.pk)
        with pytest.raises(ValidationError):
            services.record_outcome(actor=users["clerk"], record=exchange, data={"outcome": " "})
        services.record_outcome(actor=users["clerk"], record=exchange, data={"outcome": "签署合作备忘录"})
        services.add_non_governmental(
            actor=users["clerk"],
            data={
                "partner": None,
                "region": "MO",
                "kind": "culture",
                "date": TODAY,
                "title": "粤剧交流",
                "organiser": "市文联",
                "participant_count": 20,
            },
        )

        assert Exchange.objects.select_related("case").get(pk=exchange.pk).state == "done"
        figures = {row["kind"]: row for row in selectors.figures_by_kind(users["clerk"], exchange.start.year)}
        assert figures["economy"]["official"] == 1 and figures["culture"]["non_governmental"] == (
            1 if exchange.start.year == TODAY.year else 0
        )
        assert MonthlyFigure.objects.filter(metric="hk_macao.official", key="economy").exists()
        assert [link.kind for link in partner_selectors.links_of(body)] == ["visit_in"]


def test_bad_input_is_refused_on_its_field_and_nothing_saved(quzhou):
    users, body, unit = quzhou
    with in_city("quzhou"):
        consulate = partners.create_partner(
            actor=users["clerk"], kind="consulate", name_zh="领馆", name_en="C"
        )
        with pytest.raises(ValidationError) as error:
            services.create_exchange(actor=users["clerk"], data=data(consulate, unit))
        assert "partner" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            services.create_exchange(actor=users["clerk"], data=data(body, unit, end=TODAY))
        assert "end" in error.value.message_dict
        assert not Exchange.objects.exists()


def test_the_api_and_pages_and_another_citys_ids(quzhou, client_for, city_user):
    users, body, unit = quzhou
    client = client_for("quzhou", users["clerk"])
    bad = client.post(
        "/api/v1/hk_macao/exchanges/",
        json.dumps({"title": "", "participant_count": 0}),
        content_type="application/json",
    )
    made = client.post(
        "/api/v1/hk_macao/exchanges/",
        json.dumps(data(body, unit), default=str),
        content_type="application/json",
    )
    listing = client.get("/hk_macao/").content.decode()
    figures = client.get("/api/v1/hk_macao/figures/", {"year": "oops"})

    assert bad.status_code == 400 and {"title", "partner", "participant_count"} <= set(bad.json()["fields"])
    assert made.status_code == 201
    assert "港澳事务" in listing and "香港贸发局来访" in listing
    assert figures.status_code == 200 and figures.json()["year"] == TODAY.year

    exchange_id = made.json()["id"]
    gz = client_for("guangzhou", city_user("guangzhou", username="gz_h_clerk", role="clerk"))
    with in_city("guangzhou"):
        assert not Exchange.objects.filter(pk=exchange_id).exists()
    assert gz.get(f"/hk_macao/{exchange_id}/").status_code == 404
    assert gz.get(f"/api/v1/hk_macao/exchanges/{exchange_id}/").status_code == 404
    assert gz.post(f"/api/v1/hk_macao/exchanges/{exchange_id}/submit/", {"version": 1}).status_code == 404
