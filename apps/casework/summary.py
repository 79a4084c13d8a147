"""What the provincial FAO sees of an escalated case: fields and tables with bilingual
labels, stored as JSON with the escalation and shown in the reviewer's language.

    Summary(
        fields=[Field({"zh": "出访任务", "en": "Purpose"}, delegation.purpose),
                Field({"zh": "团组类别", "en": "Kind"}, {"zh": "出国", "en": "Abroad"})],
        tables=[Table({"zh": "团组成员", "en": "Members"},
                      columns=[{"zh": "姓名", "en": "Name"}, {"zh": "职级", "en": "Rank"}],
                      rows=[["张三", {"zh": "正处级", "en": "Division level"}]])],
    ).as_json()

A value or cell is plain text (shown as is) or ``{"zh": ..., "en": ...}`` (shown in the
reader's language). ``documents`` lists the files of the case the province may open
(``Attachment``/``Document`` of ``apps.documents`` in the city's schema): only these, by
their position in the list, through the portal.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from apps.registry.i18n import label

Text = str | dict[str, str]


@dataclass(frozen=True)
class Field:
    names: dict[str, str]
    value: Text


@dataclass(frozen=True)
class Table:
    names: dict[str, str]
    columns: list[dict[str, str]]
    rows: list[list[Text]]


@dataclass(frozen=True)
class FileRef:
    """A file of the case: ``kind`` "attachment" (uploaded) or "document" (issued)."""

    names: dict[str, str]
    kind: str
    id: int


@dataclass(frozen=True)
class Summary:
    fields: list[Field] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    documents: list[FileRef] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def both(labels: dict[str, str] | None, fallback: str = "") -> dict[str, str]:
    """A bilingual value from a labels dict (for codes: the code where a name is missing)."""
    labels = labels or {}
    return {"zh": labels.get("zh") or fallback, "en": labels.get("en") or fallback}


def text(value: Text | None) -> str:
    """A stored value in the active language."""
    if isinstance(value, dict):
        return label(value, "")
    return "" if value is None else str(value)


def localized(summary: dict[str, Any] | None) -> dict[str, Any]:
    """A stored summary with every label and value in the active language, for templates."""
    summary = summary or {}
    return {
        "fields": [(text(item.get("names")), text(item.get("value"))) for item in summary.get("fields", [])],
        "tables": [
            {
                "title": text(table.get("names")),
                "columns": [text(column) for column in table.get("columns", [])],
                "rows": [[text(cell) for cell in row] for row in table.get("rows", [])],
            }
            for table in summary.get("tables", [])
        ],
        "documents": [text(item.get("names")) for item in summary.get("documents", [])],
        "history": [
            {
                **event,
                "action": text(event.get("action")),
                "role": text(event.get("role")),
                "to": text(event.get("to")),
            }
            for event in summary.get("history", [])
        ],
    }
