"""The platform operators' site (bare domain): cities, their status and profiles."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin
from tenants import selectors, services
from tenants.forms import SuspensionForm
from tenants.models import City

CITIES_PER_PAGE = 50  # the page costs the same at 5 cities and at 300


class CityListView(PermissionRequiredMixin, TemplateView):
    template_name = "platform/cities.html"
    required_permissions = {"GET": "platform.manage_cities"}

    def get_context_data(self, **kwargs):
        page = Paginator(selectors.office_list(), CITIES_PER_PAGE).get_page(self.request.GET.get("page"))
        return {
            **super().get_context_data(**kwargs),
            "cities": page.object_list,
            "page": page,
            "provinces": selectors.provinces(),
        }


class CityDetailView(PermissionRequiredMixin, TemplateView):
    template_name = "platform/city.html"
    required_permissions = {"GET": "platform.manage_cities", "POST": "platform.manage_cities"}

    def get_city(self) -> City:
        city = selectors.city_by_code(self.kwargs["code"])
        if city is None:
            raise Http404
        return city

    def get_context_data(self, **kwargs):
        import yaml

        city = self.get_city()
        profile_text = yaml.safe_dump(city.profile, allow_unicode=True, sort_keys=False)
        kwargs.setdefault("suspension_form", SuspensionForm())
        return {**super().get_context_data(**kwargs), "office": city, "profile_text": profile_text}

    def post(self, request, *args, **kwargs):
        city = self.get_city()
        status = request.POST.get("status")
        reason = request.POST.get("reason", "").strip()[:200]
        if status not in City.Status.values:
            messages.error(request, _("Unknown status."))
            return redirect("city-detail", code=city.code)
        if status == City.Status.SUSPENDED:
            form = SuspensionForm(request.POST)
            if not form.is_valid():  # nothing changes; the errors under the fields
                return self.render_to_response(self.get_context_data(suspension_form=form), status=400)
            reason = form.cleaned_data["reason"]
        services.set_city_status(city=city, status=status, actor=request.user, reason=reason)
        messages.success(request, _("Status changed."))
        return redirect("city-detail", code=city.code)
