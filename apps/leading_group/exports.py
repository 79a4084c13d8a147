"""The overdue list as CSV/XLSX and a meeting's supervision sheet (督办单) as PDF."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from apps.documents.exports import Column
from apps.leading_group import selectors

TASK_COLUMNS = [
    Column("title", {"zh": "督办事项", "en": "Task"}, lambda t: t.title),
    Column("unit", {"zh": "责任单位", "en": "Department"}, lambda t: t.unit_name),
    Column("source", {"zh": "来源", "en": "From"}, lambda t: t.source_label),
    Column("assigned", {"zh": "交办日期", "en": "Assigned"}, lambda t: t.assigned_on),
    Column("deadline", {"zh": "办理时限", "en": "Deadline"}, lambda t: t.deadline),
    Column("state", {"zh": "状态", "en": "State"}, lambda t: t.state_label),
    Column("escalated", {"zh": "已报主任", "en": "Escalated"}, lambda t: t.escalated_at),
]


def supervision_sheet_pdf(meeting) -> bytes:
    from apps.documents.pdf import render_pdf

    return render_pdf(
        "leading_group/sheet_pdf.html",
        {
            "meeting": meeting,
            "rows": selectors.supervision_rows(meeting),
            "office": connection.tenant,
            "today": timezone.localdate(),
        },
    )
