"""The kernel's jobs: documents rendered in the background, stalled jobs picked up again."""

from __future__ import annotations

import logging

from asgiref.sync import sync_to_async
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from procrastinate.contrib.django import app

from apps.jobs import renderers
from apps.jobs.runner import PLATFORM_QUEUE, platform_task

logger = logging.getLogger(__name__)

# A worker that has not beaten its heart for this long is gone (killed, machine lost):
# the jobs it was doing go back to the queue. Workers beat every 10 s.
STALLED_AFTER_SECONDS = 60


@platform_task(name="jobs.render_document", label=_("Document prepared in the background"))
def render_document(*, rendition: str) -> None:
    """Renders one ``Rendition`` and keeps the file; a failure is kept on it (and retried)."""
    from apps.jobs.models import Rendition

    item = Rendition.objects.select_for_update().get(pk=rendition)
    if item.status == Rendition.Status.DONE:
        return
    result = renderers.render(item.renderer, scope=item.scope, params=item.params)
    item.filename, item.content_type, item.content = result.filename, result.content_type, result.content
    item.size, item.status, item.error, item.finished_at = (
        len(result.content),
        Rendition.Status.DONE,
        "",
        timezone.now(),
    )
    item.save()


def _rendering_failed(*, error: BaseException, rendition: str) -> None:
    from apps.jobs.models import Rendition

    Rendition.objects.filter(pk=rendition).exclude(status=Rendition.Status.DONE).update(
        status=Rendition.Status.FAILED, error=f"{type(error).__name__}: {error}"[:2000]
    )


render_document.body.on_failure = _rendering_failed


def _retry_stalled(seconds: float) -> list[int]:
    from apps.jobs import services

    return services.retry_stalled_jobs(seconds_since_heartbeat=seconds)


@app.periodic(cron="* * * * *", periodic_id="retry-stalled")
@app.task(name="jobs.retry_stalled_jobs", queue=PLATFORM_QUEUE, queueing_lock="jobs.retry_stalled_jobs")
async def retry_stalled_jobs(timestamp: int) -> None:
    """Every minute: the jobs of vanished workers go back to the queue."""
    retried = await sync_to_async(_retry_stalled, thread_sensitive=True)(STALLED_AFTER_SECONDS)
    if retried:
        logger.warning("jobs: %d stalled job(s) put back in the queue: %s", len(retried), retried)


def _refresh_figures() -> int:
    from apps.jobs import services

    return services.refresh_schema_figures()


@app.periodic(cron="* * * * *", periodic_id="health-figures")
@app.task(
    name="jobs.refresh_schema_figures", queue=PLATFORM_QUEUE, queueing_lock="jobs.refresh_schema_figures"
)
async def refresh_schema_figures(timestamp: int) -> None:
    """Every minute: the health page's costly figures of every city, kept for the page."""
    await sync_to_async(_refresh_figures, thread_sensitive=True)()


SUCCEEDED_KEPT_HOURS = 14 * 24


@app.periodic(cron="30 19 * * *", periodic_id="remove-old-jobs")
@app.task(name="jobs.remove_old_jobs", queue=PLATFORM_QUEUE, queueing_lock="jobs.remove_old_jobs")
async def remove_old_jobs(timestamp: int) -> None:
    """Daily (03:30 in Beijing): succeeded jobs older than two weeks leave the queue's table;
    failed ones stay until an operator retries them."""
    from apps.jobs.runner import _in_callers_transaction

    await _in_callers_transaction.delete_old_jobs(nb_hours=SUCCEEDED_KEPT_HOURS)
