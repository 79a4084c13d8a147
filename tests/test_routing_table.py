"""Each worker keeps its table of hosts: changes made in the same process apply at once,
changes made by another process on the next request (the routing stamp), profiles are read
lazily, one city at a time, and the table holds none."""

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


def test_a_change_made_by_another_process_applies_to_the_next_request(db, settings):
    settings.ROUTING_CACHE_SECONDS = 3600
    assert front_page("quzhou").status_code == 200
    suspend_behind_the_workers_back("quzhou")  # the trigger bumps the stamp

    assert front_page("quzhou").status_code == 503  # no waiting for ROUTING_CACHE_SECONDS


def test_a_bumped_stamp_alone_makes_the_worker_reload(db, settings):
    settings.ROUTING_CACHE_SECONDS = 3600
    first = routing_table.current()
    assert routing_table.current() is first
    with connection.cursor() as cursor:
        cursor.execute("UPDATE public.tenants_routingstamp SET version = version + 1")

    assert routing_table.current() is not first


def test_the_stamp_is_read_at_most_every_routing_stamp_seconds(db, settings):
    settings.ROUTING_CACHE_SECONDS = 3600
    settings.ROUTING_STAMP_SECONDS = 3600
    assert front_page("quzhou").status_code == 200
    front_page("quzhou")
    suspend_behind_the_workers_back("quzhou")
    assert front_page("quzhou").status_code == 200  # this worker still trusts its table


def test_known_and_unknown_hosts_cost_only_the_stamp_once_the_table_is_loaded(db):
    routing_table.city_for_host("hangzhou.localhost")
    with CaptureQueriesContext(connection) as queries:
        assert routing_table.city_for_host("hangzhou.localhost").code == "hangzhou"
        assert routing_table.city_for_host("nosuchcity.localhost") is None
        assert routing_table.province_for_subdomain("zhejiang").code == "zhejiang"
    sql = [query["sql"] for query in queries if not query["sql"].startswith("SET search_path")]
    assert len(sql) == 3
    assert all("tenants_routingstamp" in statement for statement in sql)


def test_the_table_holds_no_profiles_and_a_city_gets_its_own_on_demand(db):
    table = routing_table.current()
    assert all("profile" in city.get_deferred_fields() for city in table.cities.values())

    with CaptureQueriesContext(connection) as queries:
        city = routing_table.city_for_host("hangzhou.localhost")
    assert city.profile == City.offices.get(code="hangzhou").profile
    assert any('"profile"' in query["sql"] for query in queries)  # read now, for this city only

    with CaptureQueriesContext(connection) as queries:
        assert routing_table.city_for_host("hangzhou.localhost").profile == city.profile
    assert not any('"profile"' in query["sql"] for query in queries)  # kept


def test_a_new_profile_version_is_read_again(db):
    assert routing_table.city_for_host("hangzhou.localhost").profile["code"] == "hangzhou"
    with connection.cursor() as cursor:  # another process applies a changed profile
        cursor.execute(
            "UPDATE public.tenants_city SET profile = profile || '{\"marker\": 1}', "
            "profile_version = profile_version + 1 WHERE code = 'hangzhou'"
        )

    assert routing_table.city_for_host("hangzhou.localhost").profile["marker"] == 1


def test_a_worker_keeps_a_bounded_number_of_profiles(db, monkeypatch):
    monkeypatch.setattr(routing_table, "PROFILES_KEPT", 2)
    for code in ("hangzhou", "quzhou", "lanzhou"):
        routing_table.city_for_host(f"{code}.localhost")

    assert len(routing_table._profiles) == 2


def test_each_request_gets_its_own_copy_of_the_city(db):
    first = routing_table.city_for_host("hangzhou.localhost")
    first.domain_url = "changed-by-one-request"

    assert routing_table.city_for_host("hangzhou.localhost").domain_url != "changed-by-one-request"


def test_the_template_schema_is_not_in_the_table(db):
    assert all(not city.is_template for city in routing_table.current().cities.values())
    assert "city_template" not in {city.schema_name for city in routing_table.current().cities.values()}


def test_cities_share_their_provinces_one_copy_each(db):
    table = routing_table.current()
    zhejiang = table.provinces["zhejiang"]

    assert table.cities["hangzhou.localhost"].province is zhejiang
    assert table.cities["quzhou.localhost"].province is zhejiang
