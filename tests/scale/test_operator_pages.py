"""The operators' city list costs the same at 5 cities and at 300: fifty a page, no
profiles read, a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.models import City, Domain, Province
from tenants.views import CITIES_PER_PAGE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def many_cities(count: int) -> None:
    """Rows only (no schemas): what the list reads."""
    province = Province.objects.get(code="zhejiang")
    cities = City.objects.bulk_create(
        City(
            schema_name=f"many_{n:03d}",
            code=f"many-{n:03d}",
            name_zh="城市",
            name_en="City",
            province=province,
        )
        for n in range(count)
    )
    Domain.objects.bulk_create(
        Domain(domain=f"many-{n:03d}.localhost", tenant=city, is_primary=True)
        for n, city in enumerate(cities)
    )


def queries_for(client, path: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def rows(page: str) -> int:
    """Links to a city's page (not the restore page's)."""
    return page.count('href="/cities/') - page.count('href="/cities/restore/')


def test_the_city_list_is_paged_and_its_queries_do_not_grow_with_the_cities(client_for):
    operator = UserFactory(username="op", role="operator")
    client = client_for(None, operator)
    few, _ = queries_for(client, "/")

    many_cities(120)
    many, page = queries_for(client, "/")

    assert many == few
    assert rows(page) == CITIES_PER_PAGE
    assert "?page=2" in page
    _, last = queries_for(client, "/?page=3")
    assert rows(last) == 125 - 2 * CITIES_PER_PAGE


def test_the_city_list_reads_no_profiles(client_for):
    client = client_for(None, UserFactory(username="op", role="operator"))
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    city_reads = [q["sql"] for q in captured if 'FROM "tenants_city"' in q["sql"]]
    assert city_reads
    assert not any('"tenants_city"."profile"' in sql for sql in city_reads)
