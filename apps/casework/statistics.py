"""Half-year statistics of a module's records, tabulated by a key (the submitting unit, a
country, a purpose...), as the web page, the API, XLSX and PDF all show them.

    report = HalfYearReport.build(
        names={"zh": "外宾接待统计", "en": "Receptions of foreign guests"},
        year=2026, half=1,
        tables=[
            tabulate(visits, names={"zh": "按单位", "en": "By unit"},
                     group=lambda i: i.unit_code, label=unit_label, measures=MEASURES),
            ...
        ])
    report.as_dict()         # the API
    report.xlsx_response()   # one sheet per table
    report.pdf_response()    # on the platform font (apps.documents.pdf)

A record may count under several keys (``group`` returns a list: each invitee's country).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.http import HttpResponse

from apps.registry.i18n import label


@dataclass(frozen=True)
class Measure:
    key: str
    names: dict[str, str]
    value: Callable[[Any], int] = lambda record: 1  # what one record adds

    @property
    def title(self) -> str:
        return label(self.names, self.key)


@dataclass
class Row:
    key: str
    name: str
    values: dict[str, int]
    cells: list[int] = field(default_factory=list)  # the values in the measures' order

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, **self.values}


@dataclass
class Table:
    key: str
    names: dict[str, str]
    measures: list[Measure]
    rows: list[Row]
    total: dict[str, int]

    @property
    def title(self) -> str:
        return label(self.names, self.key)

    @property
    def total_cells(self) -> list[int]:
        return [self.total[measure.key] for measure in self.measures]

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "rows": [row.as_dict() for row in self.rows], "total": self.total}

    def sheet_rows(self) -> list[list[Any]]:
        header = [
            "",
            f"{self.names['zh']} {self.names['en']}",
            *(f"{m.names['zh']} {m.names['en']}" for m in self.measures),
        ]
        body = [[row.key, row.name, *(row.values[m.key] for m in self.measures)] for row in self.rows]
        return [header, *body, ["", "合计 Total", *(self.total[m.key] for m in self.measures)]]


def tabulate(
    records: Iterable[Any],
    *,
    key: str,
    names: dict[str, str],
    group: Callable[[Any], str | Iterable[str]],
    label_of: Callable[[str], str],
    measures: list[Measure],
) -> Table:
    """Sums each measure per group key (sorted by the first measure, largest first); the
    total counts each record once."""
    rows: dict[str, dict[str, int]] = {}
    total = {measure.key: 0 for measure in measures}
    for record in records:
        keys = group(record)
        keys = [keys] if isinstance(keys, str) else list(dict.fromkeys(keys))
        values = {measure.key: int(measure.value(record)) for measure in measures}
        for group_key in keys:
            row = rows.setdefault(group_key, {measure.key: 0 for measure in measures})
            for name, value in values.items():
                row[name] += value
        for name, value in values.items():
            total[name] += value
    first = measures[0].key
    ordered = sorted(rows.items(), key=lambda item: (-item[1][first], item[0]))
    return Table(
        key=key,
        names=names,
        measures=measures,
        rows=[
            Row(key=code, name=label_of(code), values=values, cells=[values[m.key] for m in measures])
            for code, values in ordered
        ],
        total=total,
    )


@dataclass
class HalfYearReport:
    names: dict[str, str]
    year: int
    half: int
    start: datetime.date
    end: datetime.date
    tables: list[Table] = field(default_factory=list)
    slug: str = "statistics"

    @classmethod
    def period(cls, year: int, half: int) -> tuple[datetime.date, datetime.date]:
        from apps.workdays.periods import half_year

        return half_year(year, half)

    @property
    def title(self) -> str:
        return label(self.names, "")

    @property
    def period_label(self) -> str:
        return f"{self.year}年{'上' if self.half == 1 else '下'}半年 / {self.year} H{self.half}"

    @property
    def query(self) -> str:
        return f"year={self.year}&half={self.half}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "half": self.half,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "tables": [table.as_dict() for table in self.tables],
        }

    def filename(self, fmt: str) -> str:
        code = getattr(connection.tenant, "code", "") or connection.schema_name
        return f"{self.slug}-{code}-{self.year}-H{self.half}.{fmt}"

    def xlsx_response(self) -> HttpResponse:
        from apps.documents.exports import XLSX_TYPE, download, xlsx_bytes

        heading = [
            [f"{self.names['zh']} {self.names['en']}: {self.period_label}"],
            [f"{self.start.isoformat()} – {self.end.isoformat()}"],
            [],
        ]
        sheets = [(table.names["en"], [*heading, *table.sheet_rows()]) for table in self.tables]
        return download(xlsx_bytes(sheets), XLSX_TYPE, self.filename("xlsx"))

    def pdf_response(self) -> HttpResponse:
        from apps.documents.exports import download
        from apps.documents.pdf import render_pdf

        pdf = render_pdf(
            "casework/statistics_pdf.html",
            {"report": self, "office": connection.tenant, "title": f"{self.names['zh']} {self.period_label}"},
        )
        return download(pdf, "application/pdf", self.filename("pdf"))


# --- the page, the downloads and the API of a module's half-year statistics -----------------


def period_from(params) -> tuple[int, int]:
    """(year, half) from ``?year=&half=`` (the current half-year when both are absent);
    ValidationError naming the field otherwise."""
    from apps.workdays.periods import period_from_query

    return period_from_query(params)


def period_form(params):
    from django import forms
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext_lazy as _

    class PeriodForm(forms.Form):
        year = forms.CharField(
            label=_("year"),
            max_length=4,
            widget=forms.NumberInput(attrs={"min": 2000, "class": "form-control"}),
        )
        half = forms.ChoiceField(
            label=_("half-year"),
            choices=[("1", _("first half")), ("2", _("second half"))],
            widget=forms.Select(attrs={"class": "form-select"}),
        )

    try:
        year, half = period_from(params)
    except ValidationError as error:
        form = PeriodForm(params)
        form.full_clean()
        for name, messages in error.message_dict.items():
            for message in messages:
                if name not in form.errors:
                    form.add_error(name if name in form.fields else None, message)
        return form, None
    form = PeriodForm({"year": str(year), "half": str(half)})
    form.full_clean()
    return form, (year, half)


class HalfYearStatisticsView:
    """Mix into a ``PermissionRequiredMixin, View``: set ``heading``, ``export_url_name``
    and ``report(request, year, half) -> HalfYearReport``. GET shows the page; with
    ``fmt`` = xlsx or pdf, the download."""

    template_name = "casework/statistics.html"
    heading = ""
    export_url_name = ""

    def __init_subclass__(cls, **kwargs):
        """A view that mixes this in must say how its report is built: refused when the
        class is defined, not on the first request."""
        super().__init_subclass__(**kwargs)
        if not callable(getattr(cls, "report", None)):
            raise TypeError(f"{cls.__name__} must define report(request, year, half) -> HalfYearReport")

    def get(self, request, fmt: str | None = None):
        from django.http import Http404
        from django.shortcuts import render
        from django.urls import reverse

        if fmt not in (None, "xlsx", "pdf"):
            raise Http404
        form, period = period_form(request.GET)
        context = {"form": form, "report": None, "heading": self.heading}
        if period is None:
            return render(request, self.template_name, context, status=400)
        report = self.report(request, *period)
        if fmt == "xlsx":
            return report.xlsx_response()
        if fmt == "pdf":
            return report.pdf_response()
        export = reverse(self.export_url_name, args=["xlsx"])
        context.update(report=report, export_base=export[: -len("xlsx")])
        return render(request, self.template_name, context)
