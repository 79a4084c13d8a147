"""Operators' API on the platform host: /api/v1/jobs/ (queues and failed jobs),
/api/v1/jobs/<id>/retry/ and /api/v1/health/."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.jobs import selectors, services


class JobsAPI(APIView):
    required_permissions = {"GET": "platform.manage_jobs"}

    def get(self, request):
        counts = selectors.queue_counts()
        return Response(
            {
                "totals": selectors.totals(counts),
                "by_city": counts,
                "failed": [
                    {
                        "id": job.id,
                        "task": job.task_name,
                        "task_label": job.task_label,
                        "city_name": job.city_name,
                        "city": job.city,
                        "attempts": job.attempts,
                        "queue": job.queue,
                        "error": job.error,
                        "failed_at": job.failed_at,
                    }
                    for job in selectors.failed_jobs()
                ],
            }
        )


class RetryJobAPI(APIView):
    required_permissions = {"POST": "platform.manage_jobs"}

    def post(self, request, job_id: int):
        try:
            services.retry_failed_job(actor=request.user, job_id=job_id)
        except services.NotRetryable:
            raise NotFound(_("No failed job with this id.")) from None
        return Response({"id": job_id, "status": "todo"})


class HealthAPI(APIView):
    required_permissions = {"GET": "platform.manage_jobs"}

    def get(self, request):
        return Response(
            [
                {
                    "code": city.code,
                    "name": city.name,
                    "status": city.status,
                    "profile_version": city.profile_version,
                    "migrations": {
                        "applied": city.migrations_applied,
                        "known": city.migrations_known,
                        "behind": city.migrations_behind,
                    },
                    "last_activity": city.last_activity,
                    "last_sign_in": city.last_sign_in,
                    "jobs": {"queued": city.queued, "failed": city.failed},
                    "storage": {
                        "database_bytes": city.database_bytes,
                        "media_bytes": city.media_bytes,
                        "total_bytes": city.storage_bytes,
                    },
                    "figures_taken_at": city.figures_taken_at,
                }
                for city in selectors.health()
            ]
        )
