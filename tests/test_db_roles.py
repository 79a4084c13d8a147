"""Least privilege in the database (issue 14): the web server's role owns nothing; connected
as it, nobody can rewrite or delete audit rows, switch triggers off, set
session_replication_role, create schemas or roles, or migrate; it can still read and append."""

from __future__ import annotations

import psycopg2
import pytest
from django.conf import settings
from django.db import connection

# ruff: noqa: S608 (the statements are the test's own probes, schema names from a fixed list)


@pytest.fixture
def as_app(db):
    params = connection.settings_dict
    app = psycopg2.connect(
        dbname=params["NAME"],
        user=settings.DATABASE_APP_USER,
        password=settings.DATABASE_APP_PASSWORD or None,
        host=params["HOST"] or None,
        port=params["PORT"] or None,
    )
    app.autocommit = False
    yield app
    app.rollback()
    app.close()


def refused(app, statement, params=()):
    with app.cursor() as cursor:
        try:
            cursor.execute("SAVEPOINT probe")
            cursor.execute(statement, params)
        except psycopg2.Error as error:
            cursor.execute("ROLLBACK TO SAVEPOINT probe")
            return error.pgcode
        cursor.execute("ROLLBACK TO SAVEPOINT probe")
        return None


def test_the_app_role_is_no_superuser_and_owns_nothing(as_app):
    with as_app.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles "
            "WHERE rolname = current_user"
        )
        assert cursor.fetchone() == (False, False, False, False)
        cursor.execute("SELECT count(*) FROM pg_tables WHERE tableowner = current_user")
        assert cursor.fetchone()[0] == 0


@pytest.mark.parametrize("schema", ["public", "hangzhou"])
def test_connected_as_the_app_role_nobody_can_tamper_with_the_audit_log(as_app, schema):
    table = f'"{schema}".audit_auditentry'
    assert refused(as_app, f"UPDATE {table} SET action = 'forged'") == "42501"
    assert refused(as_app, f"DELETE FROM {table}") == "42501"
    assert refused(as_app, f"TRUNCATE {table}") == "42501"
    assert refused(as_app, f"ALTER TABLE {table} DISABLE TRIGGER ALL") == "42501"
    assert refused(as_app, "SET session_replication_role = replica") == "42501"
    assert refused(as_app, f"DROP TABLE {table}") == "42501"
    assert refused(as_app, "CREATE SCHEMA intruder") == "42501"
    assert refused(as_app, "CREATE ROLE intruder") == "42501"
    assert refused(as_app, f'CREATE TABLE "{schema}".intruder (id int)') == "42501"
    assert (
        refused(
            as_app,
            f'INSERT INTO "{schema}".django_migrations (app, name, applied) VALUES (%s, %s, now())',
            ["x", "y"],
        )
        == "42501"
    )


def test_the_app_role_reads_and_appends_as_the_platform_needs(as_app):
    with as_app.cursor() as cursor:
        cursor.execute('SET search_path = "hangzhou", public')
        cursor.execute("SELECT count(*) FROM audit_auditentry")
        cursor.execute(
            "INSERT INTO audit_auditentry (occurred_at, actor_username, actor_role, action, object_type, "
            "object_id, object_repr, prev_hash, hash) "
            "VALUES (now(), 'app', '', 'test.append', '', '', '', '', '') RETURNING seq, hash"
        )
        seq, digest = cursor.fetchone()
        assert seq and len(digest) == 64  # chained by the trigger, as any append
        cursor.execute("UPDATE accounts_user SET display_name = display_name WHERE false")
        cursor.execute("SELECT count(*) FROM tenants_city")
