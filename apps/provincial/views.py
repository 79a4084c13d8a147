"""The provincial FAO portal: figures of its cities and the queue of escalated cases."""

from __future__ import annotations

import datetime
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from openpyxl import Workbook

from apps.accounts.access import PermissionRequiredMixin
from apps.casework.summary import localized
from apps.documents.exports import append_row
from apps.provincial import figures, selectors, services
from apps.registry.modules import registry
from apps.reporting.models import EscalatedCase
from apps.workdays.periods import current_period, half_year, period_from_query
from tenants import selectors as tenant_selectors


def portal_home(request):
    if not request.user.is_authenticated:
        province = request.province
        cities = tenant_selectors.cities_of_province(province)
        return render(request, "province/home.html", {"province": province, "cities": cities})
    return DashboardView.as_view()(request)


def _half_year(request) -> tuple[int, int]:
    """The half-year asked for (``?year=&half=``), else the current one; bad values raise
    ValidationError naming the field."""
    return period_from_query(request.GET)


def _window(year: int, half: int) -> dict[str, datetime.date]:
    """The first days of the first and last months of the half-year."""
    start, end = half_year(year, half)
    return {"since": start, "until": end.replace(day=1)}


class DashboardView(PermissionRequiredMixin, TemplateView):
    """Each module's figures for the province's cities over one half-year."""

    template_name = "provincial/dashboard.html"
    required_permissions = {"GET": "province.review"}

    def get_context_data(self, **kwargs):
        province = self.request.province
        try:
            year, half = _half_year(self.request)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            year, half = current_period()
        window = _window(year, half)
        # The current half-year shows what is overdue today; a past one, as it was then.
        sections = figures.assemble(province, **window, latest=(year, half) == current_period())
        return {
            **super().get_context_data(**kwargs),
            "province": province,
            "year": year,
            "half": half,
            "years": selectors.years(province),
            **window,
            "sections": sections,
            "pending": selectors.queue(province).count(),
        }


def _cell(text_zh: str, text_en: str) -> str:
    return f"{text_zh} {text_en}" if text_zh != text_en else text_zh


class ReportView(PermissionRequiredMixin, View):
    """The province's half-year figures by city as XLSX (``/report.xlsx?year=&half=``): one
    sheet per module, built from the modules' declared figures; headings in both languages."""

    required_permissions = {"GET": "province.review"}

    def get(self, request):
        try:
            year, half = _half_year(request)
        except ValidationError as error:
            text = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items())
            return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")
        province = request.province
        response = HttpResponse(report_workbook(province, year, half), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{province.code}-{year}-H{half}.xlsx"'
        return response


class BackgroundReportView(PermissionRequiredMixin, View):
    """``POST /report/background/?year=&half=``: the same XLSX prepared by the background
    worker (for a province with many cities); it appears under ``/exports/``."""

    required_permissions = {"POST": "province.review"}

    def post(self, request):
        from apps.jobs.services import request_rendition

        try:
            year, half = _half_year(request)
        except ValidationError as error:
            text = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items())
            return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")
        province = request.province
        request_rendition(
            actor=request.user,
            scope=f"province:{province.code}",
            renderer="provincial.report",
            params={"province": province.code, "year": year, "half": half},
            title=f"{province.name_zh} {year}-H{half} · {province.name_en} {year} H{half} (XLSX)",
        )
        messages.success(request, _("The report is being prepared in the background."))
        return redirect("renditions")


