"""A Lanzhou partner unit files an overseas NGO's temporary activity (临时活动备案), in
Chromium against the real server and its demo data: the dates ending before they start are
refused on their field, the filing goes through the office's chain (reviewer, division
head: city_profiles/cities/lanzhou.yaml) and the clerk records the public security filing
number; the list of who is late shows the demo's late, reminded annual report."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import done
from tests.browser.server import OUT_DIR
from tests.browser.test_delegation_flow import today

pytestmark = pytest.mark.browser

CITY = "lanzhou"
TITLE = "中日青少年书法交流活动"


def act(page, button: str) -> None:
    page.locator("section.case-actions").get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".messages")).to_be_visible()


def test_a_partner_files_a_temporary_activity_and_the_office_numbers_it(sign_in, server):
    start = today() + datetime.timedelta(days=30)
    partner = sign_in(CITY, "submitter")
    partner.locator("nav.menu").get_by_role("link", name="境外非政府组织活动").click()
    partner.get_by_role("link", name="新建临时活动备案").click()
    form = partner.locator("form.stacked")
    form.locator("[name=organisation]").select_option(label="日本国际文化交流协会（开展临时活动的组织）")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=partner_name]").fill("兰州市文化馆")
    form.locator("[name=content]").fill("书法展览和交流座谈。")
    form.locator("[name=place]").fill("兰州市文化馆")
    form.locator("[name=start]").fill(start.isoformat())
    form.locator("[name=end]").fill((start - datetime.timedelta(days=2)).isoformat())  # ends before it starts
    form.locator("[name=funding]").fill("80000")
    form.locator("[name=funding_source]").fill("境外组织自有资金")
    form.locator("[name=foreign_participants]").fill("6")
    form.locator("[name=chinese_participants]").fill("40")
    partner.get_by_role("button", name="保存").click()
    expect(partner.locator("#id_end_error")).to_contain_text("活动结束日期早于开始日期")
    expect(partner.locator("[name=title]")).to_have_value(TITLE)
    ours = ('SELECT count(*) FROM "lanzhou"."overseas_ngos_filing" WHERE title = %s', (TITLE,))
    assert server.execute(*ours) == [(0,)]
    partner.locator("[name=end]").fill((start + datetime.timedelta(days=1)).isoformat())
    partner.get_by_role("button", name="保存").click()
    expect(partner.locator(".messages")).to_contain_text("已保存。")
    act(partner, "提交审批")
    expect(partner.locator(".lead .state")).to_have_text("审批中")
    detail = partner.url
    done(partner)

    for role in ("reviewer", "division_head"):
        approver = sign_in(CITY, role)
        approver.goto(detail)
        act(approver, "同意")
        done(approver)

    clerk = sign_in(CITY, "clerk")
    clerk.goto(detail)
    expect(clerk.locator(".lead .state")).to_have_text("业务主管单位同意（待公安机关备案）")
    clerk.locator("form[data-action=record_filing] [name=psb_number]").fill("甘公境临备〔2026〕88号")
    act(clerk, "登记公安机关备案号")
    expect(clerk.locator(".lead .state")).to_have_text("已在公安机关备案")
    expect(clerk.locator(".psb-number")).to_have_text("甘公境临备〔2026〕88号")
    clerk.screenshot(path=OUT_DIR / "ngo-filing-numbered.png", full_page=True)

    clerk.locator("nav.menu").get_by_role("link", name="境外非政府组织活动").click()
    clerk.locator(".module-nav").get_by_role("link", name="逾期未报名单").click()
    late = clerk.locator("#annual tbody tr.late", has_text="北欧环境教育协会甘肃代表处")
    expect(late.first).to_be_visible()
    reminded = clerk.locator("#annual tbody tr.late[data-kind=report] td").nth(4)
    expect(reminded).to_have_text(re.compile(r"^\d{4}-\d{2}-\d{2}$"))  # the late report was reminded
    clerk.screenshot(path=OUT_DIR / "ngo-late.png", full_page=True)
