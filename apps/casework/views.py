"""Each user's "waiting for me" list (every city host, one click from every page)."""

from __future__ import annotations

from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin, site_profile
from apps.casework import selectors


class WaitingView(PermissionRequiredMixin, TemplateView):
    template_name = "casework/waiting.html"
    required_permissions = {"GET": "core.view_home"}

    def get_context_data(self, **kwargs):
        waiting = selectors.waiting_for(self.request.user, site_profile(self.request))
        return {**super().get_context_data(**kwargs), **waiting}
