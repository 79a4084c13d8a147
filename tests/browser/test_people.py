"""Hangzhou's office administrator imports three staff from an XLSX file (made here with
openpyxl): sees the preview of every row, applies it, gets each one-time link once, then
deactivates one of the three."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CITY = "hangzhou"
STAFF = [
    ("bt.li", "李明", "li.ming@example.cn", "经办人", "礼宾处"),
    ("bt.zhou", "周洁", "", "Reviewer", "consular"),
    ("bt.wu", "吴桐", "wu.tong@example.cn", "部门申报人", "西湖区"),
]


def workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["用户名 username", "姓名 display name", "电子邮箱 e-mail", "角色 role", "单位 unit"])
    for row in STAFF:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_office_admin_imports_three_staff_and_deactivates_one(sign_in, server):
    ours = (
        'SELECT username, role, unit, is_active FROM "hangzhou"."accounts_user" '
        "WHERE username LIKE 'bt.%%' ORDER BY username",
    )
    admin = sign_in(CITY, "office_admin")
    admin.locator("nav.menu").get_by_role("link", name="用户管理").click()
    expect(admin.locator("table#users")).to_contain_text("office_admin")
    admin.get_by_role("link", name="从 XLSX 导入").click()
    admin.locator("input[name=file]").set_input_files(
        {
            "name": "staff.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": workbook(),
        }
    )
    admin.get_by_role("button", name="上传并预览").click()
    preview = admin.locator("table#preview")
    expect(preview.locator("tbody tr")).to_have_count(3)
    expect(preview).to_contain_text("经办人")
    expect(preview).to_contain_text("西湖区")
    expect(preview).to_contain_text("将创建并发送邀请")
    assert server.execute(*ours) == []  # nothing before the import is applied

    admin.get_by_role("button", name="创建并邀请 3 位用户").click()
    imported = admin.locator("table#imported")
    expect(imported.locator("tbody tr")).to_have_count(3)
    expect(imported.locator("code.link").first).to_contain_text("/accounts/welcome/")
    assert server.execute(*ours) == [
        ("bt.li", "clerk", "protocol", True),
        ("bt.wu", "submitter", "xihu_district", True),
        ("bt.zhou", "reviewer", "consular", True),
    ]

    admin.get_by_role("link", name="全部用户").click()
    admin.locator("[name=q]").fill("bt.zhou")
    admin.get_by_role("button", name="搜索").click()
    admin.locator("table#users").get_by_role("link", name="bt.zhou").click()
    admin.once("dialog", lambda dialog: dialog.accept())
    admin.get_by_role("button", name="停用", exact=True).click()
    expect(admin.locator(".messages")).to_contain_text("已停用。")
    expect(admin.locator(".account-status")).to_have_text("已停用")
    assert ("bt.zhou", "reviewer", "consular", False) in server.execute(*ours)
