"""A Quzhou clerk registers a donation from abroad, in Chromium against the real server: a
field error first (an amount with three decimals), then submission, the chain (reviewer →
division head, city_profiles/cities/quzhou.yaml), the certificate of acceptance and its PDF;
then anyone, not signed in, sees the donation on the public page, the donor named."""

from __future__ import annotations

import base64
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import TIMEOUT_MS, Watch, done
from tests.browser.server import OUT_DIR
from tests.browser.test_delegation_flow import FETCH, today

pytestmark = pytest.mark.browser

CITY = "quzhou"
TITLE = "捐助开化县山区小学图书室"


def act(page, button: str) -> None:
    page.locator("section.case-actions").get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".messages")).to_be_visible()


def test_an_offer_is_accepted_certified_and_disclosed(sign_in, server, browser):
    ours = ('SELECT count(*) FROM "quzhou"."donations_donation" WHERE title = %s', (TITLE,))
    clerk = sign_in(CITY, "clerk")
    clerk.locator("nav.menu").get_by_role("link", name="境外捐赠").click()
    clerk.get_by_role("link", name="登记捐赠意向").click()
    form = clerk.locator("form.stacked")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=donor_kind]").select_option("person")
    form.locator("[name=donor_name]").fill("TAN AH HOCK")
    form.locator("[name=donor_name_zh]").fill("陈亚福")
    form.locator("[name=donor_country]").select_option("MY")
    form.locator("[name=donor_relation]").select_option("native")
    form.locator("[name=unit_code]").select_option(label="开化县")
    form.locator("[name=kind]").select_option("money")
    form.locator("[name=currency]").select_option("USD")
    form.locator("[name=amount]").fill("12000.555")
    form.locator("[name=intended_use]").fill("为山区小学购置图书和书架。")
    form.locator("[name=offered_on]").fill(today().isoformat())
    form.locator("[name=disclose_name]").check()
    clerk.get_by_role("button", name="保存").click()
    expect(clerk.locator("form.stacked .invalid-feedback").first).to_contain_text("两位小数")
    expect(clerk.locator("[name=title]")).to_have_value(TITLE)
    assert server.execute(*ours) == [(0,)]

    clerk.locator("[name=amount]").fill("12000.50")
    clerk.get_by_role("button", name="保存").click()
    expect(clerk.locator(".messages")).to_contain_text("已保存。")
    expect(clerk.locator(".lead .state")).to_have_text("草稿")
    act(clerk, "提交审批")
    expect(clerk.locator(".lead .state")).to_have_text("审批中")
    expect(clerk.locator("dd.value")).to_contain_text("CNY")
    detail = clerk.url

    for role in ("reviewer", "division_head"):
        approver = sign_in(CITY, role)
        approver.goto(detail)
        act(approver, "同意")
        expect(approver.locator(".messages")).to_contain_text("已完成")
        done(approver)
    clerk.reload()
    expect(clerk.locator(".lead .state")).to_have_text("同意接受（待出具受赠证书）")
    clerk.once("dialog", lambda dialog: dialog.accept())
    act(clerk, "出具受赠证书（感谢信）")
    expect(clerk.locator(".lead .state")).to_have_text("已出具受赠证书（待接收）")
    number = clerk.locator(".lead strong.certificate-number")
    expect(number).to_have_text(re.compile(rf"^衢外侨办捐〔{today().year}〕[1-9][0-9]*号$"))
    clerk.screenshot(path=OUT_DIR / "donation-certified.png", full_page=True)

    link = clerk.locator("ul.letters li").first.get_by_role("link")
    downloaded = clerk.evaluate(FETCH, link.get_attribute("href"))
    assert downloaded["status"] == 200 and downloaded["type"] == "application/pdf"
    content = base64.b64decode(downloaded["base64"])
    (OUT_DIR / "donation-certificate.pdf").write_bytes(content)
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text().replace("\n", "")
    assert "接受境外捐赠证书暨感谢信" in text and "陈亚福" in text and "USD 12000.50" in text
    assert number.text_content().strip() in text

    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(TIMEOUT_MS)
    watch = Watch()
    context.on("page", watch.attach)
    public = context.new_page()
    public.goto(server.url(CITY, "/donations/public/"))
    notice = public.locator("article.donation-notice", has_text=TITLE)
    expect(notice).to_be_visible()
    expect(notice.locator("dd.donor")).to_contain_text("陈亚福")
    expect(notice).to_contain_text("开化县")
    expect(public.locator("body")).not_to_contain_text(number.text_content().strip())
    public.screenshot(path=OUT_DIR / "donations-public.png", full_page=True)
    watch.finish(context)
    context.close()
