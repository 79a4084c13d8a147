"""A complaint from the public page to the reply the complainant sees with their code, in
Chromium against the real server (Hangzhou): someone without an account complains online
and gets a tracking code; a wrong code finds nothing; the clerk finds the complaint in the
office's list, accepts it and replies; the complainant looks it up with the code, sees the
reply and rates it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS, Watch, done
from tests.browser.server import OUT_DIR

pytestmark = pytest.mark.browser

CITY = "hangzhou"
TITLE = "祖屋被占用多年请求协调归还（浏览器测试）"
REPLY = "经协调，占用方已同意于本月底前腾退，请您配合办理交接手续。"


def public_page(browser):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(TIMEOUT_MS)
    context.watch = Watch()
    context.on("page", context.watch.attach)
    return context.new_page()


def act(page, button: str) -> None:
    page.locator("section.case-actions").get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".messages")).to_be_visible()


def test_a_complaint_from_the_public_page_to_the_reply_seen_with_the_code(browser, server, sign_in):
    public = public_page(browser)
    public.goto(server.url(CITY, "/overseas_chinese/complain/"))
    form = public.locator("form.public-complaint")
    form.locator("[name=subject]").select_option("rights")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=complainant_name]").fill("林秀珍")
    form.locator("[name=details]").fill("本人祖屋位于上城区，自2015年起被他人占用，多次交涉无果。")
    public.get_by_role("button", name="提交投诉").click()
    expect(
        form.locator("[name=complainant_phone]").locator("xpath=..").locator(".invalid-feedback")
    ).to_be_visible()
    expect(form.locator("[name=title]")).to_have_value(TITLE)
    form.locator("[name=complainant_phone]").fill("13900001111")
    public.get_by_role("button", name="提交投诉").click()
    code = public.locator(".tracking-code").text_content().strip()
    assert len(code) == 16
    public.screenshot(path=OUT_DIR / "complaint-received.png", full_page=True)

    public.get_by_role("link", name="凭查询码查询投诉进度").click()
    public.locator("[name=code]").fill(code[:-1] + ("A" if code[-1] != "A" else "B"))
    public.get_by_role("button", name="查询").click()
    expect(public.locator(".not-found")).to_contain_text("没有与此查询码对应的投诉")
    expect(public.locator(".progress-card")).to_have_count(0)

    clerk = sign_in(CITY, "clerk")
    clerk.locator("nav.menu").get_by_role("link", name="侨务工作").click()
    clerk.get_by_role("link", name="侨益保护和侨务信访").click()
    clerk.get_by_role("link", name=TITLE).click()
    expect(clerk.locator(".lead .state")).to_have_text("已登记（待受理）")
    act(clerk, "受理")
    expect(clerk.locator(".lead .state")).to_have_text("已受理（办理中）")
    clerk.locator("form[data-action=reply] [name=reply]").fill(REPLY)
    act(clerk, "答复投诉人")
    expect(clerk.locator(".lead .state")).to_have_text("已答复")
    clerk.screenshot(path=OUT_DIR / "complaint-replied.png", full_page=True)
    done(clerk)

    public.goto(server.url(CITY, "/overseas_chinese/track/"))
    public.locator("[name=code]").fill(code.lower())
    public.get_by_role("button", name="查询").click()
    card = public.locator(".progress-card")
    expect(card.locator(".state")).to_have_text("已答复")
    expect(card.locator(".reply")).to_contain_text(REPLY)
    assert "林秀珍" not in public.content() and "13900001111" not in public.content()
    rate = public.locator("form.rate")
    rate.locator("[name=satisfaction]").select_option("satisfied")
    rate.get_by_role("button", name="提交评价").click()
    expect(public.get_by_text("感谢您的评价。")).to_be_visible()
    public.screenshot(path=OUT_DIR / "complaint-tracked.png", full_page=True)
    assert server.execute(
        'SELECT satisfaction FROM "hangzhou"."overseas_chinese_complaint" WHERE tracking_code = %s', (code,)
    ) == [("satisfied",)]
    public.context.watch.finish(public.context)
    public.context.close()


def test_the_directors_pages_of_the_module_in_quzhou(sign_in, server):
    """The demo data in Quzhou as the director sees it: the module's home with the
    restricted section, the register (masked), a full record, identity confirmations, a
    settlement and the restricted records; each page is checked by axe at the end."""
    director = sign_in("quzhou", "director")
    director.locator("nav.menu").get_by_role("link", name="侨务工作").click()
    expect(director.locator("[data-section=restricted]")).to_be_visible()
    director.screenshot(path=OUT_DIR / "overseas-chinese-home.png", full_page=True)
    director.get_by_role("link", name="侨界人士和侨团侨企").click()
    expect(director.locator("#people td.masked").first).to_contain_text("*")
    director.screenshot(path=OUT_DIR / "overseas-chinese-people.png", full_page=True)
    director.locator("#people a").first.click()
    expect(director.locator(".alert-info")).to_contain_text("已记录在审计日志中")
    director.goto(server.url("quzhou", "/overseas_chinese/identity/"))
    issued = director.locator("#identities td[data-state=issued]").locator("xpath=..")
    issued.get_by_role("link").first.click()
    expect(director.locator(".certificate-number")).to_contain_text("衢外侨办侨证")
    director.screenshot(path=OUT_DIR / "overseas-chinese-identity.png", full_page=True)
    director.goto(server.url("quzhou", "/overseas_chinese/settlements/"))
    director.locator("#settlements a").first.click()
    expect(director.locator("#tasks")).to_be_visible()
    director.goto(server.url("quzhou", "/overseas_chinese/restricted/"))
    expect(director.locator("#restricted")).to_contain_text("台胞投资企业座谈会")
    clerk = sign_in("quzhou", "clerk")
    clerk.goto(server.url("quzhou", "/overseas_chinese/"))
    expect(clerk.locator("[data-section=complaints]")).to_be_visible()
    expect(clerk.locator("[data-section=restricted]")).to_have_count(0)
    done(clerk)
    done(director)
