"""migrate_schemas (tenants/management/commands/migrate_schemas.py) migrates only the
schemas that are behind, reads every schema's applied migrations in one query, and runs
nothing (no post-migrate sync) when nothing is to be applied."""

# ruff: noqa: S608 (the statements are the test's own, schema names from a fixed list)

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_migrate
from django.test.utils import CaptureQueriesContext
from django_tenants.migration_executors.standard import StandardExecutor

from apps.registry import search
from apps.trips.models import Delegation
from tenants.management.commands import migrate_schemas

pytestmark = pytest.mark.django_db

INDEX = search.index_name(Delegation)
MIGRATION = "0008_search_bigrams"


@pytest.fixture
def migrated(monkeypatch):
    """The schemas handed to django-tenants, and how many post-migrate syncs ran."""
    record = {"schemas": [], "syncs": 0}
    real = StandardExecutor.run_migrations

    def run_migrations(self, tenants=None):
        record["schemas"] += list(tenants)
        return real(self, tenants=tenants)

    def count(**_kwargs):
        record["syncs"] += 1

    monkeypatch.setattr(StandardExecutor, "run_migrations", run_migrations)
    post_migrate.connect(count, dispatch_uid="scale-test-count")
    yield record
    post_migrate.disconnect(dispatch_uid="scale-test-count")


def index_exists(schema: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE schemaname = %s AND indexname = %s", [schema, INDEX])
        return cursor.fetchone() is not None


def put_behind(schema: str) -> None:
    """As if ``schema`` had missed the last trips migration."""
    with connection.cursor() as cursor:
        cursor.execute(f'DROP INDEX "{schema}"."{INDEX}"')
        cursor.execute(
            f'DELETE FROM "{schema}".django_migrations WHERE app = %s AND name = %s', ["trips", MIGRATION]
        )


def test_with_nothing_to_do_no_schema_is_migrated_and_nothing_is_synced(migrated):
    out = io.StringIO()
    with CaptureQueriesContext(connection) as queries:
        call_command("migrate_schemas", interactive=False, stdout=out)

    assert migrated == {"schemas": [], "syncs": 0}
    assert "0 to migrate" in out.getvalue()
    reads = [q for q in queries if "django_migrations" in q["sql"] and "UNION ALL" in q["sql"]]
    assert len(reads) == 1  # every schema's migrations in one query
    assert len([q for q in queries if not q["sql"].startswith("SET search_path")]) <= 4


def test_only_a_schema_that_is_behind_is_migrated_and_then_synced(migrated):
    put_behind("quzhou")
    assert migrate_schemas.schemas_behind(["public", "hangzhou", "quzhou"]) == ["quzhou"]

    call_command("migrate_schemas", interactive=False, verbosity=0)

    assert migrated["schemas"] == ["quzhou"]
    assert migrated["syncs"] > 0  # the post-migrate sync ran for what was applied
    connection.set_schema_to_public()
    assert index_exists("quzhou")
    assert migrate_schemas.schemas_behind(["quzhou"]) == []


def test_a_schema_without_a_migration_table_is_behind():
    with connection.cursor() as cursor:
        cursor.execute("CREATE SCHEMA scale_empty")

    assert migrate_schemas.schemas_behind(["hangzhou", "scale_empty"]) == ["scale_empty"]


def test_a_narrower_command_is_django_tenants_own(migrated):
    call_command("migrate_schemas", schema_name="quzhou", interactive=False, verbosity=0)

    assert migrated["schemas"] == ["quzhou"]  # run, though up to date: django-tenants decides
