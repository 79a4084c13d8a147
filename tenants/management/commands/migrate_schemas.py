"""manage.py migrate_schemas: django-tenants' command, run only on the schemas that are behind.

django-tenants migrates every schema in turn, and even with nothing to do each one costs
its table listings, the migration-state rendering and the permission and content-type
sync: 45-58 s for 300 cities. Here the applied migrations of every schema are read in one
query and compared with the migrations on disk; only the schemas missing some are handed
to django-tenants (which migrates them and runs the post-migrate sync for them). With
nothing to apply nothing else runs.

Any narrower use (a schema, an app, a migration name, --fake, --plan, --check, --prune,
--run-syncdb) is django-tenants' command unchanged.
"""

from __future__ import annotations

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django_tenants.management.commands import SyncCommon
from django_tenants.management.commands.migrate_schemas import GET_EXECUTOR_FUNCTION, MigrateSchemasCommand
from django_tenants.utils import get_public_schema_name, get_tenant_model

NARROWING = ("app_label", "migration_name", "schema_name", "fake", "fake_initial", "plan", "prune")
NARROWING += ("run_syncdb", "check_unapplied")


def migrations_on_disk() -> set[str]:
    """Every migration of every installed app, as ``app.name`` (what django_migrations
    records in each schema, whether or not the router let its operations run there)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.graph.nodes}


def schemas_behind(schemas: list[str], expected: set[str] | None = None) -> list[str]:
    """Those of ``schemas`` that miss a migration on disk (or have no migration table),
    in the given order; one query for all of them."""
    if not schemas:
        return []
    expected = migrations_on_disk() if expected is None else expected
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = 'django_migrations' AND c.relkind = 'r' AND n.nspname = ANY(%s)",
            [list(schemas)],
        )
        with_table = {row[0] for row in cursor.fetchall()}
        quote = connection.ops.quote_name
        parts = [
            f"SELECT %s, count(DISTINCT app || '.' || name) FROM {quote(schema)}.django_migrations "  # noqa: S608
            "WHERE app || '.' || name = ANY(%s)"
            for schema in schemas
            if schema in with_table
        ]
        counts: dict[str, int] = {}
        if parts:
            params = []
            for schema in schemas:
                if schema in with_table:
                    params += [schema, sorted(expected)]
            cursor.execute(" UNION ALL ".join(parts), params)
            counts = dict(cursor.fetchall())
    return [schema for schema in schemas if counts.get(schema, -1) < len(expected)]


class Command(MigrateSchemasCommand):
    help = MigrateSchemasCommand.help + " Skips the schemas that are up to date."

    def handle(self, *args, **options):
        if any(options.get(option) for option in NARROWING):
            return super().handle(*args, **options)
        SyncCommon.handle(self, *args, **options)
        public = get_public_schema_name()
        schemas = [public] if self.sync_public else []
        if self.sync_tenant:
            connection.set_schema_to_public()
            tenants = get_tenant_model().objects.exclude(schema_name=public)
            schemas += list(tenants.order_by("pk").values_list("schema_name", flat=True))
        behind = schemas_behind(schemas)
        if int(options.get("verbosity", 1)) >= 1:
            self.stdout.write(f"{len(schemas) - len(behind)} schema(s) up to date, {len(behind)} to migrate")
        if behind:
            executor = GET_EXECUTOR_FUNCTION(codename=self.executor)(self.args, self.options)
            executor.run_migrations(tenants=behind)
        connection.set_schema_to_public()
