"""Browser tests: Playwright driving Chromium against a real gunicorn.

The Chromium is Debian's ``/usr/bin/chromium`` when installed, otherwise Playwright's own
(``playwright install chromium``) when downloaded; ``make test`` makes sure of one of them
and of a CJK font (``tests/browser/ensure_browser.sh``). Without a Chromium the tests
fail, they are not skipped.
The server and its throw-away database come from ``tests/browser/server.py``.

Every page a test's browser opens is also checked: each HTML page it visited is run through
axe-core (axe-playwright-python) and the test fails on any violation of impact "serious" or
"critical"; a console error or an uncaught exception on any page (a missing static file, a
script error) fails it too. Screenshots and the server's log go to tests/browser/out/,
printed at the end of the run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.server import OUT_DIR, Server, serve

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_MS = 15_000


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_failed = report.failed
    return report


BLOCKING_IMPACTS = {"serious", "critical"}
# Pages drawn by a third-party widget (Swagger UI for the API docs): not axe-audited, its
# markup is upstream's; console errors and CSP violations still fail a test there.
THIRD_PARTY_PAGES = {"/api/v1/docs/"}
_axe = Axe()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if OUT_DIR.exists() and any(OUT_DIR.glob("*.png")):
        terminalreporter.write_sep("-", "browser tests: screenshots and server log")
        terminalreporter.write_line(f"{OUT_DIR}")


def axe_violations(page) -> list[str]:
    """The serious and critical accessibility violations on the page as it is now."""
    results = _axe.run(page)
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") in BLOCKING_IMPACTS:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
            found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return found


class Watch:
    """What the pages of one browser context did: the HTML pages they loaded, console
    errors and uncaught exceptions. ``audit(page)`` runs axe on a page now; at the end of
    the test every HTML page visited and not yet audited is opened again and audited."""

    def __init__(self) -> None:
        self.visited: dict[str, None] = {}
        self.audited: set[str] = set()
        self.errors: list[str] = []
        self.violations: list[str] = []
        self.finished = False

    @staticmethod
    def key(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}{parts.path}" + (f"?{parts.query}" if parts.query else "")

    def attach(self, page) -> None:
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: uncaught {error}"))
        page.on("response", self._response)

    def _console(self, page, message) -> None:
        if not page.url.startswith("http"):
            return  # Chromium's own pages (its PDF viewer)
        # A page answered with its own status (400 for a form with errors) is not an error
        # of the page; any other resource that fails to load is.
        if message.location.get("url") == page.url and message.text.startswith("Failed to load resource"):
            return
        if message.type == "error":
            self.errors.append(f"{page.url}: console error: {message.text} {message.location}")

    def _response(self, response) -> None:
        request = response.request
        if not response.url.startswith("http"):
            return
        if request.resource_type != "document" or request.method != "GET" or response.status != 200:
            return
        if response.headers.get("content-type", "").startswith("text/html"):
            self.visited[self.key(response.url)] = None

    def audit(self, page) -> None:
        page.wait_for_load_state("load")
        key = self.key(page.url)
        self.audited.add(key)
        if urlsplit(key).path in THIRD_PARTY_PAGES:
            return  # console errors (CSP included) still count there
        self.violations += [f"{key}: {violation}" for violation in axe_violations(page)]

    def finish(self, context) -> None:
        if self.finished:
            return
        self.finished = True
        missing = [url for url in self.visited if url not in self.audited]
        if missing:
            page = context.new_page()
            for url in missing:
                page.goto(url)
                self.audit(page)
        problems = self.errors + self.violations
        assert not problems, "\n".join(problems)


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

    def make(
        city: str, role: str, *, username: str | None = None, password: str | None = None, second_step=True
    ):
        """``city`` is a city's or a province's code, or "" for the operators' site. Where the
        account signs in with two factors (operators, the roles a profile lists) the code of
        the demo authenticator is entered too, unless ``second_step`` is False: then the page
        is returned as the password left it."""
        context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
        context.set_default_timeout(TIMEOUT_MS)
        watch = Watch()
        context.on("page", watch.attach)
        context.watch = watch
        contexts.append((f"{role}", context))
        page = context.new_page()
        page.goto(server.url(city, "/"))
        if page.locator("#id_username").count() == 0:
            page.get_by_role("link", name="登录").first.click()
        watch.audit(page)  # the sign-in form
        page.locator("#id_username").fill(username or role)
        page.locator("#id_password").fill(password or f"{city}-demo")
        page.get_by_role("button", name="登录").click()
        if not second_step:
            page.wait_for_load_state("load")
            return page
        page.locator("#user-menu .who, form.two-factor-verify").first.wait_for()
        if page.locator("form.two-factor-verify").count():
            watch.audit(page)
            page.locator("#id_code").fill(demo_code(f"{city}/{username or role}"))
            page.locator("form.two-factor-verify button[type=submit]").click()
        page.locator("#user-menu .who").wait_for()
        return page

    yield make
    failed = getattr(request.node, "browser_failed", False)
    problems = []
    for role, context in contexts:
        if failed:
            name = re.sub(r"\W+", "-", request.node.name)
            for number, page in enumerate(context.pages):
                page.screenshot(path=OUT_DIR / f"FAILED-{name}-{role}-{number}.png", full_page=True)
        else:
            try:
                context.watch.finish(context)
            except AssertionError as error:
                problems.append(f"{role}: {error}")
        context.close()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


_demo_steps: dict[str, tuple[int, int]] = {}


def demo_code(account: str) -> str:
    """A code of the demo authenticator (``tenants.demo.DEMO_TOTP_SECRET``) the server takes
    for this account now. A code is good once: the server keeps the last time step used and
    accepts one step either side of its clock (plus the drift it learnt), so a second sign-in
    of the same account within 30 seconds uses the next step, as a phone would a moment later."""
    import base64
    import time

    from django_otp.oath import hotp

    from tenants.demo import DEMO_TOTP_SECRET

    key = base64.b32decode(DEMO_TOTP_SECRET)
    while True:
        now = int(time.time()) // 30
        last, drift = _demo_steps.get(account, (-1, 0))
        step = max(now + drift - 1, last + 1)
        if step <= now + drift + 1:
            break
        time.sleep(30 - time.time() % 30 + 0.5)
    _demo_steps[account] = (step, step - now)
    return f"{hotp(key, step):06d}"


def done(page) -> None:
    """Closes the page's browser (a user who is done), after auditing what it visited."""
    page.context.watch.finish(page.context)
    page.context.close()


def audit(page) -> None:
    """Runs axe on the page as it is now (a form showing its errors, an open menu); every
    page visited is audited anyway at the end of the test."""
    page.context.watch.audit(page)
