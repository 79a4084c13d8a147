"""The office administrator's pages on the city host (``/office/units/``): the city's
submitting units and divisions, changing them (at once, or as a proposal an operator
decides), and the outcome of the proposals."""

from __future__ import annotations

from django.contrib import messages
from django.db import connection
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin
from apps.casework.inputs import WebInput
from apps.registry.i18n import label
from apps.registry.units import unit_kind_label
from tenants import office
from tenants.inputs import UnitChangeInput
from tenants.profile_ops import ProfileTextError


def _rows(items: list[dict], *, units: bool) -> list[dict]:
    return [
        {
            "code": item["code"],
            "name": label(item.get("names") or {}, item["code"]),
            "names": item.get("names") or {},
            "kind": unit_kind_label(item.get("kind")) if units else "",
            "retired": bool(item.get("retired")),
        }
        for item in items
    ]


class UnitsView(PermissionRequiredMixin, TemplateView):
    template_name = "office/units.html"
    required_permissions = {"GET": "office.manage_units", "POST": "office.manage_units"}

    def get_context_data(self, **kwargs):
        city = connection.tenant
        profile = city.profile or {}
        kwargs.setdefault("input", WebInput(UnitChangeInput))
        return {
            **super().get_context_data(**kwargs),
            "units": _rows(profile.get("submitting_units") or [], units=True),
            "divisions": _rows(profile.get("divisions") or [], units=False),
            "live": office.units_live(profile),
            "proposals": office.of_city(city)[:50],
        }

    def post(self, request, *args, **kwargs):
        web = WebInput(UnitChangeInput, data=request.POST)
        if web.is_valid():
            data = web.validated_data
            try:
                outcome = office.change_units_as_input(actor=request.user, data=data)
            except office.UnitChangeError as error:
                web.place(error.errors)
            except ProfileTextError as error:
                web.place({"non_field_errors": [str(error)]})
            else:
                if outcome.applied:
                    messages.success(request, _("The change is in effect."))
                else:
                    messages.success(request, _("The change is proposed; a platform operator will decide."))
                return redirect("office:units")
        return self.render_to_response(self.get_context_data(input=web), status=400)
