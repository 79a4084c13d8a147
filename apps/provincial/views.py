"""The provincial FAO portal: figures of its cities and the queue of escalated cases."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from apps.accounts.access import PermissionRequiredMixin
from apps.provincial import selectors, services
from apps.trips import countries
from tenants import selectors as tenant_selectors


def portal_home(request):
    if not request.user.is_authenticated:
        province = request.province
        cities = tenant_selectors.cities_of_province(province)
        return render(request, "province/home.html", {"province": province, "cities": cities})
    return DashboardView.as_view()(request)


def _period(request) -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
        half = int(request.GET.get("half", 1 if today.month <= 6 else 2))
    except ValueError:
        year, half = today.year, 1
    half = 1 if half not in (1, 2) else half
    return datetime.date(year, 1 if half == 1 else 7, 1), datetime.date(year, 6 if half == 1 else 12, 1)


class DashboardView(PermissionRequiredMixin, TemplateView):
    template_name = "provincial/dashboard.html"
    required_permissions = {"GET": "province.review"}

    def get_context_data(self, **kwargs):
        province = self.request.province
        since, until = _period(self.request)
        window = {"since": since, "until": until}
        destinations = selectors.totals(province, "trips.by_destination", **window)
        return {
            **super().get_context_data(**kwargs),
            "province": province,
            "since": since,
            "until": until,
            "delegations": sum(selectors.totals(province, "trips.delegations", **window).values()),
            "people": sum(selectors.totals(province, "trips.people", **window).values()),
            "by_month": selectors.by_month(province, "trips.delegations", **window),
            "by_city": selectors.by_city(province, "trips.delegations", **window),
            "by_destination": [(code, countries.name(code), n) for code, n in destinations.items()],
            "by_unit_kind": selectors.totals(province, "trips.by_unit_kind", **window),
            "overrides": selectors.totals(province, "trips.overrides", **window),
            "pending": selectors.queue(province).count(),
        }


class QueueView(PermissionRequiredMixin, TemplateView):
    template_name = "provincial/queue.html"
    required_permissions = {"GET": "province.review"}

    def get_context_data(self, **kwargs):
        state = self.request.GET.get("state", "pending")
        return {
            **super().get_context_data(**kwargs),
            "cases": selectors.queue(self.request.province, state=state),
            "state": state,
        }


class EscalationView(PermissionRequiredMixin, TemplateView):
    template_name = "provincial/escalation.html"
    required_permissions = {"GET": "province.review", "POST": "province.review"}

    def get_context_data(self, pk, **kwargs):
        escalation = selectors.escalation(self.request.province, pk)
        if escalation is None:
            raise Http404
        return {**super().get_context_data(**kwargs), "escalation": escalation}

    def post(self, request, pk):
        escalation = selectors.escalation(request.province, pk)
        if escalation is None:
            raise Http404
        decision = request.POST.get("decision")
        if decision not in ("approve", "reject"):
            messages.error(request, _("Choose approve or refuse."))
            return redirect("province-escalation", pk)
        try:
            services.decide(
                user=request.user,
                province=request.province,
                escalation=escalation,
                approve=decision == "approve",
                comment=request.POST.get("comment", ""),
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect("province-escalation", pk)
        messages.success(request, _("Decision sent to the city."))
        return redirect("province-queue")
