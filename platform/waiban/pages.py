"""The landing page of a city office."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin, has_permission, site_profile
from apps.casework import selectors
from apps.reporting import dashboard


class CityHomeView(PermissionRequiredMixin, TemplateView):
    """The office's home, a dashboard: what waits for the signed-in user, then for each
    module the profile switches on, the office's own figures this month and this year (by
    month, as a chart) and what is overdue now; the module cards last.

    A module's figures are shown to those holding its ``figures_permission``.
    Visitors who are not signed in see the office's public front page (name, contact,
    sign-in) and nothing else.
    """

    template_name = "city/home.html"
    required_permissions = {"GET": "core.view_home"}
    waiting_shown = 10

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return render(request, "city/front.html")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        request = self.request
        profile = site_profile(request)
        waiting = selectors.waiting_for(request.user, profile)
        modules = dashboard.visible_modules(
            profile,
            lambda module: (
                bool(module.figures_permission) and has_permission(request, module.figures_permission)
            ),
        )
        today = timezone.localdate()
        return {
            **super().get_context_data(**kwargs),
            "decisions": waiting["decisions"][: self.waiting_shown],
            "tasks": waiting["tasks"][: self.waiting_shown],
            "waiting_more": max(len(waiting["decisions"]), len(waiting["tasks"])) > self.waiting_shown,
            # the header's badge from the same lists (the context processor would read them again)
            "waiting": {
                "url": reverse("waiting"),
                "count": len(waiting["decisions"]) + len(waiting["tasks"]),
            },
            "dashboards": dashboard.city_figures(modules, today),
            "today": today,
        }
