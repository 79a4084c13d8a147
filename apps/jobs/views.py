"""Operators' pages (platform host): the queues, failed jobs and their retry, the health of
every city. Provincial and city pages: documents rendered in the background."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from apps.accounts.access import PermissionRequiredMixin
from apps.jobs import selectors, services
from apps.jobs.models import Rendition


class JobsView(PermissionRequiredMixin, TemplateView):
    template_name = "jobs/queues.html"
    required_permissions = {"GET": "platform.manage_jobs"}

    def get_context_data(self, **kwargs):
        counts = selectors.queue_counts()
        names = selectors.city_names()
        return {
            **super().get_context_data(**kwargs),
            "counts": [(city, names.get(city, city), by_status) for city, by_status in counts.items()],
            "totals": selectors.totals(counts),
            "statuses": selectors.STATUSES,
            "failed": selectors.failed_jobs(),
        }


class RetryJobView(PermissionRequiredMixin, View):
    required_permissions = {"POST": "platform.manage_jobs"}

    def post(self, request, job_id: int):
        try:
            services.retry_failed_job(actor=request.user, job_id=job_id)
        except services.NotRetryable:
            messages.error(request, _("That job is not a failed job (any more)."))
        else:
            messages.success(request, _("The job is back in the queue."))
        return redirect("jobs-queues")


class HealthView(PermissionRequiredMixin, TemplateView):
    template_name = "jobs/health.html"
    required_permissions = {"GET": "platform.manage_jobs"}

    def get_context_data(self, **kwargs):
        cities = selectors.health()
        return {
            **super().get_context_data(**kwargs),
            "cities": cities,
            "behind": sum(1 for city in cities if city.migrations_behind),
            "taken_at": min(
                (city.figures_taken_at for city in cities if city.figures_taken_at), default=None
            ),
        }


class RenditionListView(PermissionRequiredMixin, TemplateView):
    """Documents rendered in the background for the current audience (``rendition_scope``
    of the request: a province portal or a city), pending and done."""

    template_name = "jobs/renditions.html"
    required_permissions = {"GET": "province.review"}

    def get_context_data(self, **kwargs):
        from apps.jobs.renderers import scope_of

        items = Rendition.objects.filter(scope=scope_of(self.request)).defer("content")[:100]
        return {**super().get_context_data(**kwargs), "items": items}


class RenditionDownloadView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "province.review"}

    def get(self, request, pk):
        from apps.jobs.renderers import scope_of

        item = Rendition.objects.filter(pk=pk, scope=scope_of(request), status=Rendition.Status.DONE).first()
        if item is None:
            raise Http404
        response = HttpResponse(bytes(item.content), content_type=item.content_type)
        response["Content-Disposition"] = f'attachment; filename="{item.filename}"'
        return response
