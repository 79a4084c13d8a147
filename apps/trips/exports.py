"""CSV and XLSX exports of the delegation list (same filters and visibility as the list),
and the downloads of the biannual statistics (XLSX, PDF), on ``apps.documents.exports``."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone
from django.views import View

from apps.accounts.access import PermissionRequiredMixin
from apps.casework.inputs import query_filters
from apps.documents.exports import XLSX_TYPE, Column, download, table_response, xlsx_bytes
from apps.registry import countries
from apps.trips import selectors
from apps.trips.serializers import ListFilterSerializer

COLUMNS = [
    Column("id", {"zh": "编号", "en": "ID"}, lambda d: d.pk),
    Column("title", {"zh": "团组", "en": "Delegation"}, lambda d: d.title),
    Column("kind", {"zh": "类别", "en": "Kind"}, lambda d: d.get_kind_display()),
    Column("unit", {"zh": "申报单位", "en": "Unit"}, lambda d: d.unit_name),
    Column("departure", {"zh": "出发", "en": "Departure"}, lambda d: d.departure),
    Column("return", {"zh": "返回", "en": "Return"}, lambda d: d.return_date),
    Column("days", {"zh": "天数", "en": "Days"}, lambda d: d.days),
    Column("members", {"zh": "人数", "en": "Members"}, lambda d: len(d.members.all())),
    Column(
        "destinations",
        {"zh": "国家/地区", "en": "Destinations"},
        lambda d: "、".join(countries.name(x.country) for x in d.destinations.all()),
    ),
    Column("state", {"zh": "状态", "en": "State"}, lambda d: d.state_label),
    Column("number", {"zh": "批件文号", "en": "Document No."}, lambda d: d.approval_number),
]


class DelegationExportView(PermissionRequiredMixin, View):
    required_permissions = {"GET": "trips.statistics"}

    def get(self, request, fmt: str):
        filters = query_filters(ListFilterSerializer, request.GET)
        delegations = selectors.search(request.user, **filters).prefetch_related("destinations", "members")
        stamp = timezone.localdate().isoformat()
        return table_response(
            COLUMNS, delegations, fmt=fmt, filename=f"delegations-{stamp}", sheet="delegations"
        )


def _statistics_filename(stats, fmt: str) -> str:
    code = getattr(connection.tenant, "code", "") or connection.schema_name
    return f"trips-statistics-{code}-{stats.year}-H{stats.half}.{fmt}"


def statistics_xlsx(stats):
    """One sheet: the period, a bilingual heading row, one row per unit, the totals."""
    from apps.trips.statistics import COLUMNS as FIGURES

    rows = [
        [f"因公出国（境）统计 Official trips abroad: {stats.period_label}"],
        [f"{stats.start.isoformat()} – {stats.end.isoformat()}", f"截至 As of {stats.today.isoformat()}"],
        ["申报单位 Submitting unit", *(f"{zh} {en}" for zh, en in FIGURES.values())],
        *([row.unit_name, *row.values()] for row in stats.rows),
        [stats.total.unit_name, *stats.total.values()],
    ]
    sheets = [(f"{stats.year}-H{stats.half}", rows)]
    return download(xlsx_bytes(sheets), XLSX_TYPE, _statistics_filename(stats, "xlsx"))


def statistics_pdf(stats):
    from apps.documents.pdf import render_pdf
    from apps.trips.statistics import COLUMNS as FIGURES

    pdf = render_pdf(
        "trips/statistics_pdf.html",
        {"stats": stats, "columns": list(FIGURES.values()), "office": connection.tenant,
         "title": f"因公出国（境）统计 {stats.period_label}"},
    )  # fmt: skip
    return download(pdf, "application/pdf", _statistics_filename(stats, "pdf"))
