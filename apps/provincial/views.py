"""The provincial FAO portal: figures of its cities and the queue of escalated cases."""

from __future__ import annotations

import datetime
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from openpyxl import Workbook

from apps.accounts.access import PermissionRequiredMixin
from apps.provincial import selectors, services
from apps.registry.i18n import label
from apps.trips import countries
from apps.trips.limits import RULE_LABELS, UNIT_KIND_LABELS
from tenants import selectors as tenant_selectors


def portal_home(request):
    if not request.user.is_authenticated:
        province = request.province
        cities = tenant_selectors.cities_of_province(province)
        return render(request, "province/home.html", {"province": province, "cities": cities})
    return DashboardView.as_view()(request)


def labelled(totals: dict[str, int], labels: dict[str, dict[str, str]]) -> list[tuple[str, int]]:
    return [(label(labels.get(key, {}), key), value) for key, value in totals.items()]


def _half_year(request) -> tuple[int, int]:
    """The half-year asked for (``?year=&half=``), else the current one; bad values raise
    ValidationError naming the field."""
    from apps.trips.statistics import current_period, parse_period

    default_year, default_half = current_period()
    return parse_period(
        request.GET.get("year") or str(default_year), request.GET.get("half") or str(default_half)
    )


def _period(request) -> tuple[datetime.date, datetime.date]:
    """The first days of the first and last months of the half-year (bad input: current)."""
    from apps.trips.statistics import current_period, half_year

    try:
        year, half = _half_year(request)
    except ValidationError:
        year, half = current_period()
    start, end = half_year(year, half)
    return start, end.replace(day=1)


DASHBOARD_METRICS = [
    "trips.delegations",
    "trips.people",
    "trips.by_destination",
    "trips.by_unit_kind",
    "trips.overrides",
]


class DashboardView(PermissionRequiredMixin, TemplateView):
    template_name = "provincial/dashboard.html"
    required_permissions = {"GET": "province.review"}

    def get_context_data(self, **kwargs):
        province = self.request.province
        since, until = _period(self.request)
        window = {"since": since, "until": until}
        figures = selectors.totals(province, DASHBOARD_METRICS, **window)
        return {
            **super().get_context_data(**kwargs),
            "province": province,
            "since": since,
            "until": until,
            "delegations": sum(figures["trips.delegations"].values()),
            "people": sum(figures["trips.people"].values()),
            "by_month": selectors.by_month(province, "trips.delegations", **window),
            "by_city": selectors.by_city(province, "trips.delegations", **window),
            "by_destination": [
                (code, countries.name(code), n) for code, n in figures["trips.by_destination"].items()
            ],
            "by_unit_kind": labelled(figures["trips.by_unit_kind"], UNIT_KIND_LABELS),
            "overrides": labelled(figures["trips.overrides"], RULE_LABELS),
            "overdue": _overdue_by_city(province),
            "pending": selectors.queue(province).count(),
        }


OVERDUE_DOCUMENTS, OVERDUE_REPORTS = "trips.overdue_documents", "trips.overdue_reports"


def _overdue_by_city(province, until: datetime.date | None = None) -> list[dict]:
    """Each city's latest overdue snapshot, left by its daily reminder run."""
    return [
        {
            "city_id": row["city_id"],
            "city": row["city"],
            "month": row["month"],
            "documents": row.get(OVERDUE_DOCUMENTS, 0),
            "reports": row.get(OVERDUE_REPORTS, 0),
        }
        for row in selectors.latest_by_city(province, [OVERDUE_DOCUMENTS, OVERDUE_REPORTS], until=until)
    ]


REPORT_COLUMNS = [
    ("trips.delegations", "团组数 Delegations"),
    ("trips.people", "人数 People"),
    ("trips.days", "在外人天数 Person-days abroad"),
    ("trips.overrides", "超限批准 Limits overridden"),
]


class ReportView(PermissionRequiredMixin, View):
    """The province's biannual figures by city as XLSX (``/report.xlsx?year=&half=``)."""

    required_permissions = {"GET": "province.review"}

    def get(self, request):
        from apps.trips.statistics import half_year

        try:
            year, half = _half_year(request)
        except ValidationError as error:
            text = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items())
            return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")
        province = request.province
        start, end = half_year(year, half)
        since, until = start, end.replace(day=1)
        totals = selectors.totals_by_city(province, [m for m, _ in REPORT_COLUMNS], since=since, until=until)
        overdue = {row["city_id"]: row for row in _overdue_by_city(province, until=until)}
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = f"{year}-H{half}"
        sheet.append([f"{province.name_zh} 因公出国（境）统计 {province.name_en}: {year} H{half}"])
        sheet.append([f"{start.isoformat()} – {end.isoformat()}"])
        sheet.append(["城市 City", *(title for _, title in REPORT_COLUMNS),
                      "逾期未交证照 Travel documents overdue", "逾期未交报告 Post-trip reports overdue",
                      "逾期数截至 Overdue as of (month)"])  # fmt: skip
        sums = [0] * (len(REPORT_COLUMNS) + 2)
        for city in tenant_selectors.cities_of_province(province).order_by("code"):
            figures = totals.get(city.pk, {})
            late = overdue.get(city.pk, {})
            values = [figures.get(metric, 0) for metric, _ in REPORT_COLUMNS]
            values += [late.get("documents", 0), late.get("reports", 0)]
            sums = [a + b for a, b in zip(sums, values, strict=True)]
            month = f"{late['month']:%Y-%m}" if late else ""
            sheet.append([f"{city.name_zh} {city.name_en}", *values, month])
        sheet.append(["合计 Total", *sums])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{province.code}-{year}-H{half}.xlsx"'
        return response


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
