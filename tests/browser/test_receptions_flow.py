"""A Guangzhou clerk plans a visit of foreign guests and prints its seating chart, in
Chromium against the real server: the guest list (a head of delegation without a protocol
rank is refused under the field first), a programme item, a banquet seated from the order
of precedence, and the seating chart's PDF with the names in both languages."""

from __future__ import annotations

import base64
import datetime
import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.server import OUT_DIR
from tests.browser.test_delegation_flow import FETCH, today

pytestmark = pytest.mark.browser

CITY = "guangzhou"
TITLE = "大阪市友好代表团来访"


def test_clerk_plans_a_visit_and_prints_its_seating_chart(sign_in, server):
    ours = ('SELECT count(*) FROM "guangzhou"."receptions_visit" WHERE title = %s', (TITLE,))
    arrival = today() + datetime.timedelta(days=20)
    clerk = sign_in(CITY, "clerk")
    clerk.locator("nav.menu").get_by_role("link", name="外事接待").click()
    clerk.get_by_role("link", name="新建来访").click()
    form = clerk.locator("form.stacked")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=unit_code]").select_option(label="广州市商务局")
    form.locator("[name=purpose]").fill("友城交流，洽谈经贸合作。")
    form.locator("[name=arrival]").fill(arrival.isoformat())
    form.locator("[name=departure]").fill((arrival + datetime.timedelta(days=2)).isoformat())
    form.locator("[name=budget]").fill("60000")
    guest = clerk.locator("[data-row=guests-0]")
    guest.locator("[name=guests-0-name_zh]").fill("松井一郎")
    guest.locator("[name=guests-0-name_en]").fill("MATSUI Ichiro")
    guest.locator("[name=guests-0-title_text]").fill("大阪市长")
    guest.locator("[name=guests-0-country]").select_option("JP")
    host = clerk.locator("[data-row=hosts-0]")
    host.locator("[name=hosts-0-name_zh]").fill("陈志英")
    host.locator("[name=hosts-0-name_en]").fill("CHEN Zhiying")
    host.locator("[name=hosts-0-title_text]").fill("副市长")
    host.locator("[name=hosts-0-rank]").select_option("deputy_provincial")
    clerk.get_by_role("button", name="保存").click()
    expect(clerk.locator("[data-row=guests-0] .invalid-feedback")).to_contain_text("礼宾级别")
    assert server.execute(*ours) == [(0,)]

    clerk.locator("[name=guests-0-protocol_rank]").select_option("mayor")
    clerk.get_by_role("button", name="保存").click()
    expect(clerk.locator(".messages")).to_contain_text("已保存。")
    expect(clerk.locator(".lead .state")).to_have_text("草稿")
    expect(clerk.locator(".reception-level")).to_contain_text("市长")
    detail = clerk.url

    clerk.get_by_role("link", name="添加日程").click()
    item = clerk.locator("form.stacked")
    item.locator("[name=kind]").select_option("banquet")
    item.locator("[name=title]").fill("欢迎宴会")
    item.locator("[name=start]").fill(f"{arrival.isoformat()}T18:00")
    item.locator("[name=end]").fill(f"{arrival.isoformat()}T20:00")
    item.locator("[name=venue]").fill("白云宾馆宴会厅")
    clerk.get_by_role("button", name="保存").click()
    expect(clerk.locator("table.programme")).to_contain_text("欢迎宴会")

    seating = clerk.locator("form.new-seating")
    seating.locator("[name=kind]").select_option("banquet")
    seating.locator("[name=title]").fill("欢迎宴会")
    seating.get_by_role("button", name="生成座次").click()
    expect(clerk.locator("ul.seatings")).to_contain_text("欢迎宴会")
    clerk.locator("ul.seatings").get_by_role("link", name="欢迎宴会 · 宴会（圆桌）").click()
    main_table = clerk.locator("[data-table='1']")
    expect(main_table.locator("[data-seat='1']")).to_contain_text("陈志英")
    expect(main_table.locator("[data-seat='2']")).to_contain_text("松井一郎")
    clerk.screenshot(path=OUT_DIR / "reception-seating.png", full_page=True)

    chart = clerk.get_by_role("link", name="座次图（PDF）")
    downloaded = clerk.evaluate(FETCH, chart.get_attribute("href"))
    assert downloaded["status"] == 200 and downloaded["type"] == "application/pdf"
    content = base64.b64decode(downloaded["base64"])
    (OUT_DIR / "reception-seating-chart.pdf").write_bytes(content)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).replace("\n", "")
    assert "松井一郎" in text and "MATSUI Ichiro" in text and "陈志英" in text and "CHEN Zhiying" in text
    clerk.goto(detail)
    expect(clerk.locator(".lead .state")).to_have_text("草稿")
