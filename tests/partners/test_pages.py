"""The register's pages and API: search in either script, a partner's history, people with
consent, consular jurisdictions; permissions and other cities' ids."""

from __future__ import annotations

import datetime

import pytest

from apps.partners import selectors, services
from apps.partners.models import Partner
from tests.conftest import in_city
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hamburg(city_user):
    clerk = city_user("hangzhou", username="hz_p_clerk", role="clerk")
    with in_city("hangzhou"):
        partner = services.create_partner(
            actor=clerk, kind="city", name_zh="汉堡", name_en="Hamburg", country="DE", place="Hamburg"
        )
        services.link(
            actor=clerk, partner=partner, module="invitations", record_ref="1", kind="visit_in",
            title="汉堡市代表团来访", date=datetime.date(2026, 4, 2), url="/invitations/1/",
        )  # fmt: skip
        services.add_person(
            actor=clerk, partner=partner, name_latin="Anna Weber", name_zh="安娜", title="Mayor"
        )
    return clerk, partner


def test_the_list_finds_a_partner_its_people_and_its_history_by_name_in_either_script(hamburg, client_for):
    clerk, partner = hamburg
    client = client_for("hangzhou", clerk)

    by_chinese = client.get("/partners/", {"q": "汉堡"}).content.decode()
    by_latin = client.get("/partners/", {"q": "hamburg"}).content.decode()
    by_person = client.get("/partners/", {"q": "anna"}).content.decode()

    assert f'data-partner="{partner.pk}"' in by_chinese and f'data-partner="{partner.pk}"' in by_latin
    assert "汉堡市代表团来访" in by_chinese
    assert "Anna Weber" in by_person
    assert "外国合作方" in by_chinese  # Chinese first (the menu and the heading)


def test_the_partner_page_shows_its_history_and_people_and_adds_a_person(hamburg, client_for):
    clerk, partner = hamburg
    client = client_for("hangzhou", clerk)

    page = client.get(f"/partners/{partner.pk}/").content.decode()
    refused = client.post(f"/partners/{partner.pk}/", {"name_latin": "X", "email": "x@example.org"})
    added = client.post(f"/partners/{partner.pk}/", {"name_latin": "Jonas Meyer", "title": "Consul"})

    assert "汉堡市代表团来访" in page and 'data-link-kind="visit_in"' in page and "Anna Weber" in page
    assert refused.status_code == 400 and "须经本人同意" in refused.content.decode()
    assert added.status_code == 302
    with in_city("hangzhou"):
        assert partner.people.count() == 2


def test_the_api_creates_searches_and_shows_the_history(hamburg, client_for):
    clerk, partner = hamburg
    client = client_for("hangzhou", clerk)

    created = client.post(
        "/api/v1/partners/partners/",
        {"kind": "consulate", "name_zh": "德国驻上海总领事馆", "name_en": "Consulate General of Germany"},
        content_type="application/json",
    )
    bad = client.post(
        "/api/v1/partners/partners/", {"kind": "x", "name_zh": ""}, content_type="application/json"
    )
    found = client.get("/api/v1/partners/partners/", {"q": "HAMBURG"}).json()
    history = client.get(f"/api/v1/partners/partners/{partner.pk}/history/").json()
    everything = client.get("/api/v1/partners/search/", {"q": "代表团"}).json()

    assert created.status_code == 201
    assert bad.status_code == 400 and {"kind", "name_zh", "name_en"} <= set(bad.json()["fields"])
    assert [row["id"] for row in found["results"]] == [partner.pk]
    assert history["results"][0]["title"] == "汉堡市代表团来访"
    assert everything["history"][0]["partner"] == partner.pk


def test_a_submitter_may_not_keep_the_register(hamburg, city_user, client_for):
    submitter = city_user("hangzhou", username="hz_p_sub", role="submitter", unit="xihu_district")
    client = client_for("hangzhou", submitter)
    assert client.get("/partners/").status_code == 403
    response = client.post("/api/v1/partners/partners/", {"kind": "city"}, content_type="application/json")
    assert response.status_code == 403


def test_consular_jurisdiction_is_set_and_read_through_the_kernel(hamburg, client_for):
    clerk, _ = hamburg
    with in_city("hangzhou"):
        consulate = services.create_partner(
            actor=clerk, kind="consulate", name_zh="德国驻上海总领事馆", name_en="German Consulate General"
        )
    client = client_for("hangzhou", clerk)

    wrong = client.post("/partners/jurisdictions/", {"country": "DE", "partner": hamburg[1].pk})
    right = client.post("/partners/jurisdictions/", {"country": "DE", "partner": consulate.pk})

    assert wrong.status_code == 400
    assert right.status_code == 302
    with in_city("hangzhou"):
        assert selectors.consulate_for("de") == consulate
    assert client.get("/api/v1/partners/jurisdictions/").json()["results"][0]["partner"] == consulate.pk


def test_another_citys_partner_is_not_found(hamburg, city_user, client_for):
    _, partner = hamburg
    with in_city("guangzhou"):
        Partner.objects.all().delete()
    gz_clerk = city_user("guangzhou", username="gz_p_clerk", role="clerk")
    client = client_for("guangzhou", gz_clerk)
    assert client.get(f"/partners/{partner.pk}/").status_code == 404
    assert client.get(f"/api/v1/partners/partners/{partner.pk}/").status_code == 404
    assert client.get(f"/api/v1/partners/partners/{partner.pk}/history/").status_code == 404
    assert "汉堡" not in client.get("/api/v1/partners/search/", {"q": "汉堡"}).content.decode()


def test_unknown_filters_never_answer_500(hamburg, client_for):
    client = client_for("hangzhou", hamburg[0])
    assert client.get("/partners/", {"kind": "nope", "country": "??", "page": "x"}).status_code == 200
    assert client.get("/api/v1/partners/partners/", {"kind": "nope", "limit": "x"}).status_code in (200, 400)


__all__ = ["UserFactory"]
