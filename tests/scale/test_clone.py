"""A new city's schema, replayed from the template's dump (tenants/clone.py), is the same
in the catalog as one built by running every migration: tables, columns, indexes (names
included), constraints, sequences, triggers, functions and the recorded migrations."""

from __future__ import annotations

import copy

import pytest
from django.db import connection
from django.test import override_settings

from city_profiles import CITIES_DIR
from city_profiles.loader import Profile, load_city
from tenants import clone, services

pytestmark = pytest.mark.django_db


def profile(code: str) -> Profile:
    data = copy.deepcopy(load_city(CITIES_DIR / "hangzhou.yaml").data)
    data["code"], data["subdomain"] = code, code
    return Profile(kind="city", file=f"test:{code}", data=data)


def catalog(schema: str) -> dict[str, list]:
    """The schema's objects, its own name replaced by ``S`` wherever a definition shows it."""
    queries = {
        "columns": """SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                             a.attidentity, pg_get_expr(d.adbin, d.adrelid)
                      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                      WHERE c.relnamespace = %(s)s::regnamespace AND c.relkind IN ('r', 'p')
                        AND a.attnum > 0 AND NOT a.attisdropped""",
        "indexes": "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = %(s)s",
        "constraints": """SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid)
                          FROM pg_constraint WHERE connamespace = %(s)s::regnamespace""",
        "sequences": """SELECT sequencename, data_type, increment_by FROM pg_sequences
                        WHERE schemaname = %(s)s""",
        "triggers": """SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t
                       JOIN pg_class c ON c.oid = t.tgrelid
                       WHERE c.relnamespace = %(s)s::regnamespace AND NOT tgisinternal""",
        "functions": """SELECT proname, pg_get_function_arguments(oid), prosrc FROM pg_proc
                        WHERE pronamespace = %(s)s::regnamespace""",
        "migrations": "SELECT app, name FROM {schema}.django_migrations",
    }
    result = {}
    with connection.cursor() as cursor:
        for name, query in queries.items():
            cursor.execute(query.format(schema=connection.ops.quote_name(schema)), {"s": schema})
            rows = [
                tuple(str(value).replace(f'"{schema}".', "S.").replace(f"{schema}.", "S.") for value in row)
                for row in cursor.fetchall()
            ]
            result[name] = sorted(rows)
    return result


def test_a_cloned_schema_is_the_same_as_a_migrated_one():
    services.onboard_city(profile=profile("cloned"))
    with override_settings(TENANT_CREATION_FAKES_MIGRATIONS=False):
        services.onboard_city(profile=profile("migrated"))
    connection.set_schema_to_public()

    cloned, migrated = catalog("cloned"), catalog("migrated")

    assert cloned["indexes"]  # the comparison compares something
    assert any("_bg" in index for _table, index, _definition in cloned["indexes"])
    for kind in cloned:
        assert cloned[kind] == migrated[kind], kind


def test_index_names_are_the_templates_not_generated_ones():
    services.onboard_city(profile=profile("cloned"))
    connection.set_schema_to_public()

    assert catalog("cloned")["indexes"] == catalog(services.TEMPLATE_SCHEMA)["indexes"]


def test_the_dump_is_made_once_and_reused_until_the_template_changes(monkeypatch):
    clone.template_script(services.TEMPLATE_SCHEMA)  # stored
    dumps = []
    real_dump = clone._dump
    monkeypatch.setattr(clone, "_dump", lambda schema: dumps.append(schema) or real_dump(schema))

    services.onboard_city(profile=profile("first"))
    services.onboard_city(profile=profile("second"))
    assert dumps == []

    real_fingerprint = clone.fingerprint
    monkeypatch.setattr(clone, "fingerprint", lambda schema: "changed" + real_fingerprint(schema)[7:])
    services.onboard_city(profile=profile("third"))
    assert dumps == [services.TEMPLATE_SCHEMA]


def test_when_the_template_cannot_be_dumped_django_tenants_clones_it(monkeypatch):
    """This transaction changes the template: the dump (its own connection) cannot wait for
    it and would not see it; django-tenants' clone, in this transaction, does."""
    with connection.cursor() as cursor:  # a migration, applied in this transaction
        cursor.execute(f"ALTER TABLE {services.TEMPLATE_SCHEMA}.trips_delegation ADD COLUMN scale_probe int")
        cursor.execute(
            f"INSERT INTO {services.TEMPLATE_SCHEMA}.django_migrations (app, name, applied) "  # noqa: S608
            "VALUES ('trips', '9999_scale_probe', now())"
        )

    services.onboard_city(profile=profile("third"))

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'third' "
            "AND table_name = 'trips_delegation' AND column_name = 'scale_probe'"
        )
        assert cursor.fetchone()[0] == 1


def test_a_clone_leaves_the_connection_on_public_and_its_search_path_alone():
    services.onboard_city(profile=profile("cloned"))
    with connection.cursor() as cursor:
        cursor.execute("SHOW search_path")
        assert "public" in cursor.fetchone()[0]
    assert connection.schema_name == "public"
