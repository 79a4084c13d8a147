"""The BRLC secretariat in Chromium against the real server (Hangzhou, demo data): the clerk
registers a local government's application (a field error first), the chain (reviewer →
division head) reviews it, the committee's meeting admits it (welcome letter numbered); a
meeting is planned, the member invited, a draft resolution tabled, its adoption refused
while the meeting has not taken place, the meeting recorded and the resolution adopted; the
public pages (no sign-in) show the member and the resolution in Chinese and English; a
cooperation project with the new member gets a progress report."""

from __future__ import annotations

import base64
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import done
from tests.browser.server import OUT_DIR
from tests.browser.test_delegation_flow import FETCH, today

pytestmark = pytest.mark.browser

CITY = "hangzhou"
NAME_ZH = "比雷埃夫斯市"
NAME_EN = "Municipality of Piraeus"


def act(page, button: str) -> None:
    page.locator("section.case-actions").get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".messages")).to_be_visible()


def op(page, action: str):
    """The form of one action on a record's page (kit/actions.html)."""
    return page.locator(f"form.action[data-action={action}]")


def option_value(select, text: str) -> str:
    return select.locator("option", has_text=text).first.get_attribute("value")


def test_application_member_meeting_resolution_public_page_and_project_report(sign_in, server, browser):
    clerk = sign_in(CITY, "clerk")
    clerk.locator("nav.menu").get_by_role("link", name="一带一路地方合作委员会秘书处").click()
    clerk.locator("nav.brlc-nav").get_by_role("link", name="入会申请").click()
    clerk.get_by_role("link", name="登记入会申请").click()
    form = clerk.locator("form.stacked")
    form.locator("[name=name_zh]").fill(NAME_ZH)
    form.locator("[name=name_en]").fill(NAME_EN)
    form.locator("[name=name_native]").fill("Δήμος Πειραιά")
    form.locator("[name=level]").select_option("city")
    form.locator("[name=received_on]").fill(today().isoformat())
    form.locator("[name=motivation]").fill("希望在港口物流和文化旅游方面开展合作。")
    form.locator("[name=contact_name]").fill("Maria Papadopoulou")
    form.locator("[name=contact_email]").fill("not-an-address")
    clerk.get_by_role("button", name="保存").click()
    expect(clerk.locator("#id_country").locator("xpath=..").locator(".invalid-feedback")).to_be_visible()
    expect(clerk.locator("[name=name_zh]")).to_have_value(NAME_ZH)
    clerk.locator("[name=country]").select_option("GR")
    clerk.locator("[name=contact_email]").fill("intl@piraeus.example.gr")
    clerk.get_by_role("button", name="保存").click()
    expect(clerk.locator(".messages")).to_contain_text("已保存。")
    expect(clerk.locator(".lead .state")).to_have_text("草稿")
    act(clerk, "提交审批")
    expect(clerk.locator(".lead .state")).to_have_text("审批中")
    application = clerk.url

    for role in ("reviewer", "division_head"):
        approver = sign_in(CITY, role)
        approver.goto(application)
        act(approver, "同意")
        done(approver)
    clerk.reload()
    expect(clerk.locator(".lead .state")).to_have_text("秘书处审核通过（待理事会决定）")
    admit = clerk.locator("section.case-actions form.action[data-action=admit]")
    admit.locator("[name=meeting]").select_option(
        option_value(admit.locator("[name=meeting]"), "执行委员会第二次会议")
    )
    clerk.once("dialog", lambda dialog: dialog.accept())
    admit.get_by_role("button", name="登记理事会决定：批准入会").click()
    expect(clerk.locator(".lead .state")).to_have_text("已批准入会")
    expect(clerk.locator(".lead strong")).to_have_text(
        re.compile(rf"^杭外侨办函〔{today().year}〕[1-9][0-9]*号$")
    )
    letter = clerk.locator("ul.letters li").get_by_role("link")
    downloaded = clerk.evaluate(FETCH, letter.get_attribute("href"))
    assert downloaded["status"] == 200 and downloaded["type"] == "application/pdf"
    (OUT_DIR / "brlc-welcome-letter.pdf").write_bytes(base64.b64decode(downloaded["base64"]))
    clerk.get_by_role("link", name="成员页面").click()
    expect(clerk.locator("h1")).to_contain_text(NAME_EN)
    expect(clerk.locator(".member-history")).to_contain_text("批准入会")

    # A meeting today: the member invited, a draft tabled, adoption refused until it is held.
    clerk.locator("nav.brlc-nav").get_by_role("link", name="会议").click()
    clerk.get_by_role("link", name="筹备会议").click()
    form = clerk.locator("form.stacked")
    form.locator("[name=kind]").select_option("executive")
    form.locator("[name=title]").fill("执行委员会特别会议")
    form.locator("[name=date]").fill(today().isoformat())
    form.locator("[name=place]").fill("杭州市民中心")
    form.locator("[name=agenda]").fill("审议港口合作倡议")
    clerk.get_by_role("button", name="保存").click()
    expect(clerk.locator(".messages")).to_contain_text("已保存。")
    meeting = clerk.url
    invite = op(clerk, "invite")
    invite.locator("[name=members]").select_option(option_value(invite.locator("[name=members]"), NAME_EN))
    invite.locator("[name=message]").fill("诚邀出席执行委员会特别会议。")
    invite.get_by_role("button").click()
    expect(clerk.locator(".messages")).to_contain_text("已完成")
    table = op(clerk, "add_resolution")
    table.locator("[name=number]").fill("BRLC-PIR-1")
    table.locator("[name=title_zh]").fill("关于港口城市合作的决议")
    table.locator("[name=title_en]").fill("Resolution on port cities' cooperation")
    table.locator("[name=text_zh]").fill("各成员城市加强港口物流合作。")
    table.locator("[name=text_en]").fill("Members strengthen their cooperation in port logistics.")
    table.get_by_role("button").click()
    expect(clerk.locator(".messages")).to_contain_text("已完成")
    clerk.get_by_role("link", name="BRLC-PIR-1").click()
    resolution = clerk.url
    adopt = op(clerk, "adopt")
    adopt.locator("[name=method]").select_option("consensus")
    adopt.get_by_role("button").click()
    expect(op(clerk, "adopt").locator(".invalid-feedback")).to_contain_text("尚未召开")
    clerk.goto(meeting)
    record = op(clerk, "record")
    record.locator("[name=attended]").select_option(option_value(record.locator("[name=attended]"), NAME_EN))
    record.locator("[name=minutes]").fill("会议审议港口合作倡议。")
    record.get_by_role("button").click()
    expect(clerk.locator(".lead")).to_contain_text("已召开")
    clerk.goto(resolution)
    adopt = op(clerk, "adopt")
    adopt.locator("[name=method]").select_option("consensus")
    adopt.get_by_role("button").click()
    expect(clerk.locator(".lead")).to_contain_text("已通过")
    clerk.screenshot(path=OUT_DIR / "brlc-resolution-adopted.png", full_page=True)

    # The public pages: no sign-in, Chinese first, English on the switch.
    visitor = browser.new_context(locale="zh-CN").new_page()
    visitor.goto(server.url(CITY, "/brlc/public/"))
    expect(visitor.locator("#directory")).to_contain_text(NAME_ZH)
    expect(visitor.locator("#directory")).not_to_contain_text("intl@piraeus")
    expect(visitor.locator("#directory")).not_to_contain_text("伊斯坦布尔")  # withdrawn (demo)
    visitor.get_by_role("link", name="已通过的决议").click()
    expect(visitor.locator("main")).to_contain_text("关于港口城市合作的决议")
    expect(visitor.locator("main")).not_to_contain_text("数字经济合作倡议")  # a draft (demo)
    visitor.get_by_role("button", name="English").click()
    expect(visitor.locator("main")).to_contain_text("Resolution on port cities' cooperation")
    visitor.screenshot(path=OUT_DIR / "brlc-public-resolutions-en.png", full_page=True)
    visitor.context.close()

    # A cooperation project with the new member, and its progress report.
    clerk.locator("nav.brlc-nav").get_by_role("link", name="合作项目").click()
    clerk.get_by_role("link", name="新建合作项目").click()
    form = clerk.locator("form.stacked")
    form.locator("[name=title_zh]").fill("港口物流数字化合作")
    form.locator("[name=title_en]").fill("Digital port logistics")
    form.locator("[name=summary]").fill("比雷埃夫斯与釜山港口物流数字化合作。")
    form.locator("[name=lead]").select_option(option_value(form.locator("[name=lead]"), NAME_EN))
    form.locator("[name=partners]").select_option(option_value(form.locator("[name=partners]"), "Busan"))
    form.locator("[name=starts_on]").fill(today().isoformat())
    form.locator("[name=ends_on]").fill(today().replace(year=today().year + 1).isoformat())
    clerk.get_by_role("button", name="保存").click()
    expect(clerk.locator(".messages")).to_contain_text("已保存。")
    report = op(clerk, "report")
    report.locator("[name=reported_on]").fill(today().isoformat())
    report.locator("[name=progress]").fill("30")
    report.locator("[name=text]").fill("双方签署合作备忘录，完成首次线上对接。")
    report.get_by_role("button").click()
    expect(clerk.locator("tr.status-report")).to_contain_text("完成首次线上对接")
    expect(clerk.locator(".lead")).to_contain_text("实施中")
    clerk.screenshot(path=OUT_DIR / "brlc-project-report.png", full_page=True)
