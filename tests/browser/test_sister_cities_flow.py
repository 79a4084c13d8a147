"""A Hangzhou clerk proposes a sister-city relationship with a city new to the register; the
office's chain (reviewer → division head → director, city_profiles/cities/hangzhou.yaml)
sends it up to the Zhejiang FAO, whose reviewer approves it on the provincial portal; back
in Hangzhou the clerk records the national approval and the signing (first with a term
ending before it starts: the error is under the field, nothing is saved), and the partner's
page shows the agreement."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import done
from tests.browser.server import OUT_DIR

pytestmark = pytest.mark.browser

CITY = "hangzhou"
PARTNER = "奥地利萨尔茨堡市"
TITLE = "与萨尔茨堡市缔结友好城市关系"


def act(page, name: str, label: str) -> None:
    page.locator(f"form[data-action={name}]").get_by_role("button", name=label, exact=True).click()
    expect(page.locator(".messages")).to_be_visible()


def test_a_sister_city_proposal_goes_to_the_province_and_back_to_signing(sign_in, server):
    today = datetime.date.today()
    clerk = sign_in(CITY, "clerk")
    clerk.locator("nav.menu").get_by_role("link", name="外国合作方").click()
    clerk.get_by_role("link", name="新增合作方").click()
    form = clerk.locator("form.stacked")
    form.locator("[name=kind]").select_option("city")
    form.locator("[name=name_zh]").fill(PARTNER)
    form.locator("[name=name_en]").fill("Salzburg")
    form.locator("[name=country]").select_option("AT")
    form.locator("[name=place]").fill("Salzburg")
    clerk.get_by_role("button", name="保存").click()
    expect(clerk.locator(".messages")).to_contain_text("已保存。")

    clerk.locator("nav.menu").get_by_role("link", name="友好城市").click()
    clerk.get_by_role("link", name="申请缔结友好城市").click()
    form = clerk.locator("form.stacked")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=partner]").select_option(label=f"{PARTNER} (Salzburg)")
    form.locator("[name=level]").select_option("sister_city")
    form.locator("[name=background]").fill("两市同为历史文化名城，音乐与旅游交流频繁。")
    form.locator("[name=exchanges_so_far]").fill("2023年萨尔茨堡市长率团来访。")
    clerk.get_by_role("button", name="保存").click()
    expect(clerk.locator(".lead .state")).to_have_text("草稿")
    act(clerk, "submit", "提交审批")
    expect(clerk.locator(".lead .state")).to_have_text("审批中")
    detail = clerk.url

    for role in ("reviewer", "division_head", "director"):
        approver = sign_in(CITY, role)
        approver.goto(detail)
        act(approver, "approve", "同意")
        done(approver)
    clerk.reload()
    expect(clerk.locator(".lead .state")).to_have_text("报省外办审批")

    province = sign_in("zhejiang", "zhejiang-reviewer")
    province.locator("nav.menu a[href='/queue/']").click()
    province.get_by_role("link", name=TITLE).first.click()
    expect(province.locator("main")).to_contain_text("萨尔茨堡")
    province.locator("#decision-comment").fill("同意报批。")
    province.get_by_role("button", name="同意", exact=True).click()
    expect(province.locator(".messages")).to_be_visible()
    done(province)

    clerk.reload()
    expect(clerk.locator(".lead .state")).to_have_text("省外办已同意（待国家批准）")
    approval = clerk.locator("form[data-action=record_national_approval]")
    approval.locator("[name=approved_on]").fill((today - datetime.timedelta(days=1)).isoformat())
    approval.locator("[name=reference]").fill("外友协〔2026〕21号")
    act(clerk, "record_national_approval", "登记国家批准（外部环节）")
    expect(clerk.locator(".lead .state")).to_have_text("已获国家批准（待签约）")

    signing = clerk.locator("form[data-action=sign]")
    signing.locator("[name=signed_on]").fill(today.isoformat())
    signing.locator("[name=signed_place]").fill("萨尔茨堡")
    signing.locator("[name=term_start]").fill(today.isoformat())
    signing.locator("[name=term_end]").fill((today - datetime.timedelta(days=1)).isoformat())
    act(clerk, "sign", "登记签约")
    expect(clerk.locator("form[data-action=sign] .invalid-feedback")).to_contain_text("不能早于")
    expect(clerk.locator(".lead .state")).to_have_text("已获国家批准（待签约）")

    signing = clerk.locator("form[data-action=sign]")
    signing.locator("[name=term_end]").fill(today.replace(year=today.year + 5).isoformat())
    act(clerk, "sign", "登记签约")
    expect(clerk.locator(".lead .state")).to_have_text("已签约（友好关系存续）")
    expect(clerk.locator("[data-national-approval]")).to_contain_text("外友协〔2026〕21号")
    clerk.screenshot(path=OUT_DIR / "sister-city-signed.png", full_page=True)

    clerk.get_by_role("link", name=PARTNER).first.click()
    expect(clerk.locator("#history")).to_contain_text(TITLE)
    clerk.screenshot(path=OUT_DIR / "partner-page.png", full_page=True)
