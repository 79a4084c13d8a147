"""A Hangzhou clerk takes a delegation from the form to the task approval document (任务批件),
in Chromium, against the real server: the form with a field error first, the submission,
the approval chain (reviewer → division head → director, city_profiles/cities/hangzhou.yaml),
the pre-departure education, the end of the public notice, the numbered document and its PDF.
"""

from __future__ import annotations

import base64
import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import audit, done
from tests.browser.server import OUT_DIR

pytestmark = pytest.mark.browser

CITY = "hangzhou"
UNIT = "杭州市商务局"
# (the demo data has delegations of its own: these titles and travellers are not among them)
TITLE = "杭州市商务局赴日本大阪经贸洽谈"

# The browser's own request for a file (same origin, its session): status, type, bytes.
FETCH = """async (url) => {
  const response = await fetch(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return {status: response.status, type: response.headers.get("content-type"), base64: btoa(binary)};
}"""


def today() -> datetime.date:
    return datetime.datetime.now(ZoneInfo("Asia/Shanghai")).date()


def open_delegation(page, title: str) -> None:
    """From anywhere in the office's site: the menu, a search of the list, the delegation."""
    page.locator("nav.menu").get_by_role("link", name="因公出国（境）").click()
    search = page.get_by_role("search")
    search.locator("[name=q]").fill(title)
    search.get_by_role("button").click()
    page.locator("table.list").get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def state(page):
    return page.locator(".lead .state")


def act(page, button: str) -> None:
    """Clicks one of the detail page's action buttons and waits for the office's answer."""
    page.locator("section.case-actions").get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".messages")).to_be_visible()


def fill_application(page, title: str, departure: datetime.date, back: datetime.date) -> None:
    form = page.locator("form.stacked")
    form.locator("[name=kind]").select_option("abroad")
    form.locator("[name=title]").fill(title)
    form.locator("[name=unit_code]").select_option(label=UNIT)
    form.locator("[name=purpose]").fill("参加大阪经贸洽谈会，拜访友好城市岐阜市。")
    form.locator("[name=inviter_name]").fill("Osaka Chamber of Commerce and Industry")
    form.locator("[name=inviter_country]").select_option("JP")  # picked from the list of countries
    form.locator("[name=funding_source]").fill("部门预算")
    form.locator("[name=budget]").fill("120000")
    form.locator("[name=departure]").fill(departure.isoformat())
    form.locator("[name=return_date]").fill(back.isoformat())


def fill_destination(page, index: int, country: str, arrive: datetime.date, leave: datetime.date) -> None:
    row = page.locator(f"[data-row=destination-{index}]")
    row.locator(f"[name=destinations-{index}-country]").select_option(country)
    row.locator(f"[name=destinations-{index}-arrive]").fill(arrive.isoformat())
    row.locator(f"[name=destinations-{index}-leave]").fill(leave.isoformat())


def fill_member(page, index: int, name: str, number: str, position: str = "处长") -> None:
    row = page.locator(f"[data-row=member-{index}]")
    row.locator(f"[name=members-{index}-name]").fill(name)
    row.locator(f"[name=members-{index}-gender]").select_option("M")
    row.locator(f"[name=members-{index}-birth_date]").fill("1975-03-01")
    row.locator(f"[name=members-{index}-unit]").fill(UNIT)
    row.locator(f"[name=members-{index}-position]").fill(position)
    row.locator(f"[name=members-{index}-rank]").select_option("division")
    row.locator(f"[name=members-{index}-document_type]").select_option("official_passport")
    row.locator(f"[name=members-{index}-document_number]").fill(number)


