"""A real Procrastinate worker run in the test's own transaction (Django's connection)."""

from __future__ import annotations

import json

from django.db import connection


def run_jobs() -> None:
    """Runs every job that is due, then returns (``wait=False``): the real worker, its
    retry policy and its heartbeats, on the test database."""
    from apps.jobs.runner import run_worker

    run_worker(wait=False, fetch_job_polling_interval=0.05)
    connection.set_schema_to_public()


def jobs(task_name: str | None = None) -> list[dict]:
    """The queue's rows (public schema), oldest first."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, task_name, status, attempts, args, queue_name FROM public.procrastinate_jobs "
            "WHERE %s::text IS NULL OR task_name = %s ORDER BY id",
            [task_name, task_name],
        )
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:  # Django reads jsonb as text
        row["args"] = json.loads(row["args"]) if isinstance(row["args"], str) else row["args"]
    return rows


def make_due() -> None:
    """Retries scheduled in the future become due now (the retry policy waits seconds)."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE public.procrastinate_jobs SET scheduled_at = NOW() WHERE status = 'todo'")
