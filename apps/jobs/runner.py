"""``city_task`` / ``defer_for_city``: every job of a city carries that city and runs in
its schema only; ``platform_task`` / ``defer_on_platform`` for the platform's own jobs
(public schema: the daily fan-out, provincial exports).

Enqueueing goes through Django's own connection (Procrastinate's ``DjangoConnector``),
never a second one: the job row is part of the caller's transaction and disappears if
it rolls back. Job bodies are ordinary synchronous Django code; the worker runs them one
after the other in Django's thread-sensitive executor, each in one transaction.
"""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Callable
from typing import Any

from asgiref.sync import sync_to_async
from django.db import close_old_connections, connection, transaction
from django_tenants.utils import schema_context, tenant_context
from procrastinate import RetryStrategy, exceptions
from procrastinate.contrib.django import app
from procrastinate.contrib.django.django_connector import DjangoConnector
from procrastinate.manager import JobManager
from procrastinate.tasks import configure_task

logger = logging.getLogger(__name__)

# A failing job is tried again after 4 s, 16 s and 64 s, then left failed for an
# operator to see and retry (apps.jobs.services.retry_failed_job).
DEFAULT_RETRY = RetryStrategy(max_attempts=3, exponential_wait=4)
CITY_QUEUE = "cities"
PLATFORM_QUEUE = "platform"


class Connector(DjangoConnector):
    """Procrastinate's Django connector, reading jsonb as JSON: Django has its connections
    read jsonb as text (with psycopg2 and psycopg 3 alike), and a job's arguments are jsonb."""

    def _dictfetch(self, cursor: Any):
        for row in super()._dictfetch(cursor):
            if isinstance(row.get("args"), str):
                row["args"] = json.loads(row["args"])
            yield row


_in_callers_transaction = JobManager(Connector())


def on_app_ready(procrastinate_app) -> None:
    """PROCRASTINATE_ON_APP_READY: the app (worker included) uses ``Connector``."""
    procrastinate_app.connector = procrastinate_app.job_manager.connector = _in_callers_transaction.connector


class CityNotAllowed(ValueError):
    """A job was asked for something that is not an office's schema."""


def _office(city: str):
    """The office whose code (= schema name) is ``city``, whatever its status; None if
    there is none. Never the template schema, never public."""
    from tenants.models import City

    with schema_context("public"):
        return City.offices.select_related("province").filter(schema_name=city).first()


def _record(*, kind: str, context, city: str, error: str = "") -> None:
    from apps.jobs.models import JobEvent

    with schema_context("public"):
        JobEvent.objects.create(
            job_id=context.job.id or 0,
            task_name=context.job.task_name,
            city=city,
            kind=kind,
            attempt=context.job.attempts + 1,
            error=error[:20000],
        )


def _error_text(error: BaseException) -> str:
    return (
        "".join(traceback.format_exception_only(type(error), error)).strip()
        + "\n\n"
        + ("".join(traceback.format_tb(error.__traceback__)[-5:]))
    )


def _fresh_connection() -> None:
    """Between jobs, as between requests: a broken or too old connection is replaced (never
    inside a transaction, e.g. a test's, which would lose it)."""
    if not connection.in_atomic_block:
        close_old_connections()


def _run(func: Callable[..., Any], context, city: str | None, kwargs: dict[str, Any]) -> Any:
    """In the worker's Django thread: the body in one transaction, in the city's schema."""
    from apps.jobs.models import JobEvent
    from tenants.models import City

    _fresh_connection()
    try:
        if city is None:
            with schema_context("public"), transaction.atomic():
                return func(**kwargs)
        office = _office(city)
        if office is None or office.status != City.Status.ACTIVE:
            _record(kind=JobEvent.Kind.SKIPPED, context=context, city=city)
            logger.warning("job %s skipped: city %r is not an active office", context.job.id, city)
            return None
        with tenant_context(office), transaction.atomic():
            return func(**kwargs)
    except Exception as error:
        connection.set_schema_to_public()
        _record(kind=JobEvent.Kind.FAILED, context=context, city=city or "", error=_error_text(error))
        on_failure = getattr(func, "on_failure", None)
        if on_failure is not None:  # after the rollback: what the job wants kept of its failure
            with schema_context("public"):
                on_failure(error=error, **kwargs)
        raise
    finally:
        connection.set_schema_to_public()
        _fresh_connection()


