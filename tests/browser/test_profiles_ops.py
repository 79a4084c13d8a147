"""An operator onboards a new city from a profile written in the editor (a problem appears
under the text while typing, with its line; fixed, a dry run shows what will be created;
applied, the administrator's one-time link is shown), then switches a module on for it
and rolls the change back by restoring version 1 (issue 13)."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import audit
from tests.profiles_ops.helpers import line_of, new_city_text, with_module

pytestmark = pytest.mark.browser

MODULE = "外事工作领导小组办公室"  # leading_group's Chinese name


def module_status(page, url: str, *, wanted) -> int:
    """The status of the module's page on the city host, to a visitor (404: switched off;
    else the sign-in page it redirects to), once ``wanted(status)`` or after the seconds
    another server worker may keep its table of cities (ROUTING_CACHE_SECONDS, 5)."""
    probe = page.context.new_page()
    deadline = time.monotonic() + 12
    while True:
        status = probe.goto(url).status
        if wanted(status) or time.monotonic() > deadline:
            probe.close()
            return status
        time.sleep(1)


def test_an_operator_onboards_a_city_in_the_editor_and_rolls_a_change_back(sign_in, server):
    code = f"ls{int(time.time()) % 10**8}"  # a new city on every run of the browser database
    good = (
        new_city_text()
        .replace("code: lishui", f"code: {code}")
        .replace("subdomain: lishui", f"subdomain: {code}")
    )
    bad = with_module(good, "nosuch")
    operator = sign_in("", "operator", password="operator-demo")

    operator.get_by_role("link", name="开通城市").click()
    text = operator.locator("form.profile-editor textarea[name=text]")
    text.fill(bad)
    problem = operator.locator(".profile-problems li.profile-problem").first
    expect(problem).to_contain_text("modules.nosuch")
    expect(problem).to_contain_text(f"行 {line_of(bad, 'nosuch: {}')}")
    expect(text).to_have_class(re.compile("is-invalid"))
    audit(operator)
    text.fill(good)
    expect(operator.locator(".profile-status")).to_have_text("未发现问题。")
    expect(operator.locator(".profile-problems li")).to_have_count(0)

    operator.get_by_role("button", name="试运行").click()
    expect(operator.locator("h1")).to_contain_text("试运行")
    expect(operator.locator(".modules-changed")).to_contain_text("因公出国（境）")
    assert server.execute("SELECT count(*) FROM tenants_city WHERE code = %s", (code,))[0][0] == 0
    audit(operator)
    operator.get_by_role("button", name="应用").click()
    expect(operator.locator("#admin-link")).to_have_value(
        re.compile(rf"^http://{code}\.localhost(:\d+)?/accounts/welcome/[^/]+/$")
    )
    audit(operator)
    operator.get_by_role("button", name="复制").click()
    expect(operator.get_by_role("button", name="已复制")).to_be_visible()

    city_module = server.url(code, "/leading_group/")
    assert module_status(operator, city_module, wanted=lambda status: status == 404) == 404
    operator.get_by_role("link", name="版本").click()
    operator.get_by_role("link", name="修改配置").click()
    text = operator.locator("form.profile-editor textarea[name=text]")
    expect(text).to_have_value(re.compile(f"code: {code}"))
    text.fill(with_module(text.input_value(), "leading_group"))
    expect(operator.locator(".profile-status")).to_have_text("未发现问题。")
    operator.get_by_role("button", name="查看变更").click()
    expect(operator.locator(".modules-changed .module-on")).to_contain_text(MODULE)
    audit(operator)
    operator.locator("#id_reason").fill("开通领导小组办公室模块")
    operator.get_by_role("button", name="应用").click()
    expect(operator.locator("table.versions tbody tr")).to_have_count(2)
    assert module_status(operator, city_module, wanted=lambda status: status != 404) != 404

    first = operator.locator("table.versions tr[data-version='1']")
    first.locator("input[name=reason]").fill("回滚到第 1 版")
    first.get_by_role("button", name="恢复").click()
    expect(operator.locator("table.versions tbody tr")).to_have_count(3)
    expect(operator.locator("table.versions tr[data-version='3']")).to_contain_text("恢复第 1 版")
    assert module_status(operator, city_module, wanted=lambda status: status == 404) == 404
