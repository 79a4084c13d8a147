"""A Guangzhou clerk applies for an international conference (国际会议), then opens the
leaders' foreign-affairs calendar, whose month view shows the demo conferences, and makes
their private subscription address: the ICS feed it serves is read by a real iCalendar
library."""

from __future__ import annotations

import base64
import datetime

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.server import OUT_DIR
from tests.browser.test_delegation_flow import FETCH, today

pytestmark = pytest.mark.browser

CITY = "guangzhou"
TITLE = "广州国际城市创新大会"


def test_a_clerk_applies_for_a_conference_and_subscribes_to_the_calendar(sign_in, server):
    ours = ('SELECT count(*) FROM "guangzhou"."conferences_conference" WHERE title = %s', (TITLE,))
    start = today() + datetime.timedelta(days=45)
    clerk = sign_in(CITY, "clerk")
    clerk.locator("nav.menu").get_by_role("link", name="国际会议和重大涉外活动").click()
    expect(clerk.locator("table.list tbody tr").first).to_be_visible()
    clerk.get_by_role("link", name="新建国际会议申请").click()
    form = clerk.locator("form.stacked")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=name_en]").fill("Guangzhou International Urban Innovation Conference")
    form.locator("[name=kind]").select_option("conference")
    form.locator("[name=unit_code]").select_option(label="广州市商务局")
    form.locator("[name=responsible_person]").fill("陈明")
    form.locator("[name=responsible_phone]").fill("020-83000000")
    form.locator("[name=start]").fill(start.isoformat())
    form.locator("[name=end]").fill((start - datetime.timedelta(days=1)).isoformat())  # before the start
    form.locator("[name=venue]").fill("白云国际会议中心")
    form.locator("[name=total_participants]").fill("600")
    form.locator("[name=media]").fill("40")
    form.locator("[name=foreign_media]").fill("8")
    form.locator("[name=sponsors]").fill("广州市人民政府")
    form.locator("[name=budget]").fill("800000")
    form.locator("[name=funding]").select_option("fiscal")
    form.locator("[name=security_plan]").fill("公安部门负责会场安保。")
    form.locator("[name=health_plan]").fill("卫生健康部门派驻医疗组。")
    row = clerk.locator("[data-row=countries-0]")
    row.locator("[name=countries-0-country]").select_option("FR")
    row.locator("[name=countries-0-participants]").fill("40")
    clerk.get_by_role("button", name="保存").click()
    expect(clerk.locator("#id_end_error")).to_contain_text("结束日期早于开始日期")
    assert server.execute(*ours) == [(0,)]
    clerk.locator("[name=end]").fill((start + datetime.timedelta(days=1)).isoformat())
    clerk.get_by_role("button", name="保存").click()
    expect(clerk.locator(".messages")).to_contain_text("已保存。")
    expect(clerk.locator(".lead .state")).to_have_text("草稿")
    clerk.locator("section.case-actions").get_by_role("button", name="提交审批", exact=True).click()
    expect(clerk.locator(".lead .state")).to_have_text("审批中")
    clerk.screenshot(path=OUT_DIR / "conference-submitted.png", full_page=True)
    assert server.execute(*ours) == [(1,)]

    clerk.locator("nav.menu").get_by_role("link", name="外事日程").click()
    expect(clerk.locator("table.month-grid")).to_be_visible()
    expect(clerk.get_by_role("heading", level=1)).to_contain_text("外事日程")
    # the demo's approved conferences are on the calendar of their month
    clerk.goto(clerk.url.split("?")[0] + f"?date={(today() + datetime.timedelta(days=20)).isoformat()}")
    expect(clerk.locator("a.calendar-entry", has_text="国际科技创新合作论坛").first).to_be_visible()
    clerk.get_by_role("button", name="生成我的订阅地址").click()
    address = clerk.locator("[data-feed-url]")
    expect(address).to_be_visible()
    url = address.input_value()
    assert url.endswith(".ics") and "/agenda/feed/" in url
    clerk.screenshot(path=OUT_DIR / "calendar-month.png", full_page=True)
    feed = clerk.evaluate(FETCH, url)
    assert feed["status"] == 200 and feed["type"].startswith("text/calendar")
    calendar = Calendar.from_ical(base64.b64decode(feed["base64"]))
    assert str(calendar["version"]) == "2.0"
    clerk.reload()
    expect(clerk.locator("[data-feed-url]")).to_have_count(0)  # shown once
    expect(clerk.locator("[data-feed=live]")).to_be_visible()
