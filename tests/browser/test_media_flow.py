"""Foreign media and Honorary Residents in Chromium against the real server.

1. A Hangzhou clerk registers a foreign journalist's interview request (first without an
   outlet: the error is under the outlet's field and nothing is saved), asks the
   interviewee's unit, whose own submitter consents; the chain (reviewer → division head,
   city_profiles/cities/hangzhou.yaml ``media_interview``) approves; the clerk arranges the
   interview (escort, interpreter, place), records the article published afterwards and
   closes it; the journalist is in the register.
2. In Guangzhou a unit nominates an Honorary Resident; the chain (reviewer → division head →
   director) approves; the clerk records the city government's decision (date, reference)
   and issues the numbered bilingual certificate, whose PDF carries the number and the name."""

from __future__ import annotations

import base64
import datetime
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from city_profiles import CITIES_DIR
from city_profiles.loader import read_yaml
from tests.browser.conftest import done
from tests.browser.server import OUT_DIR
from tests.browser.test_delegation_flow import FETCH, today

pytestmark = pytest.mark.browser

TOPIC = "钱塘江流域生态保护采访"


def first_unit(city: str) -> str:
    data, _ = read_yaml(CITIES_DIR / f"{city}.yaml")
    return data["submitting_units"][0]["code"]  # the demo submitter's unit


def act(page, name: str, button: str, **fields) -> None:
    form = page.locator(f"section.case-actions form[data-action={name}]")
    for field, value in fields.items():
        target = form.locator(f"[name={field}]")
        if target.evaluate("node => node.tagName") == "SELECT":
            target.select_option(value)
        else:
            target.fill(value)
    form.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".messages")).to_be_visible()


def test_a_journalists_interview_is_arranged_and_its_article_recorded(sign_in, server):
    city = "hangzhou"
    ours = ('SELECT count(*) FROM "hangzhou"."foreign_media_interviewrequest" WHERE topic = %s', (TOPIC,))
    start = today() - datetime.timedelta(days=4)
    clerk = sign_in(city, "clerk")
    clerk.locator("nav.menu").get_by_role("link", name="外国记者采访").click()
    clerk.get_by_role("link", name="新建采访申请").click()
    form = clerk.locator("form.stacked")
    form.locator("[name=journalist_name_latin]").fill("Hoffmann Lena")
    form.locator("[name=journalist_nationality]").select_option("DE")
    form.locator("[name=journalist_press_card_kind]").select_option("short_term")
    form.locator("[name=journalist_press_card_number]").fill("J2-DE-77310")
    form.locator("[name=topic]").fill(TOPIC)
    form.locator("[name=unit_code]").select_option(first_unit(city))
    form.locator("[name=interviewees]").fill("分管副区长、生态环境分局负责人")
    form.locator("[name=kind]").select_option("in_person")
    form.locator("[name=start]").fill(start.isoformat())
    form.locator("[name=end]").fill((start + datetime.timedelta(days=3)).isoformat())
    clerk.get_by_role("button", name="保存").click()  # no outlet chosen
    expect(clerk.locator(".invalid-feedback").first).to_contain_text("记者须隶属于媒体机构")
    expect(clerk.locator("[name=topic]")).to_have_value(TOPIC)
    assert server.execute(*ours) == [(0,)]

    clerk.locator("form.stacked [name=outlet]").select_option(label="德国之声 (Deutsche Welle)")
    clerk.get_by_role("button", name="保存").click()
    expect(clerk.locator(".messages")).to_contain_text("已保存。")
    expect(clerk.locator(".lead .state")).to_have_text("草稿")
    act(clerk, "request_consent", "征求受访单位意见")
    expect(clerk.locator(".lead .state")).to_have_text("待受访单位同意")
    detail = clerk.url

    unit = sign_in(city, "submitter")
    unit.goto(detail)
    expect(unit.locator("section.case-actions form[data-action=decline]")).to_be_visible()
    act(unit, "consent", "受访单位同意接受采访")
    expect(unit.locator(".lead .state")).to_have_text("外办审批中")
    done(unit)
    for role in ("reviewer", "division_head"):
        approver = sign_in(city, role)
        approver.goto(detail)
        act(approver, "approve", "同意")
        expect(approver.locator(".messages")).to_contain_text("已完成")
        done(approver)

    clerk.reload()
    expect(clerk.locator(".lead .state")).to_have_text("已同意（待安排）")
    held = (start + datetime.timedelta(days=1)).isoformat()
    act(
        clerk,
        "arrange",
        "安排采访（陪同、翻译、地点）",
        held_on=held,
        place="西湖区人民政府会议室",
        escort="新闻处 陈静",
        interpreter="王磊",
    )
    expect(clerk.locator(".lead .state")).to_have_text("已安排采访")
    expect(clerk.locator(".arrangement")).to_contain_text("陈静")
    act(
        clerk,
        "record_article",
        "登记采访后报道",
        title="Hangzhou's river comes back to life",
        url="https://www.dw.com/en/hangzhou-river/a-1",
        published_on=today().isoformat(),
        tone="positive",
    )
    expect(clerk.locator("#articles")).to_contain_text("Hangzhou's river comes back to life")
    expect(clerk.locator("#articles [data-tone=positive]")).to_have_text("正面")
    act(clerk, "complete", "采访已完成")
    expect(clerk.locator(".lead .state")).to_have_text("采访已完成")
    clerk.screenshot(path=OUT_DIR / "media-interview-done.png", full_page=True)

    clerk.goto(server.url(city, "/foreign_media/journalists/?q=hoffmann"))
    expect(clerk.locator("table.list tbody tr")).to_have_count(1)
    expect(clerk.locator("table.list tbody tr")).to_contain_text("德国之声")


