"""Issue 13, "done when", through the API end to end: an operator onboards a new city from
its profile; its administrator comes in through the one-time link and imports three staff
from XLSX; the operator switches a module on and rolls the change back; the city is exported
and restored under another code with identical row counts and checksums per table. No
shell, no password shown anywhere."""

from __future__ import annotations

import io

from django.db import connection
from django.test import Client
from openpyxl import Workbook

from apps.accounts.models import User
from tenants import backup
from tenants.models import City, ProfileVersion
from tests.conftest import in_city
from tests.profiles_ops.helpers import new_city_text, operator, with_module

ADMIN_PASSWORD = "Lishui-Waiban-2026"


def staff_xlsx() -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["用户名 username", "姓名 display name", "电子邮箱 e-mail", "角色 role", "单位 unit"])
    sheet.append(["ls.chen", "陈静", "chen@lishui.example.cn", "clerk", ""])
    sheet.append(["ls.zhou", "周强", "zhou@lishui.example.cn", "reviewer", ""])
    sheet.append(["ls.wu", "吴敏", "", "division_head", ""])
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    out.name = "staff.xlsx"
    return out


def tables(code: str) -> dict[str, tuple[int, str]]:
    with connection.cursor() as cursor:
        figures = {}
        for table in backup._tables(cursor, code):
            columns = backup._columns(cursor, code, table)
            data = backup._copy_out(cursor, code, table, columns, backup._primary_key(cursor, code, table))
            figures[table] = (backup._row_count(data), backup._sha256(data))
    connection.set_schema_to_public()
    return figures


def test_an_operator_and_a_new_office_run_the_platform_through_the_api(db, client_for):
    ops = client_for(None, operator())

    # Onboard Lishui from its profile: a dry run first, then apply; the link comes back once.
    text = new_city_text()
    dry = ops.post("/api/v1/profiles/dry-run/", {"kind": "city", "text": text})
    assert dry.status_code == 200 and not City.offices.filter(code="lishui").exists()
    applied = ops.post("/api/v1/profiles/apply/", {"kind": "city", "text": text, "reason": "新城市上线"})
    assert applied.status_code == 201, applied.content
    link = applied.json()["admin_link"]
    assert link.startswith("http://lishui.localhost/accounts/welcome/")

    # The administrator chooses a password through the link and imports three staff.
    admin = Client(HTTP_HOST="lishui.localhost")
    path = link.removeprefix("http://lishui.localhost")
    assert admin.post(path, {"password1": ADMIN_PASSWORD, "password2": ADMIN_PASSWORD}).status_code == 302
    preview = admin.post("/api/v1/users/import/?dry_run=1", {"file": staff_xlsx()})
    assert preview.status_code == 200, preview.content
    with in_city("lishui"):
        assert not User.objects.filter(username__startswith="ls.").exists()
    created = admin.post("/api/v1/users/import/", {"file": staff_xlsx()})
    assert created.status_code in (200, 201), created.content
    with in_city("lishui"):
        assert sorted(User.objects.filter(username__startswith="ls.").values_list("username", flat=True)) == [
            "ls.chen",
            "ls.wu",
            "ls.zhou",
        ]
        assert not User.objects.get(username="ls.chen").has_usable_password()  # each one invited

    # A module switched on with a reason, then rolled back to version 1.
    assert client_for("lishui").get("/leading_group/").status_code == 404
    on = ops.post(
        "/api/v1/profiles/apply/",
        {
            "kind": "city",
            "owner": "lishui",
            "text": with_module(text, "leading_group"),
            "reason": "领导小组上线",
        },
    )
    assert on.status_code in (200, 201), on.content
    assert client_for("lishui").get("/leading_group/").status_code != 404
    back = ops.post("/api/v1/profiles/city/lishui/restore/", {"version": 1, "reason": "回滚"})
    assert back.status_code == 201, back.content
    assert client_for("lishui").get("/leading_group/").status_code == 404
    assert list(
        ProfileVersion.objects.filter(owner="lishui").order_by("number").values_list("number", flat=True)
    ) == [
        1,
        2,
        3,
    ]

    # Exported and restored under another code: the same tables, row for row.
    archive = ops.post("/api/v1/cities/lishui/export/")
    assert archive.status_code == 200 and archive["Content-Type"] == "application/gzip"
    upload = io.BytesIO(b"".join(archive.streaming_content) if archive.streaming else archive.content)
    upload.name = "lishui.tar.gz"
    restored = ops.post(
        "/api/v1/cities/restore/", {"archive": upload, "code": "lishui2", "subdomain": "lishui2"}
    )
    assert restored.status_code == 201, restored.content
    assert tables("lishui2") == tables("lishui")
    again = Client(HTTP_HOST="lishui2.localhost")
    assert (
        again.post("/accounts/sign-in/", {"username": "admin", "password": ADMIN_PASSWORD}).status_code == 302
    )
