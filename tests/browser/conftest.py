"""Browser tests: Playwright driving Chromium against a real gunicorn.

The Chromium is Debian's ``/usr/bin/chromium`` when installed, otherwise Playwright's own
(``playwright install chromium``) when downloaded; ``make test`` makes sure of one of them
and of a CJK font (``tests/browser/ensure_browser.sh``). Without a Chromium the tests
fail, they are not skipped.
The server and its throw-away database come from ``tests/browser/server.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.server import OUT_DIR, Server, serve

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_MS = 15_000


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_failed = report.failed
    return report


def chromium_executable(playwright, debian: Path = CHROMIUM) -> str | None:
    """Debian's Chromium if installed, else Playwright's own if downloaded, else None."""
    if debian.exists():
        return str(debian)
    bundled = Path(playwright.chromium.executable_path)
    return str(bundled) if bundled.exists() else None


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        executable = chromium_executable(playwright)
        if executable is None:
            pytest.fail(
                f"The browser tests need a Chromium: Debian's at {CHROMIUM} (`apt-get install "
                "chromium`, as root) or Playwright's own (`playwright install chromium`); "
                "`make test` installs one when it can.",
                pytrace=False,
            )
        browser = playwright.chromium.launch(executable_path=executable)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def server(browser) -> Iterator[Server]:
    """The platform in its own database ``waiban_browser``, served on a free port."""
    with serve() as running:
        yield running


@pytest.fixture
def sign_in(browser, server, request):
    """sign_in(city, role) -> a page in a fresh browser context (its own cookies), signed in
    as that city's demo user for the role (password ``<city>-demo``), on the city's home.
    On a failed test each open page leaves a screenshot in tests/browser/out/."""
    contexts = []

    def make(city: str, role: str):
        context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append((f"{role}", context))
        page = context.new_page()
        page.goto(server.url(city, "/"))
        page.get_by_role("link", name="登录").click()
        page.locator("#id_username").fill(role)
        page.locator("#id_password").fill(f"{city}-demo")
        page.get_by_role("button", name="登录").click()
        page.locator("nav.menu").wait_for()
        return page

    yield make
    for role, context in contexts:
        if getattr(request.node, "browser_failed", False):
            name = re.sub(r"\W+", "-", request.node.name)
            for number, page in enumerate(context.pages):
                page.screenshot(path=OUT_DIR / f"FAILED-{name}-{role}-{number}.png", full_page=True)
        context.close()
