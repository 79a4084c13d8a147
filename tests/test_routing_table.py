"""Each worker keeps its table of hosts: changes made in the same process apply at once,
changes made by another process within ROUTING_CACHE_SECONDS, unknown hosts cost nothing."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tenants import routing_table, services
from tenants.models import City


def front_page(code: str):
    return Client(HTTP_HOST=f"{code}.localhost").get("/")


def suspend_behind_the_workers_back(code: str) -> None:
    """What another process (a CLI, another worker) does: no signal reaches this one."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE public.tenants_city SET status = 'suspended' WHERE code = %s", [code])


def test_a_change_made_through_the_services_applies_to_the_next_request(db):
    assert front_page("quzhou").status_code == 200

    services.set_city_status(city=City.offices.get(code="quzhou"), status="suspended", reason="test")

    assert front_page("quzhou").status_code == 503


def test_a_change_made_by_another_process_applies_once_the_table_is_older_than_the_setting(db, settings):
    settings.ROUTING_CACHE_SECONDS = 3600
    assert front_page("quzhou").status_code == 200
    suspend_behind_the_workers_back("quzhou")
    assert front_page("quzhou").status_code == 200  # this worker still trusts its table

    settings.ROUTING_CACHE_SECONDS = 0

    assert front_page("quzhou").status_code == 503


def test_known_and_unknown_hosts_are_answered_without_a_query_once_the_table_is_loaded(db):
    routing_table.current()
    with CaptureQueriesContext(connection) as queries:
        assert routing_table.city_for_host("hangzhou.localhost").code == "hangzhou"
        assert routing_table.city_for_host("nosuchcity.localhost") is None
        assert routing_table.province_for_subdomain("zhejiang").code == "zhejiang"
    assert len(queries) == 0


def test_each_request_gets_its_own_copy_of_the_city(db):
    first = routing_table.city_for_host("hangzhou.localhost")
    first.domain_url = "changed-by-one-request"

    assert routing_table.city_for_host("hangzhou.localhost").domain_url != "changed-by-one-request"


def test_the_template_schema_is_not_in_the_table(db):
    assert all(not city.is_template for city in routing_table.current().cities.values())
    assert "city_template" not in {city.schema_name for city in routing_table.current().cities.values()}
