"""A Hangzhou clerk takes an invitation of foreigners from the application to the visa
notification letter's PDF, in Chromium against the real server: a field error on the
invitee's row first (a name not in Latin letters), then submission, the chain (reviewer →
division head, city_profiles/cities/hangzhou.yaml), the letters and their PDF."""

from __future__ import annotations

import base64
import datetime
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import done
from tests.browser.server import OUT_DIR
from tests.browser.test_delegation_flow import FETCH, today

pytestmark = pytest.mark.browser

CITY = "hangzhou"
TITLE = "西湖国际学术研讨会外方专家来访"


def act(page, button: str) -> None:
    page.locator("section.case-actions").get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".messages")).to_be_visible()


def test_clerk_takes_an_invitation_to_the_visa_notification_pdf(sign_in, server):
    ours = ('SELECT count(*) FROM "hangzhou"."invitations_invitation" WHERE title = %s', (TITLE,))
    arrival = today() + datetime.timedelta(days=60)
    clerk = sign_in(CITY, "clerk")
    clerk.locator("nav.menu").get_by_role("link", name="邀请外国人来华").click()
    clerk.get_by_role("link", name="新建邀请申请").click()
    form = clerk.locator("form.stacked")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=unit_code]").select_option(label="杭州市教育局")
    form.locator("[name=responsible_person]").fill("周文博")
    form.locator("[name=responsible_phone]").fill("0571-87000000")
    form.locator("[name=visit_kind]").select_option("academic")
    form.locator("[name=purpose]").fill("出席国际学术研讨会并作主旨报告。")
    form.locator("[name=programme]").fill("第1天报到；第2-3天研讨会；第4天参观；第5天离境。")
    form.locator("[name=arrival]").fill(arrival.isoformat())
    form.locator("[name=departure]").fill((arrival + datetime.timedelta(days=4)).isoformat())
    form.locator("[name=places]").fill("杭州")
    form.locator("[name=costs_paid_by]").select_option("inviting_unit")
    form.locator("[name=acknowledge_responsibility]").check()
    row = clerk.locator("[data-row=invitees-0]")
    row.locator("[name=invitees-0-name_latin]").fill("贝克尔")  # not as in the passport
    row.locator("[name=invitees-0-sex]").select_option("F")
    row.locator("[name=invitees-0-birth_date]").fill("1972-06-15")
    row.locator("[name=invitees-0-nationality]").select_option("DE")  # picked from the list of countries
    row.locator("[name=invitees-0-passport_number]").fill("C4J7P2K91")
    row.locator("[name=invitees-0-passport_expiry]").fill(
        (arrival + datetime.timedelta(days=1500)).isoformat()
    )
    row.locator("[name=invitees-0-category]").select_option("academic")
    row.locator("[name=invitees-0-occupation]").fill("Professor")
    row.locator("[name=invitees-0-employer]").fill("Universität Heidelberg")
    row.locator("[name=invitees-0-visa_type]").select_option("F")
    row.locator("[name=invitees-0-entries]").select_option("single")
    row.locator("[name=invitees-0-mission]").fill("中华人民共和国驻法兰克福总领事馆")
    clerk.get_by_role("button", name="保存").click()
    expect(clerk.locator("[data-row=invitees-0] .invalid-feedback")).to_contain_text("拉丁字母")
    expect(clerk.locator("[name=title]")).to_have_value(TITLE)
    assert server.execute(*ours) == [(0,)]

    clerk.locator("[name=invitees-0-name_latin]").fill("Becker Julia")
    clerk.get_by_role("button", name="保存").click()
    expect(clerk.locator(".messages")).to_contain_text("已保存。")
    expect(clerk.locator(".lead .state")).to_have_text("草稿")
    act(clerk, "提交审批")
    expect(clerk.locator(".lead .state")).to_have_text("审批中")
    detail = clerk.url

    for role in ("reviewer", "division_head"):
        approver = sign_in(CITY, role)
        approver.goto(detail)
        act(approver, "同意")
        expect(approver.locator(".messages")).to_contain_text("已完成")
        done(approver)
    clerk.reload()
    expect(clerk.locator(".lead .state")).to_have_text("已批准（待出具邀请函）")
    clerk.once("dialog", lambda dialog: dialog.accept())
    act(clerk, "出具邀请函和签证通知函")
    expect(clerk.locator(".lead .state")).to_have_text("已出具邀请函")
    expect(clerk.locator(".lead strong")).to_have_text(
        re.compile(rf"^杭外侨办邀〔{today().year}〕[1-9][0-9]*号$")
    )
    clerk.screenshot(path=OUT_DIR / "invitation-issued.png", full_page=True)

    notice = clerk.locator("ul.letters li", has_text="签证通知函").get_by_role("link")
    downloaded = clerk.evaluate(FETCH, notice.get_attribute("href"))
    assert downloaded["status"] == 200 and downloaded["type"] == "application/pdf"
    content = base64.b64decode(downloaded["base64"])
    (OUT_DIR / "visa-notification.pdf").write_bytes(content)
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text().replace("\n", "")
    assert "签证通知函" in text and "BECKER" in text and "法兰克福" in text
    assert notice.text_content().strip() in text  # its number, in the platform's font
