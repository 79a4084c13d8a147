"""CSV and XLSX downloads of a table: headers in both languages, values as labels in the
active language (never raw codes), for lists and statistics alike.

    COLUMNS = [
        Column("number", {"zh": "编号", "en": "No."}, lambda r: r.letter_number),
        Column("state", {"zh": "状态", "en": "State"}, lambda r: r.state_label),
    ]
    return table_response(COLUMNS, records, fmt="xlsx", filename="invitations-2026-05-01")
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpResponse
from openpyxl import Workbook

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Column:
    key: str
    names: dict[str, str]
    value: Callable[[Any], Any]

    @property
    def heading(self) -> str:
        """Both languages: an office's spreadsheet is read by Chinese and foreign staff."""
        return f"{self.names['zh']} {self.names['en']}"


def cell(value: Any) -> Any:
    """A value as a spreadsheet cell: dates in ISO, labels as text, numbers as numbers."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, int | float | str):
        return value
    return str(value)


# A cell that starts so is run as a formula by Excel, WPS and LibreOffice (CSV/formula
# injection, e.g. a title "=HYPERLINK(...)"): such text must reach the spreadsheet as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: Any) -> Any:
    """A CSV field: text that a spreadsheet would run as a formula gets a leading apostrophe
    (shown as the text itself); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def append_row(sheet, values: Sequence[Any]) -> None:
    """Appends a row to an openpyxl sheet, text always as text: openpyxl would store a string
    starting with "=" as a formula."""
    sheet.append(list(values))
    for xl_cell in sheet[sheet.max_row]:
        if xl_cell.data_type == "f":
            xl_cell.data_type = "s"


def table_rows(columns: Sequence[Column], items: Iterable[Any]) -> Iterable[list[Any]]:
    for item in items:
        yield [cell(column.value(item)) for column in columns]


def download(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def csv_bytes(header: list[str], rows: Iterable[list[Any]]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 CSV with a BOM correctly
    writer = csv.writer(buffer)
    writer.writerow([csv_text(value) for value in header])
    writer.writerows([csv_text(value) for value in row] for row in rows)
    return buffer.getvalue()


def xlsx_bytes(sheets: list[tuple[str, list[list[Any]]]]) -> bytes:
    """One workbook; each sheet (title, rows) as given (the first rows may be a heading)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31] or "sheet")
        for row in rows:
            append_row(sheet, [cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_response(
    columns: Sequence[Column], items: Iterable[Any], *, fmt: str, filename: str, sheet: str = "list"
) -> HttpResponse:
    """The table as ``fmt`` (csv or xlsx; anything else is 404)."""
    header = [column.heading for column in columns]
    rows = table_rows(columns, items)
    if fmt == "csv":
        return download(csv_bytes(header, rows), "text/csv; charset=utf-8", f"{filename}.csv")
    if fmt == "xlsx":
        return download(xlsx_bytes([(sheet, [header, *rows])]), XLSX_TYPE, f"{filename}.xlsx")
    raise Http404
