"""CSV and XLSX exports of the delegation list (same filters and visibility as the list),
and the downloads of the biannual statistics (XLSX, PDF)."""

from __future__ import annotations

import csv
import io

from django.db import connection
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views import View
from openpyxl import Workbook

from apps.accounts.access import PermissionRequiredMixin
from apps.registry import countries
from apps.registry.i18n import label
from apps.trips import selectors
from apps.trips.workflow import STATES

HEADER = [
    "编号 ID",
    "团组 Delegation",
    "类别 Kind",
    "申报单位 Unit",
    "出发 Departure",
    "返回 Return",
    "天数 Days",
    "人数 Members",
    "国家/地区 Destinations",
    "状态 State",
    "批件文号 Document No.",
]


def rows(delegations):
    for delegation in delegations.prefetch_related("destinations", "members"):
        yield [
            delegation.pk,
            delegation.title,
            delegation.get_kind_display(),
            delegation.unit_name,
            delegation.departure.isoformat(),
            delegation.return_date.isoformat(),
            delegation.days,
            len(delegation.members.all()),
            "、".join(countries.name(d.country) for d in delegation.destinations.all()),
            label(STATES[delegation.case.state], delegation.case.state),
            delegation.approval_number,
        ]


class DelegationExportView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "trips.statistics"}

    def get(self, request, fmt: str):
        params = request.GET
        filters = {key: params.get(key, "").strip() for key in ("q", "state", "kind", "unit", "country")}
        delegations = selectors.search(request.user, **filters)
        stamp = timezone.localdate().isoformat()
        if fmt == "csv":
            buffer = io.StringIO()
            buffer.write("\ufeff")  # Excel opens UTF-8 CSV with a BOM correctly
            writer = csv.writer(buffer)
            writer.writerow(HEADER)
            writer.writerows(rows(delegations))
            response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        elif fmt == "xlsx":
            workbook = Workbook()
            sheet = workbook.active
            sheet.title = "delegations"
            sheet.append(HEADER)
            for row in rows(delegations):
                sheet.append(row)
            buffer = io.BytesIO()
            workbook.save(buffer)
            response = HttpResponse(
                buffer.getvalue(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            raise Http404
        response["Content-Disposition"] = f'attachment; filename="delegations-{stamp}.{fmt}"'
        return response


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _statistics_filename(stats, fmt: str) -> str:
    code = getattr(connection.tenant, "code", "") or connection.schema_name
    return f"trips-statistics-{code}-{stats.year}-H{stats.half}.{fmt}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def statistics_xlsx(stats) -> HttpResponse:
    """One sheet: the period, a bilingual heading row, one row per unit, the totals."""
    from apps.trips.statistics import COLUMNS

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"{stats.year}-H{stats.half}"
    sheet.append([f"因公出国（境）统计 Official trips abroad: {stats.period_label}"])
    sheet.append(
        [f"{stats.start.isoformat()} – {stats.end.isoformat()}", f"截至 As of {stats.today.isoformat()}"]
    )
    sheet.append(["申报单位 Submitting unit", *(f"{zh} {en}" for zh, en in COLUMNS.values())])
    for row in stats.rows:
        sheet.append([row.unit_name, *row.values()])
    sheet.append([stats.total.unit_name, *stats.total.values()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _download(buffer.getvalue(), XLSX_TYPE, _statistics_filename(stats, "xlsx"))


def statistics_pdf(stats) -> HttpResponse:
    from apps.documents.pdf import render_pdf
    from apps.trips.statistics import COLUMNS

    pdf = render_pdf(
        "trips/statistics_pdf.html",
        {"stats": stats, "columns": list(COLUMNS.values()), "office": connection.tenant,
         "title": f"因公出国（境）统计 {stats.period_label}"},
    )  # fmt: skip
    return _download(pdf, "application/pdf", _statistics_filename(stats, "pdf"))