# What operators read for each job's task (name -> lazy translated label).
TASK_LABELS: dict[str, Any] = {}


def task_label(name: str) -> str:
    return str(TASK_LABELS.get(name, name))


def _task(func, *, name: str, queue: str, retry, city_bound: bool, label=None, **options):
    if city_bound:

        async def body(context, city: str, **kwargs):
            return await sync_to_async(_run, thread_sensitive=True)(func, context, city, kwargs)
    else:

        async def body(context, **kwargs):
            return await sync_to_async(_run, thread_sensitive=True)(func, context, None, kwargs)

    body.__name__ = func.__name__
    body.__qualname__ = func.__qualname__
    body.__module__ = func.__module__
    body.__doc__ = func.__doc__
    task = app.task(name=name, queue=queue, retry=retry, pass_context=True, **options)(body)
    if label is not None:
        TASK_LABELS[name] = label
    task.body = func  # the plain function, for callers that run it in place
    task.city_bound = city_bound
    return task


def city_task(*, name: str, label=None, queue: str = CITY_QUEUE, retry=DEFAULT_RETRY, **options):
    """Declares a job that runs in one city's schema (``connection.tenant`` is the city)
    and in one transaction. The function takes keyword arguments only (JSON values); the
    city is not one of them: it is given to ``defer_for_city`` and decided by the runner."""

    def decorate(func):
        return _task(func, name=name, label=label, queue=queue, retry=retry, city_bound=True, **options)

    return decorate


def platform_task(*, name: str, label=None, queue: str = PLATFORM_QUEUE, retry=DEFAULT_RETRY, **options):
    """Declares a job of the platform itself: it runs in the public schema."""

    def decorate(func):
        return _task(func, name=name, label=label, queue=queue, retry=retry, city_bound=False, **options)

    return decorate


def _defer(task, task_kwargs: dict[str, Any], options: dict[str, Any]) -> int | None:
    deferrer = configure_task(
        name=task.name, job_manager=_in_callers_transaction, queue=task.queue, **options
    )
    try:
        with transaction.atomic():  # a refused queueing lock leaves the caller's transaction usable
            return deferrer.defer(**task_kwargs)
    except exceptions.AlreadyEnqueued:
        return None


def defer_for_city(task, city, **kwargs) -> int | None:
    """Enqueues ``task`` for ``city`` (a City, or its code) in the caller's transaction.
    ``queueing_lock``, ``lock``, ``schedule_in``, ``priority`` are the queue's options;
    everything else goes to the job. Returns the job's id (None when a job with the same
    queueing lock is already waiting)."""
    if not getattr(task, "city_bound", False):
        raise TypeError(f"{task!r} is not a city_task")
    code = getattr(city, "schema_name", city)
    if not isinstance(code, str) or not code or code in ("public", "city_template"):
        raise CityNotAllowed(f"not a city: {city!r}")
    options = {
        key: kwargs.pop(key) for key in ("queueing_lock", "lock", "schedule_in", "priority") if key in kwargs
    }
    return _defer(task, {"city": code, **kwargs}, options)


def defer_on_platform(task, **kwargs) -> int | None:
    """Enqueues a ``platform_task`` in the caller's transaction (see ``defer_for_city``)."""
    if getattr(task, "city_bound", True):
        raise TypeError(f"{task!r} is not a platform_task")
    options = {
        key: kwargs.pop(key) for key in ("queueing_lock", "lock", "schedule_in", "priority") if key in kwargs
    }
    return _defer(task, kwargs, options)


def run_worker(**options) -> None:
    """Runs a worker on Django's connection (polling; no LISTEN, which the Django
    connection cannot do): ``manage.py run_jobs`` and the tests (``wait=False``)."""
    from asgiref.sync import async_to_sync

    # Our bodies manage the connection themselves (``_fresh_connection``): Procrastinate's
    # Django middleware would close it even inside a transaction (a test's).
    options.setdefault("task_middleware", [])
    options.setdefault("listen_notify", False)
    options.setdefault("install_signal_handlers", False)
    options.setdefault("fetch_job_polling_interval", 2)
    async_to_sync(app.run_worker_async)(**options)
