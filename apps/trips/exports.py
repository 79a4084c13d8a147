"""CSV and XLSX exports of the delegation list (same filters and visibility as the list)."""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views import View
from openpyxl import Workbook

from apps.accounts.access import PermissionRequiredMixin
from apps.casework.workflows import label
from apps.trips import countries, selectors
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
            delegation.kind,
            delegation.unit_code,
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