def report_workbook(province, year: int, half: int) -> bytes:
    """The province's half-year figures by city, as XLSX bytes (the page and the job)."""
    start, end = half_year(year, half)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for section in figures.assemble(province, **_window(year, half)):
        _module_sheet(workbook, province, section, year, half, start, end)
    if not workbook.sheetnames:
        append_row(workbook.create_sheet(f"{year}-H{half}"), [_cell("无数据", "No figures")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _module_sheet(workbook, province, section, year, half, start, end) -> None:
    names = section.module.names
    sheet = workbook.create_sheet(names["zh"][:31])
    append_row(sheet, [f"{province.name_zh} {names['zh']} {year}年{'上' if half == 1 else '下'}半年 · "
                  f"{province.name_en}: {names['en']}, {year} H{half}"])  # fmt: skip
    append_row(sheet, [f"{start.isoformat()} – {end.isoformat()}"])
    heading = [_cell("城市", "City")]
    heading += [_cell(f.names["zh"], f.names["en"]) for f in section.counted]
    heading += [_cell(f.names["zh"], f.names["en"]) for f in section.snapshots]
    if section.snapshots:
        heading.append(_cell("逾期数截至（月）", "Overdue as of (month)"))
    append_row(sheet, heading)
    sums = [0] * (len(section.counted) + len(section.snapshots))
    for row in section.by_city:
        values = [*row["values"], *(value for _figure, value in row["snapshots"])]
        sums = [a + b for a, b in zip(sums, values, strict=True)]
        month = [f"{row['as_of']:%Y-%m}" if row["as_of"] else ""] if section.snapshots else []
        append_row(sheet, [_cell(row["city"].name_zh, row["city"].name_en), *values, *month])
    append_row(sheet, [_cell("合计", "Total"), *sums])
    for figure, rows in section.breakdowns:
        append_row(sheet, [])
        append_row(sheet, [_cell(figure.names["zh"], figure.names["en"])])
        for key, _label, value in rows:
            with translation.override("zh-hans"):
                zh = figure.key_label(key)
            with translation.override("en"):
                en = figure.key_label(key)
            append_row(sheet, [_cell(zh, en), value])


class EscalationFileView(PermissionRequiredMixin, View):
    """A file the city attached to an escalated case (its summary lists it), read from the
    city's schema for the province that decides: nothing else of the city is reachable."""

    required_permissions = {"GET": "province.review"}

    def get(self, request, pk, index):
        from django_tenants.utils import tenant_context

        from apps.documents.models import Attachment, Document
        from apps.documents.views import file_response

        escalation = selectors.escalation(request.province, pk)
        files = (escalation.summary or {}).get("documents", []) if escalation else []
        if not 0 <= index < len(files):
            raise Http404
        ref = files[index]
        model = {"attachment": Attachment, "document": Document}.get(ref.get("kind"))
        if model is None:
            raise Http404
        with tenant_context(escalation.city):
            item = model.objects.filter(pk=ref.get("id")).first()
            if item is None:
                raise Http404
            name = getattr(item, "filename", "") or f"{getattr(item, 'number', '') or item.pk}.pdf"
            return file_response(bytes(item.content), item.content_type, name, as_attachment=False)


class QueueView(PermissionRequiredMixin, TemplateView):
    template_name = "provincial/queue.html"
    required_permissions = {"GET": "province.review"}

    def get_context_data(self, **kwargs):
        state = self.request.GET.get("state", "pending")
        if state not in EscalatedCase.State.values:
            state = EscalatedCase.State.PENDING
        cases = list(selectors.queue(self.request.province, state=state)[:500])
        for case in cases:
            module = registry.get(case.workflow.split(".", 1)[0])
            case.module_name = module.name if module else ""
        return {**super().get_context_data(**kwargs), "cases": cases, "state": state}


class EscalationView(PermissionRequiredMixin, TemplateView):
    template_name = "provincial/escalation.html"
    required_permissions = {"GET": "province.review", "POST": "province.review"}

    def get_context_data(self, pk, **kwargs):
        escalation = selectors.escalation(self.request.province, pk)
        if escalation is None:
            raise Http404
        return {
            **super().get_context_data(**kwargs),
            "escalation": escalation,
            "summary": localized(escalation.summary),
            "module": registry.get(escalation.workflow.split(".", 1)[0]),
            "decided_by": selectors.reviewer_name(escalation.decided_by),
        }

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
