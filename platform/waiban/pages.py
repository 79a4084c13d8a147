"""The landing pages of a city office and of a provincial portal."""

from django.shortcuts import render
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin
from tenants import selectors


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


def province_home(request):
    """Reserved for the provincial portal: the province's name and its cities."""
    province = request.province
    cities = selectors.cities_of_province(province)
    return render(request, "province/home.html", {"province": province, "cities": cities})
