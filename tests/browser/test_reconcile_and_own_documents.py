"""Two paths of issue 8 as their users take them: a department submitter opens its own
unit's 任务批件, and a provincial reviewer's figures for a city agree with that city's own
half-year report, for every half-year the demo data covers."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_submitter_opens_its_own_units_approval_document(sign_in, server):
    submitter = sign_in("hangzhou", "submitter")
    submitter.goto(server.url("hangzhou", "/trips/?state=issued"))
    submitter.locator("table.list tbody a").first.click()
    link = submitter.get_by_role("link", name="PDF")
    expect(link).to_be_visible()
    # fetched by the page itself (its cookies, its host), as clicking the link would
    status, content_type, head = submitter.evaluate(
        """async url => {
            const r = await fetch(url);
            const b = new Uint8Array(await r.arrayBuffer());
            return [r.status, r.headers.get("content-type"), String.fromCharCode(...b.slice(0, 4))];
        }""",
        link.get_attribute("href"),
    )
    assert (status, head) == (200, "%PDF") and "application/pdf" in content_type


def _numbers(cells) -> list[int]:
    return [int(text.strip() or 0) for text in cells.all_inner_texts()]


def test_the_province_reconciles_with_a_citys_half_year_report(sign_in, server):
    today = datetime.date.today()
    halves = [(today.year, 1 if today.month <= 6 else 2)]
    halves.append((halves[0][0] + 1, 1) if halves[0][1] == 2 else (halves[0][0], 2))
    reviewer = sign_in("zhejiang", "zhejiang-reviewer")
    clerk = sign_in("hangzhou", "clerk")
    compared = 0
    for year, half in halves:
        reviewer.goto(server.url("zhejiang", f"/?year={year}&half={half}"))
        row = reviewer.locator("section[data-module=trips] tr[data-city=hangzhou] td")
        province = _numbers(row)[:3]  # delegations, people, person-days
        clerk.goto(server.url("hangzhou", f"/trips/statistics/?year={year}&half={half}"))
        total = clerk.locator("table.statistics tr[data-unit=total] th")
        if total.count() == 0:
            continue
        city = _numbers(total.locator("xpath=following-sibling::th"))
        assert province == [city[0], city[1], city[3]], (year, half, province, city)
        compared += province[0]
    assert compared > 0  # the demo data has approved trips to compare
