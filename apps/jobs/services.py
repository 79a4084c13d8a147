"""Writes on the queue: an operator's retry of a failed job (audited), stalled jobs put
back in the queue, a document requested for rendering in the background."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django_tenants.utils import schema_context
from procrastinate import sql

from apps.audit.services import record
from apps.jobs.models import JobEvent, Rendition
from apps.jobs.runner import _in_callers_transaction, defer_on_platform


class NotRetryable(LookupError):
    """No failed job with that id."""


def retry_failed_job(*, actor, job_id: int) -> None:
    """Puts a failed job back in the queue, now; one audit row (public schema)."""
    with schema_context("public"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT task_name, args->>'city', attempts FROM procrastinate_jobs "
                "WHERE id = %s AND status = 'failed' FOR UPDATE",
                [job_id],
            )
            row = cursor.fetchone()
        if row is None:
            raise NotRetryable(job_id)
        task_name, city, attempts = row
        _in_callers_transaction.retry_job_by_id(job_id=job_id, retry_at=None)  # due at once
        JobEvent.objects.create(
            job_id=job_id,
            task_name=task_name,
            city=city or "",
            kind=JobEvent.Kind.RETRIED,
            attempt=attempts + 1,
        )
        record(
            actor=actor,
            action="jobs.retry",
            object_type="procrastinate.job",
            object_id=job_id,
            before={"status": "failed", "task": task_name, "city": city or ""},
            after={"status": "todo"},
        )


def retry_stalled_jobs(*, seconds_since_heartbeat: float) -> list[int]:
    """The jobs marked doing whose worker stopped beating (or vanished) go back to the queue."""
    manager = _in_callers_transaction
    stalled = manager.connector.get_sync_connector().execute_query_all(
        query=sql.queries["select_stalled_jobs_by_heartbeat"],
        queue=None,
        task_name=None,
        seconds_since_heartbeat=seconds_since_heartbeat,
    )
    retried = []
    for row in stalled:
        manager.retry_job_by_id(job_id=row["id"], retry_at=None)  # due at once
        retried.append(row["id"])
    return retried


def request_rendition(*, actor, scope: str, renderer: str, params: dict[str, Any], title: str) -> Rendition:
    """A document to render in the background for ``scope``; the job goes with the row."""
    from apps.jobs.tasks import render_document

    with schema_context("public"), transaction.atomic():
        item = Rendition.objects.create(
            scope=scope,
            renderer=renderer,
            params=params,
            title=title[:200],
            requested_by=actor.get_username(),
        )
        defer_on_platform(render_document, rendition=str(item.pk))
        record(
            actor=actor,
            action="jobs.render_requested",
            obj=item,
            after={"renderer": renderer, "params": params},
        )
    return item


__all__ = ["NotRetryable", "request_rendition", "retry_failed_job", "retry_stalled_jobs"]


def refresh_schema_figures() -> int:
    """Takes every city's costly health figures and keeps them (one row per schema, written
    in one statement); returns how many. Run every minute by the periodic job."""
    from django.utils import timezone

    from apps.jobs import selectors
    from apps.jobs.models import SchemaFigures
    from tenants.models import City

    with schema_context("public"):
        schemas = list(City.offices.values_list("schema_name", flat=True))
        taken = selectors.take_figures(schemas)
        rows = [
            SchemaFigures(
                schema_name=schema,
                migrations_applied=figures.migrations_applied,
                last_activity=figures.last_activity,
                last_sign_in=figures.last_sign_in,
                database_bytes=figures.database_bytes,
                media_bytes=figures.media_bytes,
                taken_at=figures.taken_at or timezone.now(),
            )
            for schema, figures in taken.items()
        ]
        with transaction.atomic():
            SchemaFigures.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["schema_name"],
                update_fields=[
                    "migrations_applied", "last_activity", "last_sign_in",
                    "database_bytes", "media_bytes", "taken_at",
                ],
            )  # fmt: skip
            SchemaFigures.objects.exclude(schema_name__in=schemas).delete()
    return len(rows)