def test_an_honorary_resident_goes_from_nomination_to_certificate_in_guangzhou(sign_in, server):
    city = "guangzhou"
    unit = sign_in(city, "submitter")
    unit.locator("nav.menu").get_by_role("link", name="荣誉市民").click()
    unit.get_by_role("link", name="新建推荐").click()
    form = unit.locator("form.stacked")
    form.locator("[name=name_latin]").fill("Laurent Sophie")
    form.locator("[name=name_zh]").fill("洛朗")
    form.locator("[name=sex]").select_option("F")
    form.locator("[name=nationality]").select_option("FR")
    form.locator("[name=occupation]").fill("Présidente")
    form.locator("[name=employer]").fill("Association Lyon–Canton")
    form.locator("[name=field]").select_option("friendship")
    form.locator("[name=contribution]").fill("二十年来推动广州与里昂的友好交流，促成青少年互访项目。")
    form.locator("[name=responsible_person]").fill("黄晓明")
    form.locator("[name=responsible_phone]").fill("020-83123456")
    unit.get_by_role("button", name="保存").click()
    expect(unit.locator(".messages")).to_contain_text("已保存。")
    act(unit, "submit", "提交审批")
    expect(unit.locator(".lead .state")).to_have_text("审批中")
    detail = unit.url
    done(unit)

    for role in ("reviewer", "division_head", "director"):
        approver = sign_in(city, role)
        approver.goto(detail)
        act(approver, "approve", "同意")
        done(approver)

    clerk = sign_in(city, "clerk")
    clerk.goto(detail)
    expect(clerk.locator(".lead .state")).to_have_text("外办已同意（报市政府决定）")
    act(
        clerk,
        "record_decision",
        "登记市政府授予决定",
        decision_date=today().isoformat(),
        decision_reference=f"穗府函〔{today().year}〕88号",
    )
    expect(clerk.locator(".lead .state")).to_have_text("市政府已授予（待颁发证书）")
    expect(clerk.locator(".decision")).to_contain_text("88号")
    clerk.once("dialog", lambda dialog: dialog.accept())
    act(clerk, "issue_certificate", "颁发荣誉市民证书")
    expect(clerk.locator(".lead .state")).to_have_text("已颁发证书")
    number = clerk.locator(".certificate-number")
    expect(number).to_have_text(re.compile(rf"^穗荣誉市民证〔{today().year}〕[1-9][0-9]*号$"))
    clerk.screenshot(path=OUT_DIR / "honorary-resident-certified.png", full_page=True)

    link = clerk.locator("ul.certificates li").get_by_role("link")
    downloaded = clerk.evaluate(FETCH, link.get_attribute("href"))
    assert downloaded["status"] == 200 and downloaded["type"] == "application/pdf"
    content = base64.b64decode(downloaded["base64"])
    (OUT_DIR / "honorary-resident-certificate.pdf").write_bytes(content)
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text().replace("\n", "")
    assert "荣誉市民证书" in text and "LAURENT SOPHIE" in text and "Honorary Resident" in text
    assert number.text_content().strip() in text

    act(clerk, "record_visit", "登记来访", visited_on=today().isoformat(), purpose="出席友城结好周年活动")
    clerk.goto(server.url(city, "/honorary_residents/register/?q=laurent"))
    expect(clerk.locator("table.list tbody tr")).to_contain_text("出席友城结好周年活动")
