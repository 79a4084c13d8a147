"""The main pages of every kind of user, in Chinese and in English: each is checked by axe
(no serious or critical violation), raises no console error, and leaves a screenshot in
tests/browser/out/ (``zh-…png``, ``en-…png``) for people to look at. Editing a saved
delegation in Chinese shows its dates as ISO values (a localised value empties a date input).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import audit
from tests.browser.server import OUT_DIR

pytestmark = pytest.mark.browser

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def shot(page, language: str, name: str) -> None:
    expect(page.locator("h1")).to_be_visible()
    audit(page)
    page.screenshot(path=OUT_DIR / f"{language}-{name}.png", full_page=True)


def to_english(page) -> None:
    page.locator("#user-menu").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_an_offices_pages(sign_in, server, language):
    clerk = sign_in("hangzhou", "clerk")
    if language == "en":
        to_english(clerk)
    charts = clerk.locator("section.dashboard [data-kit-chart]")
    if charts.count():  # the office's figures by month, drawn by ECharts
        expect(charts.first.locator("svg")).to_be_visible()
    shot(clerk, language, "city-home")
    clerk.locator("nav.menu a[href='/trips/']").click()
    shot(clerk, language, "trips-list")
    # a returned application, edited in the user's language: its dates stay ISO (a localised
    # value would empty every date input and fail the save)
    clerk.locator("[name=state]").select_option("returned")
    clerk.get_by_role("search").locator("button[type=submit]").click()
    clerk.locator("table.list tbody a").first.click()
    shot(clerk, language, "trips-detail")
    clerk.locator(".page-head a[href$='/edit/']").click()
    for name in ("departure", "return_date", "members-0-birth_date", "destinations-0-arrive"):
        expect(clerk.locator(f"[name='{name}']")).to_have_value(ISO)
    shot(clerk, language, "trips-edit")
    clerk.locator("main form button[type=submit].btn-primary").click()
    expect(clerk.locator(".alert-success")).to_be_visible()  # saved, no field emptied
    expect(clerk.locator(".invalid-feedback")).to_have_count(0)
    for path, name in [
        ("/trips/new/", "trips-new"),
        ("/trips/calendar/", "trips-calendar"),
        ("/trips/notices/", "trips-notices"),
        ("/trips/overdue/", "trips-overdue"),
        ("/trips/statistics/", "trips-statistics"),
        ("/trips/custody/", "trips-custody"),
        ("/inbox/", "inbox"),
        ("/invitations/", "invitations-list"),
        ("/invitations/register/", "invitations-register"),
        ("/invitations/new/", "invitations-new"),
        ("/invitations/statistics/", "invitations-statistics"),
        ("/brlc/", "brlc-home"),
        ("/brlc/members/", "brlc-members"),
        ("/brlc/applications/", "brlc-applications"),
        ("/brlc/applications/new/", "brlc-application-new"),
        ("/brlc/meetings/", "brlc-meetings"),
        ("/brlc/projects/", "brlc-projects"),
        ("/brlc/notices/", "brlc-notices"),
        ("/brlc/report/", "brlc-report"),
        ("/brlc/public/", "brlc-public-members"),
        ("/brlc/public/resolutions/", "brlc-public-resolutions"),
    ]:
        clerk.goto(server.url("hangzhou", path))
        shot(clerk, language, name)


def test_the_calendar_shows_the_days_abroad(sign_in, server):
    clerk = sign_in("hangzhou", "clerk")
    clerk.goto(server.url("hangzhou", "/trips/"))
    clerk.locator("[name=state]").select_option("approved")
    clerk.get_by_role("search").locator("button[type=submit]").click()
    link = clerk.locator("table.list tbody tr").first.locator("td").nth(2)
    month = link.inner_text()[:7]
    clerk.goto(server.url("hangzhou", f"/trips/calendar/?month={month}"))
    away = clerk.locator("table.calendar td.away").first
    expect(away).to_be_visible()
    colour = away.evaluate("cell => getComputedStyle(cell).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent", "rgb(255, 255, 255)")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_provinces_and_the_operators_pages(sign_in, server, language):
    reviewer = sign_in("zhejiang", "zhejiang-reviewer")
    if language == "en":
        to_english(reviewer)
    expect(reviewer.locator("[data-kit-chart] svg").first).to_be_visible()  # ECharts drew
    shot(reviewer, language, "province-dashboard")
    reviewer.locator("nav.menu a[href='/queue/']").click()
    shot(reviewer, language, "province-queue")

    operator = sign_in("", "operator", password="operator-demo")
    if language == "en":
        to_english(operator)
    shot(operator, language, "platform-cities")
    operator.locator("table.list a[href='/cities/hangzhou/']").click()
    shot(operator, language, "platform-city")
    operator.goto(server.url("", "/calendar/"))
    shot(operator, language, "platform-calendar")
    operator.goto(server.url("", "/audit/"))
    shot(operator, language, "audit-log")
