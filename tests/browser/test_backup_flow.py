"""An operator exports Quzhou's office to its archive file, then restores the archive as a
new city under another code and subdomain; the restored office answers on its own host
and its users sign in with their passwords. The web server runs as the least-privileged
database role: the restore runs as the owner (tenants.backup.run_as_owner)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import audit
from tests.browser.server import OUT_DIR

pytestmark = pytest.mark.browser


def test_an_operator_exports_a_city_and_restores_it_under_another_code(sign_in, server):
    users = 'SELECT count(*) FROM "{}"."accounts_user"'
    operator = sign_in("", "operator", password="operator-demo")
    operator.locator("table.list a[href='/cities/quzhou/']").click()
    with operator.expect_download() as downloading:
        operator.get_by_role("button", name="导出（下载归档文件）").click()
    archive = OUT_DIR / "quzhou-archive.tar.gz"
    downloading.value.save_as(archive)
    assert archive.stat().st_size > 1000

    operator.goto(server.url("", "/"))
    operator.get_by_role("link", name="从归档恢复城市").click()
    form = operator.locator("form.restore-form")
    form.locator("[name=archive]").set_input_files(archive)
    form.locator("[name=code]").fill("quzhou")  # taken: the preview names the problem
    form.get_by_role("button", name="检查归档").click()
    expect(operator.locator(".archive-preview")).to_contain_text("衢州")
    expect(operator.locator(".restore-problems")).to_contain_text("城市代码 quzhou 已被占用")
    expect(operator.locator("button.apply-restore")).to_have_count(0)
    audit(operator)

    form.locator("[name=code]").fill("qzcopy")
    form.locator("[name=subdomain]").fill("qz-copy")
    form.get_by_role("button", name="检查归档").click()
    expect(operator.locator(".restore-problems")).to_have_count(0)
    operator.get_by_role("button", name="恢复城市").click()
    expect(operator.locator(".messages")).to_contain_text("城市 qzcopy 已从归档恢复")
    expect(operator.locator("h1")).to_contain_text("衢州")
    assert server.execute(users.format("qzcopy")) == server.execute(users.format("quzhou"))

    clerk = sign_in("qz-copy", "clerk", password="quzhou-demo")
    expect(clerk.locator("#user-menu .who")).to_be_visible()
    assert "qz-copy.localhost" in clerk.url