def test_clerk_takes_a_delegation_to_its_approval_document(sign_in, server):
    ours = ('SELECT count(*) FROM "hangzhou"."trips_delegation" WHERE title = %s', (TITLE,))
    departure = today() + datetime.timedelta(days=90)
    back = departure + datetime.timedelta(days=4)

    # The clerk signs in (Chinese by default) and opens the module from the menu.
    clerk = sign_in(CITY, "clerk")
    expect(clerk.locator("html")).to_have_attribute("lang", "zh-hans")
    clerk.locator("nav.menu").get_by_role("link", name="因公出国（境）").click()
    expect(clerk.get_by_role("heading", level=1)).to_have_text("因公出国（境）")
    clerk.get_by_role("link", name="新建出访申请").click()
    expect(clerk.get_by_role("heading", level=1)).to_have_text("新建出访申请")

    # A passport number that is not one: the form says so on the field, nothing is saved.
    fill_application(clerk, TITLE, departure, back)
    fill_destination(clerk, 0, "JP", departure, back)
    fill_member(clerk, 0, "沈一鸣", "123")
    clerk.get_by_role("button", name="保存").click()
    errors = clerk.locator("[data-row=member-0] .invalid-feedback")  # under the field
    expect(clerk.locator(".form-errors")).to_contain_text("123")  # and in the summary on top
    audit(clerk)  # the form showing its errors
    expect(errors).to_contain_text("123")
    expect(errors).to_contain_text("SE1234567")  # the example it gives
    expect(clerk.locator("[name=title]")).to_have_value(TITLE)  # what was typed is kept
    assert server.execute(*ours) == [(0,)]

    # Corrected, it saves: a draft, with the submit button.
    clerk.locator("[name=members-0-document_number]").fill("SE1234567")
    clerk.get_by_role("button", name="保存").click()
    expect(clerk.locator(".messages")).to_contain_text("已保存。")
    expect(clerk.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(state(clerk)).to_have_text("草稿")
    expect(clerk.locator("dl.facts")).to_contain_text(UNIT)
    assert server.execute(*ours) == [(1,)]
    # Not without the invitation letter: the refusal names it; uploaded, it goes in.
    act(clerk, "提交审批")
    expect(clerk.locator(".messages")).to_contain_text("邀请函")
    expect(state(clerk)).to_have_text("草稿")
    clerk.locator("input[name=file]").set_input_files(
        {"name": "letter.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 invitation"}
    )
    clerk.get_by_role("button", name="上传", exact=True).click()
    expect(clerk.locator("dl.facts")).to_contain_text("下载")
    act(clerk, "提交审批")
    expect(state(clerk)).to_have_text("审批中")

    # Hangzhou's chain: reviewer, division head, director, each in their own browser.
    for role in ("reviewer", "division_head", "director"):
        approver = sign_in(CITY, role)
        open_delegation(approver, TITLE)
        expect(state(approver)).to_have_text("审批中")
        act(approver, "同意")
        expect(approver.locator(".messages")).to_contain_text("已办理。")
        done(approver)
    clerk.reload()
    expect(state(clerk)).to_have_text("已批准（公示中）")

    # Pre-departure education, recorded for every member.
    buttons = clerk.get_by_role("button", name="登记已受教育")
    expect(buttons).to_have_count(1)
    while buttons.count():
        buttons.first.click()
        expect(clerk.locator(".messages")).to_contain_text("已办理。")
    expect(clerk.locator("table.list tbody")).to_contain_text("✓")

    # Not before the public notice has run ...
    act(clerk, "出具任务批件")
    expect(clerk.locator(".messages")).to_contain_text("公示")
    expect(state(clerk)).to_have_text("已批准（公示中）")
    # ... so let the days pass: the notice period ended yesterday.
    yesterday = today() - datetime.timedelta(days=1)
    server.execute(
        'UPDATE "hangzhou"."trips_delegation" SET notice_from = notice_from - (notice_until - %s), '
        "notice_until = %s WHERE title = %s",
        (yesterday, yesterday, TITLE),
    )
    clerk.reload()
    act(clerk, "出具任务批件")
    expect(clerk.locator(".messages")).to_contain_text("已办理。")
    expect(state(clerk)).to_have_text("已出具任务批件")

    # The document number in Hangzhou's format, and its PDF.
    number = clerk.locator(".lead strong")
    expect(number).to_have_text(re.compile(rf"^杭外侨办批〔{today().year}〕[1-9][0-9]*号$"))
    clerk.screenshot(path=OUT_DIR / "delegation-issued.png", full_page=True)
    pdf_link = clerk.locator(".lead").get_by_role("link", name="PDF")
    downloaded = clerk.evaluate(FETCH, pdf_link.get_attribute("href"))
    assert downloaded["status"] == 200
    assert downloaded["type"] == "application/pdf"
    content = base64.b64decode(downloaded["base64"])
    assert content.startswith(b"%PDF-")
    (OUT_DIR / "approval-document.pdf").write_bytes(content)
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text().replace("\n", "")
    assert number.text_content() in text  # the Chinese is in the PDF's font, not boxes
    assert "沈一鸣" in text
    # Clicked, the link opens the PDF in Chromium's viewer.
    with clerk.expect_response(re.compile(r"/documents/\d+/pdf/$")) as answer:
        pdf_link.click()
    assert answer.value.status == 200
    assert answer.value.headers["content-type"] == "application/pdf"


def test_the_form_adds_rows_for_more_destinations_and_members(sign_in, server):
    title = "杭州市商务局赴日本韩国经贸洽谈"
    departure = today() + datetime.timedelta(days=100)
    middle, back = departure + datetime.timedelta(days=2), departure + datetime.timedelta(days=4)
    clerk = sign_in(CITY, "clerk")
    clerk.goto(server.url(CITY, "/trips/new/"))
    fill_application(clerk, title, departure, back)
    fill_destination(clerk, 0, "JP", departure, middle)
    fill_member(clerk, 0, "沈一鸣", "SE2345678")

    # From the keyboard: the button adds an empty row and puts the cursor in it.
    add_member = clerk.get_by_role("button", name="添加团组成员")
    add_member.focus()
    clerk.keyboard.press("Enter")
    expect(clerk.locator("[name=members-TOTAL_FORMS]")).to_have_value("2")
    expect(clerk.locator("[name=members-1-name]")).to_be_focused()
    expect(clerk.locator("[name=members-1-name]")).to_have_value("")
    fill_member(clerk, 1, "陆思齐", "SE3456789", position="科长")
    clerk.get_by_role("button", name="添加出访国家（地区）").click()
    expect(clerk.locator("[name=destinations-TOTAL_FORMS]")).to_have_value("2")
    fill_destination(clerk, 1, "KR", middle, back)
    clerk.screenshot(path=OUT_DIR / "delegation-form-two-rows.png", full_page=True)

    clerk.get_by_role("button", name="保存").click()
    expect(clerk.locator(".messages")).to_contain_text("已保存。")
    expect(clerk.get_by_role("heading", level=1)).to_have_text(title)
    members = clerk.locator("table.list tbody tr")
    expect(members).to_have_count(2)
    expect(members.nth(1)).to_contain_text("陆思齐")
    expect(clerk.locator("main ul li", has_text="韩国")).to_have_count(1)  # named, not coded
