"""A Hangzhou department answers a follow-up task (督办) of the Foreign Affairs Leading
Group and the office closes it, in Chromium against the real server and its demo data: the
department sees only its own tasks, reports the task done on its page, and the office's
reviewer checks and closes it; the meeting's supervision sheet is a PDF."""

from __future__ import annotations

import base64

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import done
from tests.browser.server import OUT_DIR
from tests.browser.test_delegation_flow import FETCH

pytestmark = pytest.mark.browser

CITY = "hangzhou"
TASK = "报送筹备工作专班联络员名单"  # the demo's task assigned to the demo submitter's unit


def test_a_department_answers_a_follow_up_task_and_the_office_closes_it(sign_in, server):
    department = sign_in(CITY, "submitter")
    department.locator("nav.menu").get_by_role("link", name="外事工作领导小组办公室").click()
    expect(department.locator("h1")).to_contain_text("督办事项")
    rows = department.locator("#tasks tbody tr")
    expect(rows.first).to_be_visible()
    units = {
        text.strip() for text in department.locator("#tasks tbody tr td:nth-child(2)").all_text_contents()
    }
    assert len(units) == 1  # its own unit's tasks only
    department.get_by_role("link", name=TASK).click()
    expect(department.locator(".lead .state")).to_have_text("已交办")
    department.locator("form[data-action=report_done] [name=text]").fill(
        "联络员：王芳，外事科科长，0571-87000001。"
    )
    department.locator("form[data-action=report_done]").get_by_role("button", name="报送办结情况").click()
    expect(department.locator(".messages")).to_be_visible()
    expect(department.locator(".lead .state")).to_have_text("已报办结（待审核）")
    expect(department.locator("#reports")).to_contain_text("联络员：王芳")
    task_url = department.url
    department.screenshot(path=OUT_DIR / "leading-group-task-answered.png", full_page=True)
    done(department)

    office = sign_in(CITY, "reviewer")
    office.goto(task_url)
    office.locator("section.case-actions").get_by_role("button", name="审核办结", exact=True).click()
    expect(office.locator(".messages")).to_be_visible()
    expect(office.locator(".lead .state")).to_have_text("已办结")
    office.locator(".facts a").first.click()  # the meeting the task came from
    expect(office.locator("h1")).to_contain_text("专题会议")
    sheet = office.get_by_role("link", name="督办单（PDF）")
    downloaded = office.evaluate(FETCH, sheet.get_attribute("href"))
    assert downloaded["status"] == 200 and downloaded["type"] == "application/pdf"
    (OUT_DIR / "supervision-sheet.pdf").write_bytes(base64.b64decode(downloaded["base64"]))
    office.screenshot(path=OUT_DIR / "leading-group-meeting.png", full_page=True)
    overdue = server.execute(
        'SELECT count(*) FROM "hangzhou"."leading_group_task" WHERE escalated_at IS NOT NULL', ()
    )
    assert overdue[0][0] >= 1  # the demo's overdue tasks went up to the director
