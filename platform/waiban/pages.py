"""The landing page of a city office."""

from django.shortcuts import render
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin


class CityHomeView(PermissionRequiredMixin, TemplateView):
    """The office's home: its name, the signed-in user's role and its enabled modules.

    Visitors who are not signed in see the office's public front page (name, contact,
    sign-in) and nothing else.
    """

    template_name = "city/home.html"
    required_permissions = {"GET": "core.view_home"}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return render(request, "city/front.html")
        return super().dispatch(request, *args, **kwargs)
