"""Bulk import of staff from an XLSX file: a template to fill in, a preview with every row's
outcome and errors, and the import itself, all or nothing.

Each row is read by the same input as the web form and the API (``UserInput``): the role
may be given by its Chinese or English name or its code, the unit by its name or code.
Rows that repeat a user name (within the file, or of an existing account) are errors.
Nothing is created while any row has an error."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts import people
from apps.accounts.models import User
from apps.accounts.people_inputs import UserInput
from apps.audit import services as audit
from apps.casework.inputs import flatten_errors
from apps.documents.exports import xlsx_bytes

MAX_ROWS = 500
MAX_BYTES = 5 * 1024 * 1024

# (field, Chinese heading, English heading, required)
COLUMNS = [
    ("username", "用户名", "username", True),
    ("display_name", "姓名", "display name", True),
    ("email", "电子邮箱", "e-mail", False),
    ("role", "角色", "role", True),
    ("unit", "单位", "unit", False),
]


def _norm(text: Any) -> str:
    return " ".join(str(text or "").split()).casefold()


def template_bytes(scope: people.Scope) -> bytes:
    """The template: the columns in Chinese and English, and the roles and units to pick
    from on a second and third sheet."""
    header = [f"{zh} {en}" for _key, zh, en, _required in COLUMNS]
    roles = [["代码 code", "中文", "English"], *[[c, n["zh"], n["en"]] for c, n in scope.roles.items()]]
    units = [
        ["代码 code", "中文", "English"],
        *[[c, u.names["zh"], u.names["en"]] for c, u in scope.units.items()],
    ]
    return xlsx_bytes([("users", [header]), ("roles", roles), ("units", units)])


@dataclass
class Row:
    number: int  # the row's number in the sheet (the header is row 1)
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    role_label: str = ""
    unit_label: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Preview:
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # about the file as a whole

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows) and all(row.ok for row in self.rows)

    def error_lines(self) -> list[str]:
        lines = list(self.errors)
        for row in self.rows:
            lines.extend(_("Row %(row)d: %(error)s") % {"row": row.number, "error": e} for e in row.errors)
        return lines

    def payload(self) -> list[dict[str, str]]:
        return [row.values for row in self.rows]


def _lookup(scope: people.Scope) -> tuple[dict[str, str], dict[str, str]]:
    roles = {}
    for code, names in scope.roles.items():
        for key in (code, names.get("zh"), names.get("en")):
            roles[_norm(key)] = code
    units = {}
    for code, unit in scope.units.items():
        for key in (code, unit.names.get("zh"), unit.names.get("en")):
            units.setdefault(_norm(key), code)
    return roles, units


def _read_sheet(content: bytes) -> list[tuple]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 50):
        rows.append(tuple(row))
    workbook.close()
    return rows


def _columns(header: tuple) -> dict[str, int]:
    found = {}
    for index, cell in enumerate(header):
        text = _norm(cell)
        for key, zh, en, _required in COLUMNS:
            if key not in found and text and (zh in text or en in text or key in text):
                found[key] = index
                break
    return found


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def check_rows(scope: people.Scope, raw: list[dict[str, str]], numbers: list[int]) -> Preview:
    """Each row through the one input, then user names repeated within the file."""
    preview = Preview()
    seen: dict[str, int] = {}
    for number, values in zip(numbers, raw, strict=True):
        row = Row(number, values)
        row.role_label = scope.role_label(values.get("role", "")) if values.get("role") else ""
        row.unit_label = scope.unit_label(values.get("unit", "")) if values.get("unit") else ""
        serializer = UserInput(data={key: value for key, value in values.items() if value != ""})
        if not serializer.is_valid():
            labels = {key: str(serializer.fields[key].label) for key in serializer.fields}
            for path, messages in flatten_errors(serializer.errors).items():
                name = labels.get(path)
                row.errors.extend(f"{name}: {m}" if name else m for m in messages)
        key = values.get("username", "").casefold()
        if key:
            if key in seen:
                row.errors.append(
                    _("The user name “%(username)s” is also in row %(row)d.")
                    % {"username": values["username"], "row": seen[key]}
                )
            else:
                seen[key] = number
        preview.rows.append(row)
    return preview


def read(scope: people.Scope, content: bytes) -> Preview:
    """The file's rows and their problems; nothing is written."""
    if len(content) > MAX_BYTES:
        return Preview(errors=[_("The file is larger than 5 MB.")])
    try:
        sheet = _read_sheet(content)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError):
        return Preview(errors=[_("This is not an XLSX file. Start from the template.")])
    sheet = [row for row in sheet if any(_text(v) for v in row)] if sheet else []
    if not sheet:
        return Preview(errors=[_("The file has no rows.")])
    columns = _columns(sheet[0])
    missing = [f"{zh} {en}" for key, zh, en, required in COLUMNS if required and key not in columns]
    if missing:
        return Preview(
            errors=[
                _("Columns missing: %(columns)s. Start from the template.") % {"columns": ", ".join(missing)}
            ]
        )
    body = sheet[1:]
    if not body:
        return Preview(errors=[_("The file has no rows.")])
    if len(body) > MAX_ROWS:
        return Preview(errors=[_("At most %(max)d rows at a time.") % {"max": MAX_ROWS}])
    roles, units = _lookup(scope)
    raw, numbers = [], []
    for offset, cells in enumerate(body, start=2):
        values = {}
        for key, index in columns.items():
            values[key] = _text(cells[index]) if index < len(cells) else ""
        if values.get("role"):
            values["role"] = roles.get(_norm(values["role"]), values["role"])
        if values.get("unit"):
            values["unit"] = units.get(_norm(values["unit"]), values["unit"])
        raw.append({key: values.get(key, "") for key, *_rest in COLUMNS})
        numbers.append(offset)
    return check_rows(scope, raw, numbers)


def _numbers_of(payload: list[dict[str, str]]) -> list[int]:
    return list(range(2, len(payload) + 2))


@transaction.atomic
def apply(
    *, actor: User, scope: people.Scope, base_url: str, payload: list[dict[str, str]]
) -> list[people.Invited]:
    """Creates every row's account and invites it, or nothing: the rows are checked again
    (another administrator may have taken a user name since the preview)."""
    if len(payload) > MAX_ROWS:
        raise ValidationError(_("At most %(max)d rows at a time.") % {"max": MAX_ROWS})
    preview = check_rows(scope, payload, _numbers_of(payload))
    if not preview.ok:
        raise ValidationError(preview.error_lines())
    invited = [
        people.invite(
            actor=actor,
            scope=scope,
            base_url=base_url,
            username=row["username"],
            display_name=row.get("display_name", ""),
            email=row.get("email", ""),
            role=row["role"],
            unit=row.get("unit", ""),
        )
        for row in payload
    ]
    audit.record(
        actor=actor,
        action="accounts.import_users",
        object_type="accounts.user",
        after={"created": [item.user.username for item in invited]},
    )
    return invited
