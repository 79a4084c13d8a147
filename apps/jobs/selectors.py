"""Reads for the operators: the queue by status and city, failed jobs with their error,
and the platform's health, city by city, in a fixed handful of queries whatever the
number of cities (bench/health.py measures it)."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.apps import apps as django_apps
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django_tenants.utils import schema_context

from apps.jobs.models import JobEvent
from tenants.models import City

STATUSES = ["todo", "doing", "succeeded", "failed", "cancelled", "aborted"]


def _fetch(query: str, params: list | None = None) -> list[tuple]:
    with schema_context("public"), connection.cursor() as cursor:
        cursor.execute(query, params or [])
        return cursor.fetchall()


def queue_counts() -> dict[str, dict[str, int]]:
    """{city code ('' for the platform's own jobs): {status: count}}: one query."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATUSES, 0))
    for city, status, count in _fetch(
        "SELECT COALESCE(args->>'city', ''), status::text, count(*) FROM procrastinate_jobs GROUP BY 1, 2"
    ):
        counts[city][status] = count
    return dict(sorted(counts.items()))


def totals(counts: dict[str, dict[str, int]]) -> dict[str, int]:
    result = dict.fromkeys(STATUSES, 0)
    for by_status in counts.values():
        for status, count in by_status.items():
            result[status] += count
    return result


@dataclass
class FailedJob:
    id: int
    task_name: str
    city: str
    attempts: int
    queue: str
    error: str
    failed_at: datetime | None
    city_name: str = ""

    @property
    def task_label(self) -> str:
        from apps.jobs.runner import task_label

        return task_label(self.task_name)


def failed_jobs(*, city: str | None = None, limit: int = 200) -> list[FailedJob]:
    """The failed jobs, newest first, each with the error of its last attempt: one query."""
    events = JobEvent._meta.db_table
    rows = _fetch(
        f"""SELECT j.id, j.task_name, COALESCE(j.args->>'city', ''), j.attempts, j.queue_name,
                   COALESCE(e.error, ''), e.created_at
              FROM procrastinate_jobs j
              LEFT JOIN LATERAL (SELECT error, created_at FROM {events}
                                  WHERE job_id = j.id AND kind = 'failed'
                                  ORDER BY id DESC LIMIT 1) e ON TRUE
             WHERE j.status = 'failed' AND (%s::text IS NULL OR j.args->>'city' = %s)
             ORDER BY j.id DESC LIMIT %s""",  # noqa: S608 (a model's table name, no input)
        [city, city, limit],
    )
    names = city_names()
    return [FailedJob(*row, city_name=names.get(row[2], row[2])) for row in rows]


def city_names() -> dict[str, str]:
    """{schema name: the office's name in the reader's language}: one query."""
    with schema_context("public"):
        return {
            city.schema_name: city.name for city in City.offices.only("schema_name", "name_zh", "name_en")
        }


# --- health ----------------------------------------------------------------------------------


@dataclass
class CityHealth:
    code: str
    name: str
    status: str
    status_label: str
    profile_version: int
    migrations_applied: int
    migrations_known: int
    last_activity: datetime | None
    last_sign_in: datetime | None
    queued: int
    failed: int
    database_bytes: int
    media_bytes: int
    figures_taken_at: datetime | None = None
    extra: dict = field(default_factory=dict)

    @property
    def migrations_behind(self) -> bool:
        return self.migrations_applied < self.migrations_known

    @property
    def storage_bytes(self) -> int:
        return self.database_bytes + self.media_bytes

    @property
    def latest(self) -> datetime | None:
        moments = [moment for moment in (self.last_activity, self.last_sign_in) if moment]
        return max(moments) if moments else None


def known_tenant_migrations() -> set[tuple[str, str]]:
    """(app label, name) of every migration of the apps every city schema has."""
    labels = {config.label for config in django_apps.get_app_configs() if config.name in settings.TENANT_APPS}
    loader = MigrationLoader(None, ignore_no_migrations=True, load=False)
    loader.load_disk()
    return {key for key in loader.disk_migrations if key[0] in labels}


def _per_schema(schemas: list[str], known: set[tuple[str, str]]) -> dict[str, tuple[int, datetime, datetime]]:
    """(applied known migrations, latest audit row, latest sign-in) of every schema, in
    one query (a UNION ALL over the schemas: one round trip however many cities)."""
    if not schemas:
        return {}
    quote = connection.ops.quote_name
    audit = quote(django_apps.get_model("audit", "AuditEntry")._meta.db_table)
    users = quote(django_apps.get_model("accounts", "User")._meta.db_table)
    parts = []
    for schema in schemas:
        s = quote(schema)
        # Schema names come from City rows (quoted), table names from the models.
        parts.append(
            f"SELECT %s, (SELECT count(*) FROM {s}.django_migrations m"  # noqa: S608
            f" WHERE (m.app || '.' || m.name) IN (SELECT key FROM known)),"
            f" (SELECT max(occurred_at) FROM {s}.{audit}), (SELECT max(last_login) FROM {s}.{users})"
        )
    query = "WITH known(key) AS (SELECT unnest(%s::text[])) " + " UNION ALL ".join(parts)
    rows = _fetch(query, [sorted(f"{app}.{name}" for app, name in known), *schemas])
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def _schema_sizes(schemas: list[str]) -> dict[str, int]:
    """Bytes of every table (with its indexes and TOAST) of each schema: one query."""
    rows = _fetch(
        """SELECT n.nspname, COALESCE(sum(pg_total_relation_size(c.oid)), 0)
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'm', 'p') AND n.nspname = ANY(%s)
            GROUP BY n.nspname""",
        [schemas],
    )
    return {schema: int(size) for schema, size in rows}


def media_bytes(schema: str) -> int:
    """Bytes of the files uploaded under the city's own media folder (MEDIA_ROOT/<schema>)."""
    root = Path(settings.MEDIA_ROOT) / schema
    total = 0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            try:
                total += (Path(folder) / name).stat().st_size
            except OSError:
                continue
    return total


# Figures older than this are read live again (the periodic job takes them every minute).
FIGURES_FRESH_SECONDS = 10 * 60


@dataclass(frozen=True)
class Figures:
    migrations_applied: int
    last_activity: datetime | None
    last_sign_in: datetime | None
    database_bytes: int
    media_bytes: int
    taken_at: datetime


def take_figures(schemas: list[str]) -> dict[str, Figures]:
    """Reads the costly figures of ``schemas`` now (three queries and the media folders)."""
    from django.utils import timezone

    if not schemas:
        return {}
    now = timezone.now()
    per_schema = _per_schema(schemas, known_tenant_migrations())
    sizes = _schema_sizes(schemas)
    return {
        schema: Figures(
            *per_schema.get(schema, (0, None, None)),
            database_bytes=sizes.get(schema, 0),
            media_bytes=media_bytes(schema),
            taken_at=now,
        )
        for schema in schemas
    }


def kept_figures(schemas: list[str]) -> dict[str, Figures]:
    """The figures the periodic job took, where still fresh (one query)."""
    from django.utils import timezone

    from apps.jobs.models import SchemaFigures

    since = timezone.now() - timedelta(seconds=FIGURES_FRESH_SECONDS)
    with schema_context("public"):
        rows = SchemaFigures.objects.filter(schema_name__in=schemas, taken_at__gte=since)
        return {
            row.schema_name: Figures(
                row.migrations_applied,
                row.last_activity,
                row.last_sign_in,
                row.database_bytes,
                row.media_bytes,
                row.taken_at,
            )
            for row in rows
        }


def health() -> list[CityHealth]:
    """Every city office (never the template), with its figures: the queue's live, the
    schemas' as the periodic job last took them (read live for a city it has not yet seen)."""
    with schema_context("public"):
        cities = list(City.offices.order_by("code"))
    schemas = [city.schema_name for city in cities]
    known = known_tenant_migrations()
    figures = kept_figures(schemas)
    figures.update(take_figures([schema for schema in schemas if schema not in figures]))
    counts = queue_counts()
    result = []
    for city in cities:
        taken = figures[city.schema_name]
        by_status = counts.get(city.schema_name, {})
        result.append(
            CityHealth(
                code=city.code,
                name=city.name,
                status=city.status,
                status_label=str(city.get_status_display()),
                profile_version=city.profile_version,
                migrations_applied=taken.migrations_applied,
                migrations_known=len(known),
                last_activity=taken.last_activity,
                last_sign_in=taken.last_sign_in,
                queued=by_status.get("todo", 0) + by_status.get("doing", 0),
                failed=by_status.get("failed", 0),
                database_bytes=taken.database_bytes,
                media_bytes=taken.media_bytes,
                figures_taken_at=taken.taken_at,
            )
        )
    return result
